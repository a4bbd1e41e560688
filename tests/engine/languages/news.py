# ruff: noqa: E501  (sentences of news are longer than a line of code)
"""Short news reports in every supported language, written for lexdigest's tests.

Each language has two reports of three sentences (a weather or disaster story, then an
economy or politics story), given sentence by sentence: the tests join them into a document
and check the digest and its sentence boundaries, and ``bench/languages`` detects the
language of each report. The texts are invented news in the usual wire style of each
language; names, places and figures are illustrative.

``JOIN`` says how a language's sentences are joined in running text: with a space, or with
nothing in Chinese and Japanese, which put no space after a full stop.
"""

from __future__ import annotations

JOIN: dict[str, str] = {"zh": "", "ja": ""}

NEWS: dict[str, list[list[str]]] = {
    "ar": [
        [
            "أعلنت السلطات المصرية يوم الأربعاء إغلاق عدد من الطرق الرئيسية بسبب الأمطار الغزيرة.",
            "وقالت وزارة الداخلية إن فرق الإنقاذ تعمل على مساعدة السكان المحاصرين في القرى.",
            "هل تستطيع الحكومة تعويض المزارعين عن الخسائر الكبيرة في المحاصيل؟",
        ],
        [
            "رفع البنك المركزي سعر الفائدة الرئيسي بمقدار نصف نقطة مئوية للمرة الثالثة هذا العام.",
            "وأوضح البنك في بيان أن القرار يهدف إلى كبح التضخم الذي تجاوز عشرين في المئة.",
            "ويتوقع المحللون أن يؤدي القرار إلى تباطؤ النمو الاقتصادي في الأشهر المقبلة.",
        ],
    ],
    "bg": [
        [
            "Силна буря събори десетки дървета в София през нощта срещу сряда.",
            "Според общината няма пострадали хора, но много коли са повредени.",
            "Синоптиците предупреждават, че през уикенда се очакват още валежи.",
        ],
        [
            "Българската народна банка обяви, че инфлацията е спаднала до четири процента.",
            "Министърът на финансите заяви, че бюджетът за следващата година ще бъде внесен в парламента до края на месеца.",
            "Опозицията критикува плана за повишаване на данъците върху горивата.",
        ],
    ],
    "cs": [
        [
            "Silné bouřky v noci na středu zasáhly především jižní Čechy a Vysočinu.",
            "Hasiči vyjížděli k více než třem stovkám událostí, nejčastěji kvůli spadlým stromům.",
            "Bez elektřiny zůstalo podle energetiků přibližně čtyřicet tisíc domácností.",
        ],
        [
            "Česká národní banka ve čtvrtek ponechala základní úrokovou sazbu beze změny.",
            "Guvernér banky řekl, že inflace se vrací k cíli pomaleji, než centrální banka čekala.",
            "Ekonomové očekávají první snížení sazeb až na začátku příštího roku.",
        ],
    ],
    "da": [
        [
            "Et kraftigt skybrud ramte København tirsdag aften og satte flere gader under vand.",
            "Beredskabet oplyser, at der blev modtaget over to hundrede opkald på få timer.",
            "Metrolinjen mellem Nørreport og lufthavnen var lukket i flere timer.",
        ],
        [
            "Nationalbanken har hævet renten med et kvart procentpoint for at følge Den Europæiske Centralbank.",
            "Ifølge økonomer vil det gøre lån til boliger dyrere for mange familier.",
            "Erhvervsministeren kalder beslutningen forventet og siger, at økonomien står stærkt.",
        ],
    ],
    "de": [
        [
            "Nach tagelangem Dauerregen sind in Bayern mehrere Flüsse über die Ufer getreten.",
            "Die Feuerwehr musste am Montag mehr als 300 Menschen aus ihren Häusern in Sicherheit bringen.",
            "Der Deutsche Wetterdienst erwartet bis Mittwoch weitere starke Niederschläge, z. B. im Allgäu.",
        ],
        [
            "Die Europäische Zentralbank hat den Leitzins zum dritten Mal in Folge gesenkt.",
            "Die Inflation im Euroraum liege inzwischen nahe am Ziel von zwei Prozent, sagte die Präsidentin der Notenbank.",
            "Sparkassen und Volksbanken kündigten an, die Zinsen für Tagesgeld bald zu senken.",
        ],
    ],
    "el": [
        [
            "Ισχυρός σεισμός μεγέθους 5,8 Ρίχτερ σημειώθηκε την Τρίτη το πρωί ανοιχτά της Κρήτης.",
            "Σύμφωνα με την Πυροσβεστική, δεν έχουν αναφερθεί τραυματισμοί ή σοβαρές ζημιές.",
            "Οι σεισμολόγοι καλούν τους κατοίκους να παραμείνουν ψύχραιμοι τις επόμενες ημέρες.",
        ],
        [
            "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τις οικογένειες με χαμηλό εισόδημα.",
            "Ο υπουργός Οικονομικών δήλωσε ότι το κόστος των μέτρων θα καλυφθεί από το πλεόνασμα.",
            "Η αντιπολίτευση υποστηρίζει ότι τα μέτρα είναι ανεπαρκή για την ακρίβεια;",
        ],
    ],
    "en": [
        [
            "Heavy rain flooded dozens of homes in northern England on Tuesday, officials said.",
            "Emergency crews rescued more than 40 people from cars stranded on the A59 near York.",
            "The Environment Agency warned that river levels would keep rising until Thursday.",
        ],
        [
            "The Bank of England held interest rates at 5.25 per cent for a fourth month.",
            "Governor Andrew Bailey said inflation was falling but the job was not yet done.",
            "Markets now expect the first cut in rates by the summer, analysts at two banks said.",
        ],
    ],
    "es": [
        [
            "Las lluvias torrenciales provocaron inundaciones en varias localidades de Valencia este martes.",
            "Los servicios de emergencia rescataron a 25 personas atrapadas en sus vehículos, según el Ayuntamiento.",
            "¿Cuándo volverá la normalidad a los pueblos afectados por la tormenta?",
        ],
        [
            "El Gobierno aprobó el martes una subida del salario mínimo del cuatro por ciento.",
            "La ministra de Trabajo afirmó que la medida beneficiará a más de dos millones de trabajadores.",
            "La patronal advirtió de que el aumento podría frenar la creación de empleo en las pymes.",
        ],
    ],
    "fa": [
        [
            "باران شدید روز سه‌شنبه باعث جاری شدن سیل در چند استان شمالی ایران شد.",
            "سخنگوی هلال احمر گفت که تیم‌های امدادی صدها نفر را از مناطق سیل‌زده نجات داده‌اند.",
            "آیا مسئولان برای جلوگیری از خسارت‌های بیشتر آمادگی دارند؟",
        ],
        [
            "بانک مرکزی اعلام کرد که نرخ تورم سالانه به سی و پنج درصد کاهش یافته است.",
            "وزیر اقتصاد گفت دولت برنامه‌ای برای کنترل قیمت کالاهای اساسی دارد.",
            "کارشناسان معتقدند که کاهش ارزش پول ملی همچنان بزرگ‌ترین مشکل اقتصاد است.",
        ],
    ],
    "fi": [
        [
            "Voimakas myrsky katkaisi sähköt yli sadaltatuhannelta taloudelta Etelä-Suomessa tiistaina.",
            "Pelastuslaitoksen mukaan kaatuneita puita oli teillä satoja, ja junaliikenne oli pysähdyksissä.",
            "Sähköyhtiöt arvioivat, että kaikki vauriot saadaan korjattua torstaihin mennessä.",
        ],
        [
            "Suomen Pankki ennustaa, että talous kasvaa ensi vuonna noin prosentin.",
            "Pankin mukaan korkojen lasku helpottaa asuntolainojen maksajien tilannetta.",
            "Työttömyyden odotetaan kuitenkin pysyvän korkealla vielä pitkään.",
        ],
    ],
    "fr": [
        [
            "De violents orages ont frappé le sud-ouest de la France dans la nuit de lundi à mardi.",
            "Selon la préfecture, plus de 30 000 foyers étaient encore privés d'électricité mardi matin.",
            "« Nous n'avions jamais vu autant de grêle en si peu de temps », a confié un agriculteur du Gers.",
        ],
        [
            "Le gouvernement a présenté mercredi un projet de budget prévoyant 40 milliards d'euros d'économies.",
            "Le ministre de l'Économie a estimé que le déficit public reviendrait sous les 3 % en 2027.",
            "L'opposition dénonce des coupes qui toucheront d'abord les services publics et les collectivités.",
        ],
    ],
    "he": [
        [
            "סערה חזקה פקדה את צפון הארץ ביום שלישי וגרמה להצפות בכבישים רבים.",
            "לפי כבאות והצלה, עשרות נהגים חולצו מרכבים שנתקעו במים.",
            "השירות המטאורולוגי צופה גשם נוסף עד סוף השבוע.",
        ],
        [
            "בנק ישראל הודיע על הותרת הריבית ללא שינוי בשיעור של ארבעה וחצי אחוזים.",
            "נגיד הבנק אמר כי האינפלציה עדיין גבוהה מהיעד שנקבע לשנה הקרובה.",
            "כלכלנים מעריכים כי הורדת הריבית הראשונה תגיע רק בשנה הבאה.",
        ],
    ],
    "hi": [
        [
            "मौसम विभाग ने बुधवार को उत्तर भारत के कई राज्यों में भारी बारिश की चेतावनी जारी की।",
            "अधिकारियों के अनुसार बाढ़ से प्रभावित गांवों में राहत और बचाव कार्य तेज़ कर दिया गया है।",
            "क्या सरकार किसानों को हुए नुकसान की भरपाई करेगी?",
        ],
        [
            "भारतीय रिज़र्व बैंक ने लगातार चौथी बार रेपो दर में कोई बदलाव नहीं किया।",
            "गवर्नर ने कहा कि महंगाई पर नियंत्रण बैंक की सबसे बड़ी प्राथमिकता बनी हुई है।",
            "विशेषज्ञों का मानना है कि अगले साल की शुरुआत में ब्याज दरें घट सकती हैं।",
        ],
    ],
    "hu": [
        [
            "Heves zivatarok vonultak át kedden Budapesten és a Dunántúlon.",
            "A katasztrófavédelem szerint több száz fa dőlt ki, és számos utat le kellett zárni.",
            "A meteorológiai szolgálat csütörtökig újabb viharokra figyelmeztet.",
        ],
        [
            "A Magyar Nemzeti Bank csütörtökön fél százalékponttal csökkentette az alapkamatot.",
            "A jegybank elnöke szerint az infláció lassulása lehetővé tette a döntést.",
            "Az elemzők arra számítanak, hogy a forint árfolyama gyengülhet a következő hetekben.",
        ],
    ],
    "id": [
        [
            "Banjir besar melanda sejumlah wilayah di Jakarta setelah hujan deras turun sejak Senin malam.",
            "Badan Penanggulangan Bencana Daerah mencatat lebih dari lima ribu warga terpaksa mengungsi.",
            "Pemerintah provinsi berjanji akan memperbaiki sistem drainase sebelum musim hujan berikutnya.",
        ],
        [
            "Bank Indonesia memutuskan untuk mempertahankan suku bunga acuan pada level enam persen.",
            "Gubernur bank sentral mengatakan keputusan itu diambil untuk menjaga stabilitas nilai tukar rupiah.",
            "Para ekonom memperkirakan pertumbuhan ekonomi tahun ini akan mencapai sekitar lima persen.",
        ],
    ],
    "it": [
        [
            "Una violenta ondata di maltempo ha colpito la Liguria nella notte tra lunedì e martedì.",
            "Secondo la Protezione civile, decine di famiglie sono state evacuate a causa delle frane.",
            "Il sindaco di Genova ha chiesto al governo lo stato di emergenza per la regione.",
        ],
        [
            "L'Istat ha comunicato che l'inflazione è scesa all'uno per cento nel mese di ottobre.",
            "Il ministro dell'Economia ha definito il dato un segnale positivo per le famiglie italiane.",
            "I sindacati chiedono però aumenti salariali per recuperare il potere d'acquisto perso.",
        ],
    ],
    "ja": [
        [
            "気象庁によると、大型の台風十号は水曜日の夜に九州南部に上陸する見込みです。",
            "鹿児島県では、すでに約二万人に避難指示が出されています。",
            "「命を守る行動を取ってください」と気象庁の担当者は記者会見で呼びかけました。",
        ],
        [
            "日本銀行は金融政策決定会合で、政策金利を据え置くことを決めました。",
            "植田総裁は、物価の上昇が賃金の伸びを伴っているかを慎重に見極めると述べました。",
            "市場では、年内に追加の利上げがあるとの見方が広がっています。",
        ],
    ],
    "ko": [
        [
            "기상청은 수요일 오후부터 중부 지방에 최대 이백 밀리미터의 폭우가 내릴 것이라고 밝혔다.",
            "서울시는 침수 피해를 막기 위해 하천 주변 도로의 통행을 통제하기로 했다.",
            "시민들은 불필요한 외출을 자제해 달라는 안내 문자를 받았다.",
        ],
        [
            "한국은행은 목요일 기준금리를 연 삼 퍼센트로 동결한다고 발표했다.",
            "총재는 물가 상승률이 둔화하고 있지만 가계 부채가 여전히 부담이라고 말했다.",
            "전문가들은 내년 상반기에 금리 인하가 시작될 것으로 예상하고 있다.",
        ],
    ],
    "nl": [
        [
            "Een zware storm heeft dinsdag in het noorden van Nederland voor veel schade gezorgd.",
            "Volgens de brandweer zijn honderden bomen omgewaaid en zijn meerdere wegen afgesloten.",
            "Het KNMI verwacht dat de wind woensdagochtend langzaam zal afnemen.",
        ],
        [
            "Het kabinet wil de belasting op arbeid verlagen om werken aantrekkelijker te maken.",
            "De minister van Financiën zei dat het plan in totaal drie miljard euro kost.",
            "Werkgevers reageren positief, maar vakbonden vinden de maatregelen niet ver genoeg gaan.",
        ],
    ],
    "no": [
        [
            "Uværet førte til at flere veier på Vestlandet ble stengt på grunn av ras tirsdag.",
            "Politiet opplyser at ingen personer er meldt savnet etter skredene.",
            "Meteorologisk institutt har sendt ut farevarsel for kraftig nedbør frem til torsdag.",
        ],
        [
            "Norges Bank holdt styringsrenten uendret på fire og et halvt prosent.",
            "Sentralbanksjefen sa at renten trolig vil bli satt ned i løpet av neste år.",
            "Kronen styrket seg mot euro etter at beslutningen ble kjent.",
        ],
    ],
    "pl": [
        [
            "Gwałtowne burze przeszły we wtorek nad południową Polską, zrywając dachy i łamiąc drzewa.",
            "Straż pożarna interweniowała ponad tysiąc razy, głównie w województwie małopolskim.",
            "Według synoptyków w czwartek możliwe są kolejne intensywne opady deszczu.",
        ],
        [
            "Rada Polityki Pieniężnej pozostawiła stopy procentowe bez zmian na listopadowym posiedzeniu.",
            "Prezes banku centralnego powiedział, że inflacja wciąż przekracza cel banku.",
            "Ekonomiści spodziewają się pierwszej obniżki stóp dopiero w przyszłym roku.",
        ],
    ],
    "pt": [
        [
            "As fortes chuvas que atingiram o Rio Grande do Sul deixaram milhares de pessoas desalojadas.",
            "Segundo a Defesa Civil, mais de 80 municípios decretaram situação de emergência.",
            "O governador pediu ajuda federal para a reconstrução de estradas e pontes.",
        ],
        [
            "O Banco Central manteve a taxa Selic em dez e meio por cento ao ano.",
            "Em comunicado, o comitê afirmou que a inflação continua acima da meta estabelecida.",
            "Economistas esperam que os juros comecem a cair apenas no segundo semestre.",
        ],
    ],
    "ro": [
        [
            "Ploile torențiale au provocat inundații în mai multe județe din Moldova, marți.",
            "Potrivit pompierilor, zeci de case au fost inundate, iar mai multe drumuri sunt blocate.",
            "Meteorologii au emis un cod portocaliu de ploi valabil până joi seara.",
        ],
        [
            "Banca Națională a României a menținut dobânda de politică monetară la șase la sută.",
            "Guvernatorul băncii a declarat că inflația va scădea treptat în lunile următoare.",
            "Analiștii se așteaptă ca leul să rămână stabil față de euro până la sfârșitul anului.",
        ],
    ],
    "ru": [
        [
            "Сильный снегопад парализовал движение на дорогах Москвы во вторник утром.",
            "По данным мэрии, на уборку улиц вышли более десяти тысяч единиц техники.",
            "Синоптики предупреждают, что снег будет идти до конца недели, т. е. ещё три дня.",
        ],
        [
            "Центральный банк России повысил ключевую ставку до двадцати одного процента.",
            "Глава регулятора заявила, что инфляция остаётся значительно выше цели банка.",
            "Аналитики ожидают, что высокие ставки замедлят рост кредитования в следующем году.",
        ],
    ],
    "sv": [
        [
            "Kraftiga skyfall orsakade översvämningar i flera delar av Göteborg på tisdagen.",
            "Räddningstjänsten fick hundratals samtal om vattenfyllda källare och avstängda vägar.",
            "SMHI varnar för att mer regn kan falla under onsdagen.",
        ],
        [
            "Riksbanken sänkte styrräntan med en kvarts procentenhet till tre procent.",
            "Riksbankschefen sade att inflationen nu ligger nära målet på två procent.",
            "Bankerna väntas sänka sina bolåneräntor redan under nästa vecka.",
        ],
    ],
    "th": [
        [
            "กรมอุตุนิยมวิทยาประกาศเตือนว่าจะมีฝนตกหนักในภาคเหนือของประเทศไทยตลอดสัปดาห์นี้",
            "เจ้าหน้าที่ได้อพยพชาวบ้านหลายร้อยครอบครัวออกจากพื้นที่เสี่ยงน้ำท่วมแล้ว",
            "ผู้ว่าราชการจังหวัดเชียงใหม่ขอให้ประชาชนติดตามข่าวสารอย่างใกล้ชิด",
        ],
        [
            "ธนาคารแห่งประเทศไทยมีมติคงอัตราดอกเบี้ยนโยบายไว้ที่ร้อยละสองจุดห้า",
            "ผู้ว่าการธนาคารกล่าวว่าเศรษฐกิจไทยยังคงฟื้นตัวอย่างช้าๆ",
            "นักวิเคราะห์คาดว่าการส่งออกจะเพิ่มขึ้นในไตรมาสสุดท้ายของปี",
        ],
    ],
    "tr": [
        [
            "Karadeniz Bölgesi'nde etkili olan sağanak yağış nedeniyle birçok ilçede sel meydana geldi.",
            "AFAD'dan yapılan açıklamaya göre yüzlerce kişi güvenli bölgelere tahliye edildi.",
            "Meteoroloji, yağışların perşembe gününe kadar devam edeceğini bildirdi.",
        ],
        [
            "Merkez Bankası politika faizini yüzde elli seviyesinde sabit tuttu.",
            "Banka, enflasyondaki düşüşün beklenenden yavaş olduğunu açıkladı.",
            "Ekonomistler, faiz indirimlerinin gelecek yılın başında başlayabileceğini tahmin ediyor.",
        ],
    ],
    "uk": [
        [
            "Потужна злива підтопила кілька районів Києва у вівторок увечері.",
            "За даними рятувальників, воду відкачували з десятків підвалів і підземних переходів.",
            "Синоптики прогнозують, що дощі триватимуть до кінця тижня.",
        ],
        [
            "Національний банк України залишив облікову ставку на рівні тринадцяти відсотків.",
            "Голова банку заявив, що інфляція поступово сповільнюється завдяки стабільному курсу гривні.",
            "Економісти очікують зниження ставки вже на початку наступного року.",
        ],
    ],
    "vi": [
        [
            "Mưa lớn kéo dài nhiều ngày đã gây ngập lụt nghiêm trọng tại các tỉnh miền Trung.",
            "Theo Ban Chỉ huy phòng chống thiên tai, hơn mười nghìn hộ dân đã phải sơ tán.",
            "Chính quyền địa phương đang khẩn trương khắc phục hậu quả và hỗ trợ người dân.",
        ],
        [
            "Ngân hàng Nhà nước quyết định giữ nguyên lãi suất điều hành trong quý tới.",
            "Thống đốc cho biết lạm phát vẫn được kiểm soát ở mức dưới bốn phần trăm.",
            "Các chuyên gia dự báo tăng trưởng kinh tế năm nay sẽ đạt khoảng sáu phần trăm.",
        ],
    ],
    "zh": [
        [
            "中央气象台周二发布暴雨橙色预警，广东、广西等地将出现大到暴雨。",
            "据当地媒体报道，广州已有多条道路积水，部分地铁站临时关闭。",
            "气象专家提醒市民减少外出，注意防范山洪和城市内涝。",
        ],
        [
            "国家统计局公布的数据显示，第三季度国内生产总值同比增长百分之四点六。",
            "发言人表示，消费和投资继续回升，经济运行总体保持稳定。",
            "分析人士认为，房地产市场的调整仍将对经济增长形成压力。",
        ],
    ],
}


def document(code: str) -> tuple[str, list[str]]:
    """The text of a language's two reports (a blank line apart) and its sentences in order."""
    join = JOIN.get(code, " ")
    paragraphs = [join.join(p) for p in NEWS[code]]
    return "\n\n".join(paragraphs), [s for p in NEWS[code] for s in p]

# ruff: noqa: E501  (sentences of news are longer than a line of code)
"""Harder news texts for ``bench/languages``, written for lexdigest (names and figures invented).

Where ``tests/engine/languages/news.py`` has clean, long sentences, these are what trips a
detector on real feeds:

- ``HARD``: three short sentences per document in each supported language, full of English
  company names, foreign personal names, acronyms and figures, and written in pairs that
  share vocabulary: es/pt/it/ro/fr (and Catalan, Galician), nl/de (and Afrikaans), ru/uk/bg,
  da/no/sv, cs/pl (and Slovak), hi (and Marathi, Nepali), id (and Malay), zh/ja with
  kanji-heavy Japanese and traditional Chinese, ar/fa;
- ``NEAR``: the same stories in related languages lexdigest does not support, with the
  supported languages whose analysis suits them (the code a detector should fall back to);
- ``MIXED``: a document in one language quoting English at length, or carrying English page
  furniture, whose language is the one of most of its sentences.
"""

from __future__ import annotations

HARD: dict[str, list[str]] = {
    "ar": [
        "قال رئيس الوزراء إن الحكومة ستفتح 12 مدرسة جديدة في الخليل. وأضاف أن التمويل يأتي من البنك الدولي وشركة Microsoft. ولم يحدد موعدا لبدء العمل.",
        "ارتفعت أسعار النفط بنسبة 3% بعد قرار أوبك+ خفض الإنتاج. وبلغ سعر خام برنت 84 دولارا للبرميل. ويتوقع محللون في Goldman Sachs مزيدا من الارتفاع.",
        "فاز الهلال على النصر بهدفين مقابل هدف. وسجل الهدفين اللاعب ألكسندر ميتروفيتش. وتقام المباراة المقبلة يوم الجمعة في الرياض.",
    ],
    "bg": [
        "Премиерът обяви оставката на правителството в понеделник. Решението беше взето след среща с партньорите от ГЕРБ. Изборите ще бъдат през юни.",
        "Цената на тока за бизнеса скочи с 15% през януари. Според експертите причината е студеното време в Европа. Държавата ще помогне на малките фирми.",
        "Левски победи ЦСКА с 2:1 на Националния стадион. Головете вкараха Маркус и Велков. Треньорът каза, че отборът е играл добре.",
    ],
    "cs": [
        "Vláda ve středu schválila návrh rozpočtu na příští rok. Schodek má dosáhnout 252 miliard korun. Opozice návrh ostře kritizuje.",
        "Společnost Škoda Auto loni prodala přes 860 tisíc vozů. Nejvíce aut zamířilo do Německa a Velké Británie. Firma chce letos uvést dva nové elektromobily.",
        "Na dálnici D1 u Brna se srazila tři nákladní auta. Jeden řidič byl zraněn. Policie úsek na několik hodin uzavřela.",
    ],
    "da": [
        "Regeringen vil hæve afgiften på cigaretter med 20 kroner. Det siger skatteministeren til DR. Forslaget skal behandles i Folketinget efter sommerferien.",
        "Novo Nordisk har øget sit overskud med 31 procent. Det skyldes især salget af Wegovy i USA. Aktien steg over fem procent tirsdag.",
        "To personer er kommet til skade ved en brand i Aarhus. Ilden opstod i en lejlighed på tredje sal. Politiet efterforsker årsagen.",
    ],
    "de": [
        "Die Bundesregierung will das Bürgergeld im nächsten Jahr nicht erhöhen. Das sagte der Arbeitsminister am Montag in Berlin. Die Grünen kritisierten den Plan.",
        "Der Autobauer BMW hat im dritten Quartal 2,1 Milliarden Euro verdient. Das sind 30 Prozent weniger als vor einem Jahr. Grund sei die schwache Nachfrage in China.",
        "Bei einem Unfall auf der A7 bei Hamburg sind zwei Menschen gestorben. Ein Lkw war auf ein Stauende aufgefahren. Die Autobahn blieb bis zum Abend gesperrt.",
    ],
    "el": [
        "Η κυβέρνηση ανακοίνωσε την Τρίτη αύξηση του κατώτατου μισθού κατά 6%. Το μέτρο αφορά περίπου 600.000 εργαζόμενους. Τα συνδικάτα ζητούν περισσότερα.",
        "Ισχυρή καταιγίδα άφησε χωρίς ρεύμα 40.000 νοικοκυριά στη Θεσσαλονίκη. Η πυροσβεστική δέχτηκε πάνω από 300 κλήσεις. Δεν υπήρξαν σοβαροί τραυματισμοί.",
        "Ο Ολυμπιακός νίκησε τον Παναθηναϊκό με 2-1 στο Φάληρο. Το νικητήριο γκολ σημείωσε ο Ελ Κααμπί. Η ομάδα είναι πρώτη με 45 βαθμούς.",
    ],
    "en": [
        "Apple said on Tuesday it would cut 600 jobs in California. The company did not say which teams were affected. Its shares fell 1.2% in New York.",
        "Heavy rain flooded parts of Mumbai on Monday. Trains were suspended and schools closed. The city's weather office expects more rain this week.",
        "Bayern Munich beat Real Madrid 2-1 at the Allianz Arena. Jamal Musiala scored the winner in the 88th minute. The second leg is in Madrid next Wednesday.",
    ],
    "es": [
        "El Gobierno aprobó el martes una subida del salario mínimo del 4%. La medida beneficiará a unos 2,5 millones de trabajadores. La patronal CEOE no apoyó el acuerdo.",
        "Una tormenta dejó sin luz a 40.000 hogares en Valencia. Los bomberos atendieron más de 300 avisos durante la noche. No hubo heridos graves.",
        "El Real Madrid ganó 3-1 al Barcelona en el Santiago Bernabéu. Vinícius Júnior marcó dos goles. El equipo blanco es líder con 45 puntos.",
    ],
    "fa": [
        "بانک مرکزی روز سه‌شنبه نرخ بهره را ۲ درصد افزایش داد. این تصمیم برای مهار تورم گرفته شد. کارشناسان می‌گویند تأثیر آن محدود خواهد بود.",
        "زلزله‌ای به بزرگی ۵.۶ ریشتر استان کرمان را لرزاند. به گفته هلال احمر دست‌کم ۱۵ نفر زخمی شدند. تیم‌های امدادی به منطقه اعزام شدند.",
        "تیم ملی فوتبال در بازی دوستانه ۲ بر ۱ از قطر برد. مهدی طارمی گل پیروزی را زد. بازی بعدی هفته آینده در تهران است.",
    ],
    "fi": [
        "Hallitus aikoo nostaa arvonlisäveroa prosenttiyksiköllä. Asiasta kertoi valtiovarainministeri tiistaina. Oppositio arvostelee suunnitelmaa.",
        "Nokia kertoi tekevänsä kolmannella neljänneksellä 420 miljoonan euron voiton. Tulos oli parempi kuin analyytikot odottivat. Osake nousi Helsingin pörssissä viisi prosenttia.",
        "Kaksi ihmistä loukkaantui kolarissa Tampereella sunnuntaina. Henkilöauto ja kuorma-auto törmäsivät risteyksessä. Poliisi tutkii onnettomuuden syytä.",
    ],
    "fr": [
        "Le gouvernement a annoncé mardi une hausse de 4 % du salaire minimum. La mesure concerne environ 2 millions de salariés. Le Medef a critiqué la décision.",
        "Une tempête a privé d'électricité 40 000 foyers en Bretagne. Les pompiers sont intervenus plus de 300 fois dans la nuit. Aucun blessé grave n'est à déplorer.",
        "Le PSG a battu l'OM 3-1 au Parc des Princes. Ousmane Dembélé a inscrit un doublé. Le club parisien compte désormais 45 points.",
    ],
    "he": [
        "הממשלה אישרה ביום שלישי העלאה של 5% בשכר המינימום. ההחלטה תשפיע על כ-400 אלף עובדים. ההסתדרות אמרה שזה לא מספיק.",
        "סערה חזקה השאירה 40 אלף בתים בלי חשמל בחיפה. הכבאים קיבלו יותר מ-300 קריאות במהלך הלילה. לא היו פצועים קשה.",
        "מכבי תל אביב ניצחה את הפועל ירושלים 85:79. השחקן האמריקאי קלע 25 נקודות. הקבוצה נמצאת במקום הראשון בליגה.",
    ],
    "hi": [
        "केंद्र सरकार ने मंगलवार को पेट्रोल की कीमत में 2 रुपये की कटौती की। यह फैसला दिल्ली में कैबिनेट की बैठक में लिया गया। विपक्ष ने इसे चुनावी कदम बताया।",
        "मुंबई में भारी बारिश से कई इलाकों में पानी भर गया। लोकल ट्रेन सेवाएं तीन घंटे तक बंद रहीं। मौसम विभाग ने अगले दो दिन के लिए अलर्ट जारी किया है।",
        "भारत ने ऑस्ट्रेलिया को पहले टेस्ट में 295 रन से हराया। जसप्रीत बुमराह ने मैच में आठ विकेट लिए। दूसरा मैच एडिलेड में खेला जाएगा।",
    ],
    "hu": [
        "A kormány kedden bejelentette, hogy 10 százalékkal emeli a minimálbért. Az intézkedés mintegy 700 ezer munkavállalót érint. A szakszervezetek szerint ez nem elég.",
        "Egy vihar miatt 40 ezer háztartás maradt áram nélkül Debrecenben. A tűzoltók több mint 300 alkalommal vonultak ki. Súlyos sérülés nem történt.",
        "A Ferencváros 2-1-re legyőzte az Újpestet a Groupama Arénában. A győztes gólt Varga Barnabás szerezte. A csapat 45 ponttal vezeti a bajnokságot.",
    ],
    "id": [
        "Pemerintah menaikkan harga BBM bersubsidi sebesar 10 persen mulai Sabtu. Menteri Keuangan mengatakan subsidi terlalu berat bagi APBN. Mahasiswa berencana menggelar demonstrasi di Jakarta.",
        "Banjir merendam ratusan rumah di Bekasi setelah hujan deras semalam. Sebanyak 1.200 warga mengungsi ke masjid dan sekolah. BPBD mengerahkan perahu karet untuk evakuasi.",
        "Timnas Indonesia menang 2-1 atas Vietnam di Stadion Gelora Bung Karno. Gol kemenangan dicetak oleh Rafael Struick. Indonesia kini berada di posisi kedua grup.",
    ],
    "it": [
        "Il governo ha approvato martedì un aumento delle pensioni minime del 3%. La misura riguarda circa due milioni di persone. I sindacati chiedono di più.",
        "Un temporale ha lasciato senza corrente 40 mila famiglie a Milano. I vigili del fuoco sono intervenuti più di 300 volte durante la notte. Non ci sono feriti gravi.",
        "La Juventus ha battuto l'Inter 2-1 all'Allianz Stadium. Dusan Vlahovic ha segnato il gol della vittoria. La squadra è ora seconda con 45 punti.",
    ],
    "ja": [
        "日本銀行は19日、金融政策決定会合で政策金利を0.5%に引き上げると決定した。総裁は記者会見で物価上昇が続く見通しを示した。市場関係者の多くは追加利上げを予想している。",
        "政府は来年度予算案を閣議決定した。一般会計総額は過去最大の115兆円。防衛費と社会保障費の増加が主因だ。",
        "大谷翔平選手が本拠地で第50号本塁打を放った。ドジャースは8対4で勝利し、地区首位を維持した。試合後、監督は大谷選手の活躍を称賛した。",
    ],
    "ko": [
        "한국은행은 11일 기준금리를 연 3.25%로 0.25%포인트 인하했다. 총재는 물가 상승률이 안정세를 보이고 있다고 말했다. 시장에서는 추가 인하 가능성도 제기된다.",
        "서울에 폭설이 내려 출근길 교통이 크게 혼잡했다. 기상청은 수도권에 대설경보를 발령했다. 인천공항에서는 항공편 30편이 결항됐다.",
        "삼성전자는 3분기 영업이익이 9조 1천억 원을 기록했다고 밝혔다. 이는 시장 예상치를 밑도는 수준이다. 회사 측은 반도체 수요 회복이 늦어지고 있다고 설명했다.",
    ],
    "nl": [
        "Het kabinet wil de accijns op benzine volgend jaar verhogen. Dat zei de minister dinsdag in Den Haag. De oppositie noemt het plan onverstandig.",
        "Chipmachinemaker ASML heeft in het derde kwartaal 2,1 miljard euro winst gemaakt. Dat is meer dan analisten hadden verwacht. Het aandeel steeg ruim vier procent.",
        "Bij een ongeluk op de A2 bij Utrecht zijn twee mensen om het leven gekomen. Een vrachtwagen reed in op een file. De weg was urenlang dicht.",
    ],
    "no": [
        "Regjeringen vil øke bensinavgiften med to kroner literen. Det sier finansministeren til NRK. Forslaget blir lagt fram i statsbudsjettet i oktober.",
        "Equinor fikk et resultat på 7,5 milliarder dollar i tredje kvartal. Det er lavere enn i fjor. Selskapet sier at gassprisene har falt.",
        "To personer ble skadet i en brann i Bergen natt til søndag. Brannen startet i en leilighet i fjerde etasje. Politiet vet ennå ikke hva som skjedde.",
    ],
    "pl": [
        "Rząd przyjął we wtorek projekt budżetu na przyszły rok. Deficyt ma wynieść 289 miliardów złotych. Opozycja zapowiada, że będzie głosować przeciw.",
        "Silna burza pozbawiła prądu 40 tysięcy domów w okolicach Krakowa. Strażacy interweniowali ponad 300 razy w ciągu nocy. Nikt nie został poważnie ranny.",
        "Legia Warszawa pokonała Lecha Poznań 2:1 przy Łazienkowskiej. Zwycięskiego gola strzelił Marc Gual. Drużyna ma teraz 45 punktów.",
    ],
    "pt": [
        "O governo aprovou na terça-feira um aumento de 6% no salário mínimo. A medida vai beneficiar cerca de 3 milhões de trabalhadores. Os sindicatos dizem que não é suficiente.",
        "Uma tempestade deixou 40 mil casas sem luz em Lisboa. Os bombeiros receberam mais de 300 pedidos de ajuda durante a noite. Não houve feridos graves.",
        "O Benfica venceu o Porto por 2-1 no Estádio da Luz. Ángel Di María marcou o golo da vitória. A equipa está em primeiro lugar com 45 pontos.",
    ],
    "ro": [
        "Guvernul a aprobat marți o creștere a salariului minim cu 10%. Măsura va afecta aproximativ 1,8 milioane de angajați. Sindicatele spun că nu este suficient.",
        "O furtună a lăsat fără curent 40.000 de locuințe în Cluj. Pompierii au intervenit de peste 300 de ori în timpul nopții. Nu au fost răniți grav.",
        "FCSB a învins CFR Cluj cu 2-1 pe Arena Națională. Darius Olaru a marcat golul victoriei. Echipa este pe primul loc cu 45 de puncte.",
    ],
    "ru": [
        "Центробанк в пятницу повысил ключевую ставку до 16%. Об этом сообщила глава регулятора. Аналитики ожидали такого решения.",
        "Сильный снегопад парализовал движение в Москве. Из-за непогоды в аэропорту Шереметьево задержаны 50 рейсов. Синоптики обещают похолодание.",
        "«Зенит» обыграл «Спартак» со счётом 2:1. Победный гол забил Клаудиньо на 85-й минуте. Команда лидирует с 45 очками.",
    ],
    "sv": [
        "Regeringen vill sänka skatten på bensin med en krona per liter. Det säger finansministern till SVT. Förslaget ska läggas fram i budgeten i september.",
        "Volvo Cars ökade sin försäljning med 12 procent i maj. Mest ökade elbilarna i Europa. Aktien steg med fyra procent på Stockholmsbörsen.",
        "Två personer skadades i en brand i Göteborg natten mot söndag. Branden startade i en lägenhet på tredje våningen. Polisen utreder vad som hänt.",
    ],
    "th": [
        "ธนาคารแห่งประเทศไทยมีมติคงอัตราดอกเบี้ยนโยบายไว้ที่ร้อยละ 2.5 ผู้ว่าการธนาคารกล่าวว่าเศรษฐกิจไทยยังฟื้นตัวอย่างต่อเนื่อง นักวิเคราะห์คาดว่าจะมีการลดดอกเบี้ยในปีหน้า",
        "ฝนตกหนักในกรุงเทพมหานครทำให้น้ำท่วมหลายพื้นที่ การจราจรติดขัดอย่างหนักในช่วงเย็น กรมอุตุนิยมวิทยาเตือนว่าจะมีฝนตกต่อเนื่องอีกสามวัน",
        "ทีมชาติไทยชนะเวียดนาม 2-1 ในศึกฟุตบอลอาเซียนคัพ กองหน้าทีมชาติไทยยิงประตูชัยในนาทีที่ 88 ทีมไทยจะพบกับอินโดนีเซียในรอบชิงชนะเลิศ",
    ],
    "tr": [
        "Merkez Bankası perşembe günü politika faizini yüzde 50'de sabit tuttu. Banka, enflasyonun düşmeye başladığını açıkladı. Ekonomistler faiz indiriminin yıl sonunda başlamasını bekliyor.",
        "İstanbul'da etkili olan sağanak yağış nedeniyle birçok ev su altında kaldı. İtfaiye ekipleri gece boyunca 300'den fazla ihbara müdahale etti. Yaralanan olmadı.",
        "Galatasaray, Fenerbahçe'yi 2-1 yendi. Galibiyet golünü Mauro Icardi attı. Sarı-kırmızılılar 45 puanla liderliğini sürdürüyor.",
    ],
    "uk": [
        "Нацбанк у четвер знизив облікову ставку до 14,5%. Про це повідомив голова НБУ. Аналітики очікували такого рішення.",
        "Сильний снігопад паралізував рух у Києві. Через негоду в аеропорту Бориспіль затримали 20 рейсів. Синоптики обіцяють похолодання.",
        "«Шахтар» переміг «Динамо» з рахунком 2:1. Переможний гол забив Судаков на 85-й хвилині. Команда лідирує з 45 очками.",
    ],
    "vi": [
        "Ngân hàng Nhà nước hôm thứ Ba đã giảm lãi suất điều hành 0,5 điểm phần trăm. Quyết định này nhằm hỗ trợ doanh nghiệp phục hồi sản xuất. Các chuyên gia cho rằng lạm phát vẫn trong tầm kiểm soát.",
        "Mưa lớn gây ngập nhiều tuyến đường ở Hà Nội vào chiều qua. Hàng nghìn xe máy bị chết máy trên đường Nguyễn Trãi. Cơ quan khí tượng dự báo mưa còn kéo dài hai ngày.",
        "Đội tuyển Việt Nam thắng Thái Lan 2-1 tại sân Mỹ Đình. Nguyễn Tiến Linh ghi bàn thắng quyết định. Việt Nam sẽ gặp Indonesia ở bán kết.",
    ],
    "zh": [
        "中国人民银行周一宣布下调存款准备金率0.5个百分点。此举预计将释放长期资金约1万亿元。分析人士认为，这有助于稳定经济增长。",
        "台灣中央銀行週四宣布維持利率不變。總裁表示通膨壓力已經減輕。市場普遍預期明年將開始降息。",
        "苹果公司发布了新款iPhone 16手机。北京和上海的门店排起长队。公司表示，中国市场销量同比增长8%。",
    ],
}

# Unsupported languages: (the supported codes whose analysis suits them, documents).
NEAR: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "af": (("nl",), [
        "Die regering wil die prys van petrol volgende maand verlaag. Dit het die minister van finansies Dinsdag in Kaapstad gesê. Die opposisie sê dit is nie genoeg nie.",
        "Twee mense is dood in 'n ongeluk op die N1 naby Bloemfontein. 'n Vragmotor het met 'n minibustaxi gebots. Die pad was vir ure gesluit.",
    ]),
    "ca": (("es", "fr", "it", "pt"), [
        "El Govern va aprovar dimarts una pujada del salari mínim del 4%. La mesura beneficiarà uns 300.000 treballadors a Catalunya. Els sindicats diuen que no n'hi ha prou.",
        "Una tempesta va deixar sense llum 40.000 llars a Barcelona. Els bombers van rebre més de 300 avisos durant la nit. No hi va haver ferits greus.",
    ]),
    "gl": (("pt", "es"), [
        "O Goberno galego aprobou onte un novo plan contra os incendios forestais. A medida contará cun orzamento de 20 millóns de euros. Os sindicatos consideran que chega tarde.",
    ]),
    "mr": (("hi",), [
        "राज्य सरकारने मंगळवारी शेतकऱ्यांसाठी नवीन योजना जाहीर केली. या योजनेचा फायदा सुमारे दहा लाख शेतकऱ्यांना होणार आहे. विरोधकांनी या निर्णयावर टीका केली.",
        "पुण्यात मुसळधार पावसामुळे अनेक रस्त्यांवर पाणी साचले. शाळांना दोन दिवस सुट्टी देण्यात आली आहे. हवामान विभागाने आणखी पावसाचा इशारा दिला आहे.",
    ]),
    "ne": (("hi",), [
        "सरकारले मंगलबार पेट्रोलको मूल्य प्रतिलिटर पाँच रुपैयाँले घटाएको छ। यो निर्णय मन्त्रिपरिषद्को बैठकले गरेको हो। विपक्षी दलहरूले यसलाई स्वागत गरेका छन्।",
        "काठमाडौंमा भारी वर्षाका कारण धेरै सडक डुबानमा परे। प्रहरीका अनुसार दुई जनाको मृत्यु भएको छ। मौसम विभागले थप वर्षा हुने जनाएको छ।",
    ]),
    "ms": (("id",), [
        "Kerajaan akan menaikkan harga petrol RON95 sebanyak 10 sen seliter mulai Khamis. Menteri Kewangan berkata langkah itu perlu untuk mengurangkan subsidi. Harga diesel kekal tidak berubah.",
        "Banjir kilat melanda beberapa kawasan di Kuala Lumpur petang semalam. Lebih 500 mangsa dipindahkan ke pusat pemindahan sementara. Jabatan Bomba menerima 80 panggilan kecemasan.",
    ]),
    "sk": (("cs",), [
        "Vláda v stredu schválila návrh rozpočtu na budúci rok. Schodok má dosiahnuť päť percent HDP. Opozícia návrh ostro kritizuje.",
    ]),
}

# (language of most sentences, document): English quotes and page furniture inside.
MIXED: list[tuple[str, str]] = [
    ("de", "Der Konzern zeigte sich am Mittwoch zufrieden. „We are very pleased with the results in China and the US“, sagte der Vorstandschef in Stuttgart. Die Aktie legte um drei Prozent zu. Analysten hatten mit weniger gerechnet."),
    ("fr", "Read more: Top stories\nLe président a reçu son homologue américain à l'Élysée. « This is a historic day for our two countries », a déclaré le visiteur. Les deux hommes ont signé un accord sur l'énergie.\nShare this article"),
    ("es", "La empresa anunció el cierre de su planta en Zaragoza. «We have no other choice», dijo su consejero delegado en un comunicado. Unos 800 empleados perderán su trabajo. Los sindicatos convocaron una huelga."),
    ("ru", "Глава компании выступил на форуме в Санкт-Петербурге. «Artificial intelligence will change every industry», — сказал он по-английски. Затем он перешёл на русский. Выступление длилось час."),
    ("hi", "कंपनी के प्रमुख ने बेंगलुरु में एक कार्यक्रम में कहा, \"AI is the most important technology of our time.\" उन्होंने बताया कि कंपनी भारत में दस हजार लोगों को नौकरी देगी। कार्यक्रम में कई मंत्री मौजूद थे।"),
    ("ar", "وصل وزير الخارجية الأمريكي إلى القاهرة مساء الثلاثاء. وقال للصحفيين \"We are working hard for a ceasefire\". ثم التقى الرئيس المصري لمدة ساعتين. ولم يصدر بيان بعد اللقاء."),
    ("zh", "苹果公司首席执行官周三在上海表示：\"China is a very important market for Apple.\"他参观了一家供应商的工厂。这是他今年第二次访华。"),
    ("ja", "トヨタ自動車の社長は名古屋で記者会見を開いた。\"We will invest 5 billion dollars in battery plants,\" と英語で述べた。新工場は2027年に稼働する予定だ。"),
    ("it", "Il premier ha incontrato a Roma il presidente della Commissione europea. «Italy is a key partner for Europe», ha detto l'ospite. I due hanno discusso di migranti e di energia."),
    ("pt", "O ministro recebeu em Brasília uma delegação do Fundo Monetário Internacional. \"Brazil has made real progress\", disse a diretora do FMI. A reunião durou três horas."),
    ("nl", "De premier ontving dinsdag de Amerikaanse minister van Buitenlandse Zaken. 'The Netherlands is a strong ally', zei de gast na afloop. Het gesprek ging vooral over Oekraïne."),
    ("tr", "Cumhurbaşkanı Ankara'da ABD'li bir heyeti kabul etti. Heyet başkanı \"Turkey is an important NATO ally\" dedi. Görüşme iki saat sürdü."),
    ("ko", "삼성전자 사장은 미국 라스베이거스에서 열린 CES에서 기조연설을 했다. 그는 \"AI will be in every device we make\"라고 말했다. 행사에는 3천 명이 참석했다."),
    ("uk", "Президент зустрівся в Києві з делегацією Конгресу США. «Ukraine will win this war», — сказав голова делегації. Сторони обговорили постачання зброї."),
    ("pl", "Premier spotkał się w Warszawie z sekretarzem generalnym NATO. „Poland is a model ally”, powiedział gość na konferencji prasowej. Rozmowa dotyczyła wydatków na obronność."),
    ("sv", "Statsministern tog emot Natos generalsekreterare i Stockholm på tisdagen. \"Sweden brings real strength to the alliance\", sa gästen. Mötet varade i två timmar."),
]

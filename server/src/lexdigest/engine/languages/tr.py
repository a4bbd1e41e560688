"""Turkish sentence rules: abbreviations (Dr., Prof., Doç., vb., vs., Cad., Sok.), ordinals."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""doç yrd av alb org gen kur bşk cad sok mah bul vb vs vd örn yy""",
    soft="no nu tl mlr",
    starters="""Bu Bir O Ve Ama Ancak Bunun Şu Ben Biz Onlar Türkiye Daha Her Çünkü""",
    ordinals=True,
    ordinal_next="""ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım
        aralık""",
)

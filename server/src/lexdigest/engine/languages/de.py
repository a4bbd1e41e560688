"""German sentence rules: titles and abbreviations (Dr. med., Nr., bzw., z. B.), ordinal dates."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""hrn dipl mag med bzw vgl usw evtl ggf inkl sog bspw z.b u.a d.h insbes einschl
        zzgl abzgl allg gegr ursprüngl bezügl hinsichtl""",
    soft="hr nr str abs ziff bd jh jhd",
    starters="""Der Die Das Ein Eine Er Sie Es Wir Ich Ihr Im In Am An Auf Aus Bei Nach Mit Von Vor
        Zum Zur Auch Aber Doch Dann Danach Damit Dabei Heute Gestern Zudem Außerdem Laut""",
    ordinals=True,
    ordinal_next="""Januar Jänner Februar März April Mai Juni Juli August September Oktober November
        Dezember""",
)

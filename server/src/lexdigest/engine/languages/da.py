"""Danish sentence rules: titles and abbreviations (hr., fru., bl.a., f.eks., Skt.), ordinals."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""hr fr frk skt sct bl.a f.eks fx mht jf jvf pga vedr ifm iflg ca evt inkl dvs mv
        osv o.l m.fl o.a""",
    soft="nr stk kr mio mia tlf vol",
    starters="""De Det Den Der Han Hun Jeg Vi Du Hvad Hvor Hvorfor Hvordan Hvem Hvis Men Og Så Nu
        Dette Denne Disse En Et Efter Også Ifølge Samtidig Derfor Desuden Allerede I""",
    ordinals=True,
    ordinal_next="""januar februar marts april maj juni juli august september oktober november
        december""",
)

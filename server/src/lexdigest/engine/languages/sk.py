"""Slovak sentence rules: abbreviations (napr., tzv., s. r. o., č.), ordinal numbers and dates."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""napr tzv resp atď čl ods písm ul nám pí sv prof doc ing mgr judr mudr phdr
        rndr bc tj t.j tzn t.zn r.o s.r.o a.s o.z príp cca""",
    soft="mil mld tis eur kč str roč",
    starters="""V Na Do Po Pri Je To Tento Táto Toto Ten Tá Aj Ale Podľa Už Dnes Včera Preto
        Keď Ak Hoci Ako Kto Čo Prečo Kde On Ona Oni My Ja Vláda Polícia""",
    ordinals=True,
    ordinal_next="""januára februára marca apríla mája júna júla augusta septembra októbra
        novembra decembra január február marec apríl máj jún júl august september október
        november december""",
)

"""Czech sentence rules: titles (Ing., Mgr., MUDr.), abbreviations (např., tzv., s. r. o.),
ordinal numbers and dates. Slovak text is analysed as Czech (see ``detect.NEAREST``), so the
Slovak record's words are part of this one."""

from __future__ import annotations

from .sk import RULES as SK

RULES = SK.extend(
    never="""např tzv resp atd apod čl odst písm ul nám sv prof doc ing mgr judr mudr phdr
        rndr mvdr bc dis tj t.j tzn popř mj s.r.o r.o a.s cca pí""",
    soft="mil mld tis kč str roč",
    starters="""V Na Do Po Při Je To Tento Tato Toto Ten Ta I Ale Podle Už Dnes Včera Proto
        Když Pokud Ačkoli Jak Kdo Co Proč Kde On Ona Oni My Já Vláda Policie""",
    ordinals=True,
    ordinal_next="""ledna února března dubna května června července srpna září října listopadu
        prosince leden únor březen duben květen červen červenec srpen říjen listopad prosinec""",
)

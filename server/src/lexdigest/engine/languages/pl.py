"""Polish sentence rules: abbreviations (np., tzw., ul., prof., godz., r.), ordinal numbers."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""np tzw ul al pl os prof dr hab inż mgr ks płk gen ppłk godz tj m.in itd itp
        wg ds tys bałt""",
    soft="ok zł mln mld nr s str",
    starters="""W Na Do Po Przy To Ten Ta Te Jest Nie Ale Także Również Według Dziś Wczoraj
        Jak Kto Co On Ona Oni My Ja Jednak""",
    ordinals=True,
    ordinal_next="""stycznia lutego marca kwietnia maja czerwca lipca sierpnia września
        października listopada grudnia""",
)

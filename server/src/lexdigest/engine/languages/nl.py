"""Dutch sentence rules: titles and abbreviations (dhr., mevr., bijv., o.a., m.b.t., blz.)."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""dhr mevr mr mw ir ing drs prof bijv bv o.a m.b.t i.v.m a.d.h.v t.a.v resp ca
        z.g.a.n vnw aanw zgn d.w.z m.a.w ong""",
    soft="nr blz pag art mln mld jl",
    starters="""De Het Een Dit Dat Deze Die Hij Zij Ze Wij We Ik Er In Op Bij Met Voor Na Maar
        Ook Volgens Vandaag Gisteren Daarna Toen Nu""",
)

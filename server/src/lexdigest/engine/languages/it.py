"""Italian sentence rules: titles (Sig., Sig.ra, Dott., Ing., Avv., On.) and abbreviations."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""sig sig.ra sig.na sigg dott dott.ssa ing avv on arch geom rag prof.ssa mons
        egr gent preg ecc es ad.es p.es cfr sen""",
    soft="pag pagg art tel n nn cap cod reg ecc",
    starters="""Il Lo La I Gli Le Un Uno Una Questo Questa Quello Quella In Per Con Ma Anche
        Secondo Oggi Ieri Dopo Non Nel Nella Dal Dalla Da Si Ci È Ecco Inoltre""",
)

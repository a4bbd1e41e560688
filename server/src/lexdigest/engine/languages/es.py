"""Spanish sentence rules: titles (Sr., Sra., Srta., Lic., Dra.) and abbreviations."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="sr sra srta sres sras dra lic ing arq excmo excma ilmo ud uds vd vds aprox",
    soft="núm admón art pág págs av avda",
    starters="""El La Los Las Un Una Este Esta Estos Estas Ese Esa En Por Para Con Sin Según Pero
        Además También Hoy Ayer Sin Tras Desde Durante""",
)

"""Portuguese sentence rules: titles (Sr., Sra., Dr., Dra., Exmo.) and abbreviations."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""sr sra srs sras srta dra exmo exma prof profa eng arq ilmo ilma v.exa v.sa""",
    soft="nº núm art pág págs av dir esq tel",
    starters="""O A Os As Um Uma Este Esta Esse Essa Isso Em No Na Nos Nas Por Para Com Sem
        Segundo Mas Também Hoje Ontem Depois Ele Ela Eles Elas Não""",
)

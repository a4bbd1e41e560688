"""French sentence rules: titles (M., Mme, Mlle, Me, Pr) and abbreviations."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="mme mmes mlle mlles",
    soft="av bd boul éd p",
    starters="""Le La Les Un Une Il Elle Ils Elles Nous On Ce Cette Ces En Dans Pour Mais Selon
        Depuis Après Avant Aujourd'hui Hier Puis Ainsi""",
)

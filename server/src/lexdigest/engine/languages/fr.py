"""French sentence rules: titles (M., Mme, Mlle, Me, Pr) and abbreviations."""

from __future__ import annotations

from .en import RULES as EN
from .rules import SentenceRules, words

RULES = EN | SentenceRules(
    never=words("mme mmes mlle mlles"),
    soft=words("av bd boul éd p"),
    starters=words(
        """Le La Les Un Une Il Elle Ils Elles Nous On Ce Cette Ces En Dans Pour Mais Selon
        Depuis Après Avant Aujourd'hui Hier Puis Ainsi"""
    ),
)

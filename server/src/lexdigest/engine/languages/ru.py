"""Russian sentence rules: abbreviations (г., гг., ул., д-р, проф., т.е., т.к.)."""

from __future__ import annotations

from .en import RULES as EN
from .rules import SentenceRules, words

RULES = EN | SentenceRules(
    never=words("г гг ул пр д-р проф т.е т.к т.д т.п др им ст пос пгт обл р-н"),
    soft=words("руб долл млн млрд тыс"),
    starters=words(
        """В На По Он Она Они Мы Я Это Этот Эта Как Но Однако Также Кроме Сегодня Вчера После
        При Для Как Кто Что"""
    ),
)

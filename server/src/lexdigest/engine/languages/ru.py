"""Russian sentence rules: abbreviations (г., гг., ул., д-р, проф., т.е., т.к.)."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="г гг ул пр д-р проф т.е т.к т.д т.п др им ст пос пгт обл р-н",
    soft="руб долл млн млрд тыс",
    starters="""В На По Он Она Они Мы Я Это Этот Эта Как Но Однако Также Кроме Сегодня Вчера После
        При Для Как Кто Что""",
)

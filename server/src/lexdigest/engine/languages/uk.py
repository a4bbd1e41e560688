"""Ukrainian sentence rules: abbreviations (м., вул., кв., просп., т. зв., ім.)."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""вул кв просп пл бул пров буд обл р-н смт ім проф акад доц т.зв т.б т.д т.п
        т.ч див напр рр ст""",
    soft="грн дол млн млрд тис коп",
    starters="""В У На По Він Вона Вони Ми Я Це Цей Ця Як Але Однак Також Крім Сьогодні Вчора
        Після При Для Хто Що За Із З""",
)

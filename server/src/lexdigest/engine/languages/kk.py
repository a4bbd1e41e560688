"""Kazakh sentence rules: abbreviations (т.б., б.з.б., ж., obl.) and Russian ones in Kazakh news."""

from __future__ import annotations

from .ru import RULES as RU

RULES = RU.extend(
    never="т.б т.с.с б.з.б б.з ж жж обл көш ш",
    soft="млн млрд мың тг",
    starters="Бұл Ол Олар Біз Мен Сонымен Алайда Бірақ Қазір Кеше Бүгін",
)

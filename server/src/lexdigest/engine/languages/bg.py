"""Bulgarian sentence rules: abbreviations (г., т.г., вкл., ул., пл., проф., напр.)."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="""гр т.г вкл ул пл бул проф доц акад д-р инж напр т.е т.нар и.т.н ст""",
    soft="лв млн млрд хил",
    starters="""В На По Той Тя Те Ние Аз Това Този Тази Как Но Обаче Също Днес Вчера След При
        За Според""",
)

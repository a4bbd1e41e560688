"""Greek sentence rules: abbreviations (κ., κα., π.χ., δηλ., βλ., σελ.) and a lower-case start.

Greek abbreviations are short truncations ("κ.", "αριθ.", "σελ.") or dotted ("π.χ."), so a
period after a longer word ends a sentence even when the next one starts in lower case.
"""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    never="κα κκ δρ π.χ δηλ βλ σελ αριθ κτλ κλπ τηλ οδ λεωφ αγ π.μ μ.μ π.χ μ.χ",
    soft="εκατ δισ χιλ",
    starters="""Ο Η Το Οι Τα Τον Την Στο Στη Στην Σε Με Για Από Αυτό Αυτή Αλλά Όμως Σήμερα
        Χθες Μετά Δεν Είναι""",
    lower_after=5,
)

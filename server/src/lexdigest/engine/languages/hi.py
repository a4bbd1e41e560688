"""Hindi sentence rules: initials spelt as Devanagari letter names (ए. के. सिंह, पी.), titles."""

from __future__ import annotations

from .en import RULES as EN

RULES = EN.extend(
    # Titles: Dr., Prof., Mr., Mrs. (Shri, Shrimati), Kumari.
    never="डॉ प्रो श्री श्रीमती सुश्री कु",
    # English letter names written in Devanagari, used as initials of names ("पी. चिदंबरम").
    soft="""बी सी डी ई एफ जी एच आई जे के एल एम एन ओ पी क्यू आर एस टी यू वी डब्ल्यू एक्स वाई
        जेड""",
)

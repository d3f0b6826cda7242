"""The order tags are listed in, as a German reader expects it; plain Python, no Django.

The databases order text by code point (PostgreSQL's C.UTF-8 collation here, SQLite's
binary one): "Zoll" before "alice", and "Ölpreis" and "Überwachung" after every ASCII name.
A reader looks for "Ölpreis" among the O's and does not care about capitals. So a tag is
sorted by ``reading_key(name)``, its name case-folded and without accents, and, for two names
with the same key ("Olpreis", "Ölpreis"), by the name itself.

``Tag.sort_key`` stores the key (``Tag.save`` sets it), so that the databases order by it and a
query can cut the list (``LIMIT``) after sorting. A change here needs a data migration that
sets every ``Tag.sort_key`` again, as ``annotations/migrations/0003_tag_sort_key.py`` does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def reading_key(name: str) -> str:
    """``name`` case-folded ("ß" as "ss") and without its combining marks ("Ü" as "u")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def in_reading_order(names: Iterable[str]) -> list[str]:
    """``names`` sorted as tag lists are: by ``reading_key``, then by the name."""
    return sorted(names, key=lambda name: (reading_key(name), name))

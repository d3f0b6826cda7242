"""Per-article knowledge: words the article uses in lower case, after an article, inside a
sentence, which tell names from nouns and sentence openers.
"""

from __future__ import annotations

import functools
import re

from articles.quotes.nouns import has_article
from articles.quotes.phrases import Phrase


@functools.lru_cache(maxsize=8)
def _midsentence_capitals(masked: str) -> frozenset[str]:
    """Capitalised words that also occur inside a sentence: names and nouns, not openers."""
    pattern = r"[^\s.!?:⟫⟪][ \t]+([A-ZÄÖÜ][\w\-]*)"
    return frozenset(m.group(1) for m in re.finditer(pattern, masked))


def proper(masked: str, phrase: Phrase, s_start: int) -> bool:
    """Is a bare phrase (no article, no role) a name? Not when its word also stands after an
    article ("die Gewalttaten" … "Gewalttaten nahmen zu"), not when it opens a sentence and
    never appears capitalised inside one ("Erstmals"), and not when it begins with a word the
    article also writes in lower case ("Galt Josef Ratzinger als …")."""
    if phrase.pronoun or phrase.role:
        return True
    words = (phrase.name or "").split()
    if not words or has_article(phrase):
        return True  # it has an article
    common, lower = common_words(masked)
    if words[0].lower() in lower:
        return False
    if len(words) == 1 and words[0] in common:
        return False
    if len(words) == 1 and phrase.start <= s_start + 1:
        return words[0] in _midsentence_capitals(masked)
    return True


@functools.lru_cache(maxsize=8)
def common_words(masked: str) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words used after an article (nouns), and all words written in lower case."""
    common = frozenset(
        m.group(1)
        for m in re.finditer(
            r"(?<![\w\-])(?:der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen)[ \t]+"
            r"([A-ZÄÖÜ][\w\-]*)",
            masked,
        )
    )
    lower = frozenset(re.findall(r"(?<![\w\-])[a-zäöüß][\w]*", masked))
    return common, lower


@functools.lru_cache(maxsize=8)
def article_nouns(masked: str) -> frozenset[str]:
    """Capitalised words after an article, also one opening a sentence ("Der Astronaut")."""
    return frozenset(
        m.group(1)
        for m in re.finditer(
            r"(?<![\w\-])(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e[rsmn]?)?)[ \t]+([A-ZÄÖÜ][\w\-]*)",
            masked,
        )
    )

"""Word lists for the quotation extractor, read from ``data/*.txt``. No Django imports.

Each data file holds one entry a line, in an order that is kept (the suffix lists are matched
in that order); ``#`` starts a comment. ``separable.txt`` has a line per verb: its forms, ``=``,
its particles. The files ship as package data (``[tool.setuptools.package-data]``).
"""

from __future__ import annotations

from importlib.resources import files

_DATA = files("articles.quotes") / "data"


def words(name: str) -> list[str]:
    """The entries of ``data/<name>.txt``, in file order."""
    entries = []
    for line in (_DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


def inflect(stem: str) -> set[str]:
    """The forms of a weak verb by its stem: sag -> sagt, sagte, sagten, sagen, sage, gesagt."""
    # stems ending in t/d take an -e- before the ending: bericht -> berichtet, berichtete
    link = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
    forms = {
        stem + link + "t",
        stem + link + "te",
        stem + link + "ten",
        stem + "en",
        stem + "e",
    }
    if not stem.startswith(("be", "er", "ver", "ent", "zer", "ge", "emp", "miss")) and not (
        stem.endswith("ier")
    ):
        forms.add("ge" + stem + link + "t")
    else:
        forms.add(stem + link + "t")
    return forms


REPORTING_VERBS: frozenset[str] = frozenset(
    {f for stem in words("reporting_stems") for f in inflect(stem)} | set(words("reporting_forms"))
) - frozenset(words("not_cues"))


def _separable() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in words("separable"):
        forms, particles = line.split("=")
        for form in forms.split():
            table[form] = tuple(p.strip() for p in particles.split(","))
    return table


# Finite forms of separable verbs: a cue only when the particle closes the clause.
SEPARABLE: dict[str, tuple[str, ...]] = _separable()
NAMING_VERBS = frozenset(words("naming_verbs"))
AUXILIARIES = frozenset(words("auxiliaries"))
SUBJUNCTIVE = frozenset(words("subjunctive"))
TITLE_CUES = frozenset(words("title_cues"))
ROLE_SUFFIXES = tuple(words("role_suffixes"))
FEMALE_KIN = frozenset(words("kin_female"))
KIN = FEMALE_KIN | frozenset(words("kin_male"))
ORG_WORDS = frozenset(words("org_words"))
ORG_SUFFIXES = tuple(words("org_suffixes"))
NOT_NAMES = frozenset(words("not_names"))
SUBORDINATORS = frozenset(words("subordinators"))
FEMALE_NAMES = frozenset(words("female_names"))
MALE_A_NAMES = frozenset(words("male_a_names"))
MALE_FIRST_NAMES = frozenset(words("male_first_names"))
MUTE_SUFFIXES = tuple(words("mute_suffixes"))
SPEAKING_UNG = tuple(words("speaking_ung"))
# Particles and links inside a name ("von", "bin", "y"), for the name expression and for the
# lower case of a name that opens with one; see data/name_particles.txt.
NAME_PARTICLES = tuple(words("name_particles"))
PREPOSITIONS = frozenset(words("prepositions"))
SOURCE_CUES = frozenset(words("source_cues"))
FIRST_PERSON = frozenset(words("first_person"))
CLAUSE_OPENERS = frozenset(words("clause_openers"))

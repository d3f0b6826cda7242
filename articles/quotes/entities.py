"""Entities of one article: canonical names (the fullest form the article uses), roles, and
pronoun resolution over the person mentions outside quotations.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from articles.quotes.context import Context
from articles.quotes.features import whole_words
from articles.quotes.fullnames import (
    WORD_EDGE_BEFORE,
    Runs,
    fullest_form,
    name_runs,
    named_as,
    owner_phrase,
)
from articles.quotes.lexicon import (
    FEMALE_NAMES,
    MALE_A_NAMES,
    MALE_FIRST_NAMES,
    NOT_NAMES,
    ORG_WORDS,
)
from articles.quotes.nouns import (
    AGE_NOUN,
    MUTE_SOURCE,
    has_article,
    is_document,
    mute,
    nominative,
    personlike,
    proper_case,
)
from articles.quotes.phrases import (
    NAME_PREFIX,
    NP_BOUNDED,
    PERSON_ENDINGS,
    Phrase,
    is_first_name,
    is_role,
    kin,
)
from articles.quotes.roles import role_in
from articles.speakernames import is_speaker

_OPENING_PRONOUN = re.compile(
    r"[ \t\n]*(?:(?:Auch|Doch|Aber|Dann|Nun|Zudem|Damals|Später)[ \t]+)?(?P<pron>Er|Sie)"
    r"[ \t]+[a-zäöüß]+[ \t]"
)
_CAPITAL_NEXT = re.compile(r"[ \t]+[A-ZÄÖÜ][a-zäöüß]")
_UNKNOWN = object()  # not yet in a memo


_AFTER_PREPOSITION = re.compile(
    r"(?<![\w\-])(?:mit|von|vom|für|gegen|bei|beim|an|am|über|zu|zum|zur|gegenüber|nach|auf|aus"
    r"|um|ohne|unter|neben|zwischen|wie|als|und|sowie|oder|den|dem|des|ihren|seinen|ihrem|seinem)"
    r"(?:[ \t]+(?:der|die|das|den|dem|des|einer|einem|einen|seinem|seiner|ihrem|ihrer)"
    r"|[ \t]+[a-zäöüß][\w\-]*|[ \t]+[A-ZÄÖÜ][\w\-]*){0,3}[ \t]+$"
)


_NAME_RUN = re.compile(r"[ \t]+([A-ZÄÖÜ][\w\-]*(?:[ \t]+[A-ZÄÖÜ][\w\-]*){0,2})(?![\w\-])")
# an acronym in brackets ("(HRW)"), and the words that may spell it out before it
_ACRONYM = re.compile(r"[ \t]\((?P<acronym>[A-ZÄÖÜ][A-ZÄÖÜa-z]{0,2}[A-ZÄÖÜ]{1,5})\)")
_SPELLING_WORD = re.compile(r"[A-ZÄÖÜ][\w\-]*|für|der|des|und|of|the|for|de")


# a genitive after the word: "der Verband kommunaler Unternehmen", "das Ministerium des Innern"
_OWNER_AFTER = re.compile(r"[ \t]+(?:der|des|eines|einer|[a-zäöüß]+er)[ \t]+[A-ZÄÖÜ]")


class Entities:
    """The entities of one article, built as speakers are found."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.body = ctx.body
        # names inside quotations still name people ("[der russische Präsident Wladimir] Putin")
        self.names_text = ctx.body.replace("[", " ").replace("]", " ")
        self.masked = ctx.masked
        self.entities: dict[str, dict] = {}
        self.mentions: list[tuple[int, int, str]] = []  # person mentions outside quotations
        self.mention_starts: list[int] = []  # their starts, in order, for bisection
        self._sequences: Runs | None = None
        self._canonical: dict[str, str] = {}
        self._by_phrase: dict[tuple, str | None] = {}  # canonical's answers
        self._acronyms: dict[str, str] | None = None
        self._written_as: dict[str, str] = {}  # a name's part that names the speaker
        self._named_as: dict[
            str, str | None
        ] = {}  # named_as's answers  # a name's part that names the speaker
        self.sentence_starts = ctx.sentence_starts

    def canonical(self, phrase: Phrase) -> str | None:
        """The name a phrase stands for, in its fullest form in the article (``_canonical_of``),
        found once per article for each name, role, kind and pronoun: all it reads of the
        phrase (the pipeline asks for the same subjects and frames again and again)."""
        key = (phrase.name, phrase.role, phrase.kind, phrase.pronoun)
        found = self._by_phrase.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._by_phrase[key] = self._canonical_of(phrase)
        return found

    def _canonical_of(self, phrase: Phrase) -> str | None:
        if phrase.name is None:
            return None
        name = phrase.name
        spelled_out = self.acronyms().get(name)
        if spelled_out is not None:
            return spelled_out  # "HRW" for "Human Rights Watch (HRW)"
        if phrase.role and self.genitive_owner(name):
            # "der behandelnde Arzt Lahms", "die Verteidiger Strauss-Kahns": someone's doctor or
            # lawyers, described by the role and whose they are; not Lahm or Strauss-Kahn
            return proper_case(f"{phrase.role} {name}")
        owner_of = MUTE_SOURCE.search(name)
        # (a document of a document stays as written: "Der Text der Petition")
        owned = (
            owner_of is not None
            and is_document(name.split()[0])
            and not is_document(owner_of.group("noun").split()[0])
        )
        if mute(phrase) or owned:
            # "Nach Angaben von Petra Lindner": the person after "von"; "die Arbeitshypothese
            # der Ermittler": the owner in the genitive; "die Krise": no one; "In der
            # Pressemitteilung des WWF heißt es": the WWF, whose document it is
            source = MUTE_SOURCE.search(name)
            if source is None:
                return None
            owner = nominative(source.group("noun"), source.group("link"))
            inner = owner_phrase(owner, phrase.start, phrase.end)
            if mute(inner) or not personlike(inner) and inner.kind != "organisation":
                return None
            return self.canonical(inner)
        tokens = name.split()
        if len(tokens) > 2 and tokens[0] in ("Von", "Van") and tokens[1] in ("der", "den"):
            # "Von der Leyen betonte": the particle capitalised at a sentence's start; the
            # person the article names in full ("Ursula von der Leyen"), else the name as
            # written inside a sentence
            rest = " ".join(tokens[2:])
            inner = Phrase(phrase.start, phrase.end, rest, name=rest, kind=phrase.kind)
            found = self.canonical(inner)
            if found and found != rest and found.endswith(f" {tokens[1]} {rest}"):
                return found
            return f"{tokens[0].lower()} {tokens[1]} {rest}"
        subject = self._before_other_person(tokens)
        if subject is not None:
            self._written_as[name] = subject  # its alias: "Rajoy", not "Rajoy Zapatero"
            # "kritisierte Rajoy Zapatero", "warf die Staatsanwaltschaft Ertel vor": the
            # subject, then the person it acts on
            return self.canonical(
                Phrase(phrase.start, phrase.end, subject, name=subject, kind=phrase.kind)
            )
        if phrase.kind == "organisation":
            # (only the word with its article: "der Verband kommunaler Unternehmen" is its own)
            alone = (
                len(tokens) == 1
                and phrase.text.split()[-1].startswith(name)
                and not _OWNER_AFTER.match(self.masked, phrase.end)
            )
            named = self.named_as(name) if alone else None
            if named is not None:
                self._written_as[name] = named  # no alias "Gericht" for the court
                return named
            return name
        if any(
            t[:1].islower()
            and t not in ("von", "van", "de", "zu", "al", "bin")
            and not NAME_PREFIX.match(t)  # "el-Baradei"
            for t in tokens
        ):
            return name
        if name in self._canonical:
            return self._canonical[name]
        best = fullest_form(
            name, self.sequences(), self.names_text, self.ctx.common_nouns, self.ctx.article_nouns
        )
        self._canonical[name] = best
        return best

    def _before_other_person(self, tokens: list[str]) -> str | None:
        """The first of two names written side by side, when the second is a person the
        article names elsewhere with a first name and without the first word, and the first
        word stands alone elsewhere too: "Rajoy Zapatero" (Mariano Rajoy, José Luis Rodríguez
        Zapatero), "Staatsanwaltschaft Ertel" (Rainer Ertel). "Regierung Bush" with Bush
        named nowhere else by a first name, and "Außenminister Steinmeier", are one name."""
        if len(tokens) != 2:
            return None
        first, last = tokens
        if is_first_name(first) or is_role(first) or first in NOT_NAMES or not first[:1].isupper():
            return None
        named = any(
            first not in run
            and all(word[:1].isupper() for word in run)
            and any(is_first_name(word) for word in run[:-1])
            for run in self.sequences().get(last, ())
        )
        if not named:
            return None
        text = self.names_text
        alone = len(whole_words(text, (first,))) > len(whole_words(text, (f"{first} {last}",)))
        # (last, the dearest test: "Da Frankfurt" opens with an adverb)
        return first if alone and is_speaker(first) else None

    def acronyms(self) -> dict[str, str]:
        """The acronyms the article spells out, each with its name: "Human Rights Watch (HRW)",
        "Amnesty International (AI)". The name is the shortest run of capitalised words before
        the bracket whose initials are the acronym (so not "Menschenrechtsorganisation Human
        Rights Watch"); words such as "für" or "der" between them are skipped."""
        if self._acronyms is None:
            found: dict[str, str] = {}
            text = self.names_text
            for m in _ACRONYM.finditer(text):
                acronym = m.group("acronym")
                words: list[str] = []
                for word in reversed(text[max(0, m.start() - 150) : m.start()].split()[-8:]):
                    if not _SPELLING_WORD.fullmatch(word):
                        break
                    words.insert(0, word)
                for i in range(len(words) - 1, -1, -1):
                    if not words[i][:1].isupper():
                        continue
                    capitals = [w for w in words[i:] if w[:1].isupper()]
                    if "".join(w[0] for w in capitals).upper() == acronym.upper():
                        found.setdefault(acronym, " ".join(words[i:]))
                        break
            self._acronyms = found
        return self._acronyms

    def name_for(self, phrase: Phrase) -> str | None:
        """The speaker a (non-pronoun) phrase names: its canonical name; for a role alone the
        one person the article names with that role ('der Nachfolger' → 'Karl Roth'), else the
        role written as a name ('Amerikanischer Präsident'); None for a thing ('die Krise')."""
        if phrase.name and AGE_NOUN.fullmatch(phrase.name) and has_article(phrase):
            # "sagte die 54-Jährige": the person last named who agrees, as for a pronoun; when
            # there is none, the description is no one's name
            pronoun = "sie" if phrase.text.split()[0].lower() in ("die", "eine") else "er"
            return self.resolve_pronoun(pronoun, phrase.start, False, personal=False)
        if phrase.kind == "person" and not phrase.role and has_article(phrase):
            words = (phrase.name or "").split()
            if len(words) == 1 and words[0].lower().endswith(PERSON_ENDINGS):
                # "der Nachfolger", "der Niederländer": a person noun the article may also put
                # before the person's name
                named = self.named_with_role(phrase, words[0])
                if named is not None:
                    return named
        speaker = self.canonical(phrase)
        if speaker is None and phrase.role:
            speaker = self.named_with_role(phrase) or proper_case(phrase.role)
        return speaker

    def genitive_owner(self, name: str) -> bool:
        """A name in the genitive after a role ("Lahms", "Strauss-Kahns", "Saddam Husseins"):
        it ends in -s (not -ss), is no first name, and the article also writes it without the
        -s."""
        if len(name) < 4 or not name.endswith("s") or name.endswith("ss") or is_first_name(name):
            return False
        return bool(whole_words(self.names_text, (name[:-1],)))

    def named_with_role(self, phrase: Phrase, role: str | None = None) -> str | None:
        """The one person the article names with this role before the phrase ('Nachfolger
        Karl Roth' … 'der Nachfolger sagte'), or None when there is none or more than one."""
        role = role or phrase.role
        if phrase.kind != "person" or not role or kin(role):
            return None
        words = role.split()
        for i, word in enumerate(words):
            if word in ("des", "der", "von", "vom", "eines", "einer"):
                words = words[:i]  # "Sportchef von Bayer": the role noun is "Sportchef"
                break
        noun = words[-1] if words else ""
        if not noun[:1].isupper():
            return None
        found = set()
        text = self.names_text
        i = text.find(noun, 0, phrase.start)
        while i >= 0:
            m = _NAME_RUN.match(text, i + len(noun))
            i, before = text.find(noun, i + len(noun), phrase.start), i
            if m is None or (before > 0 and WORD_EDGE_BEFORE.match(text, before - 1)):
                continue
            words = m.group(1).split()
            if any(w in NOT_NAMES or is_role(w) or w.lower() in ORG_WORDS for w in words):
                continue
            named = Phrase(m.start(1), m.end(1), m.group(1), name=m.group(1))
            if personlike(named) and not mute(named):
                found.add(self.canonical(named))
        for canonical, ent in self.entities.items():
            role = ent["role"]
            if ent["kind"] == "person" and " " in canonical and role and role.split()[-1] == noun:
                found.add(canonical)
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def sequences(self) -> Runs:
        """Runs of capitalised words, by each word: the prefixes that end with it."""
        if self._sequences is None:
            self._sequences = name_runs(self.names_text)
        return self._sequences

    def named_as(self, noun: str) -> str | None:
        """``fullnames.named_as`` in this article, each word's answer kept."""
        if noun not in self._named_as:
            self._named_as[noun] = named_as(noun, self.masked_lower, self.noun_phrases)
        return self._named_as[noun]

    @cached_property
    def masked_lower(self) -> str:
        return self.masked.lower()

    @cached_property
    def noun_phrases(self) -> list[re.Match]:
        """The article's noun phrases (``NP_BOUNDED``), found on first use."""
        return list(NP_BOUNDED.finditer(self.masked))

    def register(self, phrase: Phrase, canonical: str) -> None:
        if phrase.female is None and phrase.kind == "person" and " " in canonical:
            first = canonical.split()[0]
            if first in FEMALE_NAMES or (first.endswith("a") and first not in MALE_A_NAMES):
                phrase.female = True
            elif first in MALE_FIRST_NAMES:
                phrase.female = False
        ent = self.entities.setdefault(
            canonical,
            {"kind": phrase.kind, "role": None, "aliases": set(), "female": None},
        )
        alias = self._written_as.get(phrase.name, phrase.name) if phrase.name else None
        if alias and alias != canonical:
            ent["aliases"].add(alias)
        if phrase.role and ent["role"] is None and phrase.name and not kin(phrase.role):
            ent["role"] = phrase.role  # not "Frau" in "Frau Merkel"
        if phrase.female is not None and ent["female"] is None:
            ent["female"] = phrase.female

    def role_of(self, canonical: str) -> str | None:
        """The role the article gives the person (``roles.role_in``)."""
        return role_in(self.names_text, canonical)

    def person_mentions(self) -> None:
        """Where known persons are named outside quotations, for pronoun resolution."""
        forms: dict[str, str] = {}
        for canonical, ent in self.entities.items():
            if ent["kind"] != "person":
                continue
            forms[canonical] = canonical
            last = canonical.split()[-1]
            if last[:1].isupper():
                forms.setdefault(last, canonical)
            for alias in ent["aliases"]:
                forms.setdefault(alias, canonical)
        if not forms:
            self.mentions, self.mention_starts = [], []
            return
        # a short form inside a longer name ("Tibet" in "Tibet Initiative") is no mention
        self.mentions = [
            (start, end, forms[form])
            for start, end, form in whole_words(self.masked, forms)
            if form == forms[form] or not _CAPITAL_NEXT.match(self.masked, end)
        ]
        self.mention_starts = [start for start, _end, _name in self.mentions]

    def _subject_first(self, i: int, want_female: bool, depth: int) -> str:
        """Of the compatible people named in the sentence of mention i, the first one that
        follows no preposition: the subject ('Scholz kritisierte Biden. Er sagte' is Scholz)."""
        start = self.mentions[i][0]
        k = bisect.bisect_right(self.sentence_starts, start) - 1
        s_start = self.sentence_starts[k] if k >= 0 else 0
        first = bisect.bisect_left(self.mention_starts, s_start)
        for m_start, _end, canonical in self.mentions[first:i]:
            female = self.entities[canonical]["female"]
            if not ((want_female and female) or (not want_female and not female)):
                continue
            if not _AFTER_PREPOSITION.search(self.masked, max(0, m_start - 60), m_start):
                return canonical
        if depth < 3 and _AFTER_PREPOSITION.search(self.masked, max(0, start - 60), start):
            # "Er war es, der das von Präsident Kennedy formulierte Ziel …": the sentence's
            # subject is the same pronoun, so the person it stands for is the one meant
            opening = _OPENING_PRONOUN.match(self.masked, s_start, start)
            if opening and (opening.group("pron").lower() == "sie") == want_female:
                earlier = self.resolve_pronoun(
                    opening.group("pron").lower(), opening.start("pron"), False, depth=depth + 1
                )
                if earlier is not None:
                    return earlier
        return self.mentions[i][2]

    def resolve_pronoun(
        self, pronoun: str, position: int, plural: bool, personal: bool = True, depth: int = 0
    ) -> str | None:
        """The person 'er'/'sie' stands for; a demonstrative ('letztere', 'dieser') is the
        most recent one, a personal pronoun the subject of the sentence that names it."""
        if plural:
            return None
        want_female = pronoun == "sie"
        window = position - 1500
        before = bisect.bisect_left(self.mention_starts, position)
        for i in range(before - 1, -1, -1):
            start, _end, canonical = self.mentions[i]
            if start < window:
                break
            female = self.entities[canonical]["female"]
            if (want_female and female) or (not want_female and not female):
                return self._subject_first(i, want_female, depth) if personal else canonical
        if want_female:
            # "sie sagte" with no woman named before: only when one person is in view
            lo = bisect.bisect_left(self.mention_starts, window)
            recent = {c for _s, _e, c in self.mentions[lo:before]}
            recent = {c for c in recent if self.entities[c]["female"] is None}
            if len(recent) == 1:
                return recent.pop()
        return None

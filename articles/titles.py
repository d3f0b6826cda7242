"""An article's title, derived from its text when the seed file has none. No Django imports.

A seed file holds no title line, so the import makes one from the body (``derive``):

- the first sentence, when it is short (at most ``LIMIT`` characters, its final full stop
  dropped as in a headline);
- else the sentence cut at the last clause boundary (comma, semicolon, colon, dash, or before a
  time of day) that keeps most of the limit, but not where a comma closes an insertion ("Der
  Ministerpräsident Thailands, Abhisit Vejjajiva, …") or opens a "dass" or "ob" clause (what
  was said), else at the last word that fits; a cut title ends with "…" and not on an article,
  preposition or conjunction.

The sentence never crosses a paragraph break, and a ticker's time stamp ("… (ohne Dresden I)
00:36 Heute waren …": a bare hh:mm that is no time in the prose) ends it like a full stop. A
dateline ("BERLIN (dpa) – ", "Kiew, 12. Oktober (Reuters) - ") is skipped: the title starts
after it.

``derive`` also says where in the body the title's sentence stands, so that the article page
can set that sentence apart when it is the whole title (``lead_span``). Offsets index the body
unchanged: quotations and annotations index it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LIMIT = 90  # a derived title's length at most, "…" included
MIN_CLAUSE_SHARE = 0.6  # a cut at a clause boundary keeps at least this share of the limit
SCAN = 3000  # characters of the body looked at: a title comes from its beginning

# A sentence ends at . ! or ? (maybe followed by closing quotes or brackets) when whitespace
# and a capital letter, a digit or an opening quote follow.
SENTENCE_END = re.compile(r"[.!?][\"“”»«'’)\]]*(?=\s+[\"„»«“A-ZÄÖÜ0-9])")
ABBREVIATIONS = frozenset(
    "bzw ca dr etc evtl ggf hl jh jr mio mrd nr prof sog st str usw vgl z.b zb u.a "
    "abs bd gen inc ltd co corp mr mrs ms sen rep".split()
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")

# A dateline: a place in capitals or with the agency in brackets, or a place and a date,
# then a dash or colon. "BERLIN (dpa) – ", "Kiew/Berlin (AFP) - ", "Moskau, 12. Oktober
# (Reuters) – ", "Berlin (Deutschland), 12.03.2006 – ", "HAMBURG. ".
_PLACE = r"[A-ZÄÖÜ][\w.'’-]*(?:[ /-][A-ZÄÖÜ][\w.'’-]*){0,3}"
_DATE = r"(?:den\s+)?\d{1,2}\.(?:\s*[A-ZÄÖÜ][a-zäöü]+|\d{1,2}\.)(?:\s*\d{2,4})?"
_AGENCY = r"\([^()\n]{1,40}\)"
_DATELINE = re.compile(
    rf"""\s*(?:
        {_PLACE}\s*{_AGENCY}(?:,\s*{_DATE})?(?:\s*{_AGENCY})?\s*[–—:-]
      | {_PLACE},\s*{_DATE}(?:\s*{_AGENCY})?\s*[–—:-]
      | [A-ZÄÖÜ]{{3,}}(?:[ /-][A-ZÄÖÜ]{{3,}})*\s*(?:{_AGENCY})?\s*[.–—:-]
    )\s+(?=[\"„»«“A-ZÄÖÜ0-9])""",
    re.VERBOSE,
)

# A time of day: 00:36, 14.30 Uhr, 10:14 Uhr MEZ.
_ZONE = r"(?:\s*(?:Uhr|h\b))?(?:\s*(?:MEZ|MESZ|UTC|GMT|Ortszeit|\(Ortszeit\)))?"
_TIME = re.compile(
    r"(?<![\w.:,])(?P<hour>[01]?\d|2[0-3])(?P<sep>[:.])[0-5]\d(?![\w:.,]\d)(?P<zone>" + _ZONE + ")"
)
# Words that put a time in the prose ("um 14:49 Uhr"): a time after one is no time stamp.
_TIME_WORDS = frozenset(
    "um gegen ab bis seit von vom zwischen nach vor circa ca etwa rund kurz zirka am".split()
)
# Words a cut title should not end on.
_DANGLING = frozenset(
    """der die das den dem des ein eine einen einem einer eines und oder sowie aber sondern
    denn mit von vom im in ins am an ans auf aus bei beim zu zur zum für über unter um gegen
    nach vor seit bis durch ohne als wie dass ob wenn weil nachdem während sich es""".split()
)
# A comma before these opens what someone said or asked ("Papier sagte, dass …"): what comes
# before it alone makes no title.
_CONTENT_CLAUSE = frozenset({"dass", "daß", "ob"})
_OPENING = '(„«»["“'
_EITHER = '“»«"'  # opens after a space, closes elsewhere


@dataclass(frozen=True)
class Title:
    text: str
    start: int  # where the title's sentence begins in the body (after any dateline)
    end: int  # where it ends (its final punctuation included)
    whole: bool  # the title is that whole sentence (else it was cut, and ends with "…")


def derive(body: str, limit: int = LIMIT) -> Title:
    """The title for an article of this body (see the module's docstring)."""
    head = body[:SCAN]
    dateline = _DATELINE.match(head)
    start = dateline.end() if dateline else 0
    start += len(head[start:]) - len(head[start:].lstrip())
    end = _sentence_end(head, start)
    if " " not in head[start:end].strip() and head[end:].strip():
        # One word on its own ("Berlin. Die …", a stray "thumb"): a dateline, or no title.
        start = end + len(head[end:]) - len(head[end:].lstrip())
        end = _sentence_end(head, start)
    sentence = _squeeze(head[start:end])
    shown = _headline(sentence)
    if len(shown) <= limit:
        return Title(shown, start, end, whole=bool(shown))
    return Title(_cut(sentence, limit), start, end, whole=False)


def derive_title(body: str, limit: int = LIMIT) -> str:
    return derive(body, limit).text


def lead_span(body: str, title: str) -> tuple[int, int] | None:
    """The offsets of the body's first sentence when ``title`` is that whole sentence (as
    derived, not edited by a person), else None."""
    derived = derive(body)
    if derived.whole and derived.text == _squeeze(title):
        return derived.start, derived.end
    return None


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence beginning at ``start`` ends: at its full stop, a paragraph break or a
    ticker's time stamp, whichever comes first; trailing space and colons excluded."""
    paragraph = _PARAGRAPH_BREAK.search(text, start)
    stop = paragraph.start() if paragraph else len(text)
    for match in SENTENCE_END.finditer(text, start, stop):
        before = text[start : match.start()].rsplit(None, 1)[-1] if match.start() > start else ""
        word = before.lower().rstrip(".")
        if word.isdigit() or word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "5. August", "Dr. Merkel", "z. B."
        stop = match.end()
        break
    stamp = _time_stamp(text, start, stop)
    if stamp is not None:
        stop = stamp
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] in ":–—-"):
        stop -= 1
    return stop


def _time_stamp(text: str, start: int, stop: int) -> int | None:
    """The offset of the first bare hh:mm between start and stop that stands for itself
    (a ticker's time stamp), not as a time in the prose."""
    for match in _TIME.finditer(text, start, stop):
        if match["sep"] != ":" or match["zone"].strip():
            continue  # 14.30 is a time only with "Uhr"; "10:14 Uhr" belongs to the prose
        previous = text[start : match.start()].rstrip().rsplit(None, 1)
        word = previous[-1].lower().strip(".(,") if previous else ""
        if word in _TIME_WORDS or word.isdigit():
            continue
        after = text[match.end() : stop].lstrip()
        if not after or after[0].isupper() or after[0] in '"„»«“':
            return match.start()
    return None


def _headline(sentence: str) -> str:
    """The sentence as a headline: without its final full stop (an abbreviation's stays)."""
    if sentence.endswith(".") and not sentence.endswith(".."):
        last = sentence[:-1].rsplit(" ", 1)[-1].lower()
        if last not in ABBREVIATIONS and not last.rstrip(".").isdigit() and len(last) > 1:
            return sentence[:-1]
    return sentence


def _cut(sentence: str, limit: int) -> str:
    """The sentence cut to fit ``limit`` with "…": at a clause boundary when one keeps
    enough of it, else at a word."""
    room = limit - 1  # for "…"
    boundaries = [
        position
        for position in _boundaries(sentence)
        if limit * MIN_CLAUSE_SHARE <= position <= room
    ]
    if boundaries:
        cut = sentence[: boundaries[-1]]
    else:
        cut = sentence[: room + 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:room]
    return _tidy(cut) + "…"


def _boundaries(sentence: str) -> list[int]:
    """Offsets at which the sentence can be cut cleanly: after a comma, semicolon or colon,
    before a dash, before a time of day with its preposition; never inside brackets or
    quotation marks."""
    depth = 0
    commas = 0  # before this one: an odd number, and this comma closes an insertion
    result = []
    for index, char in enumerate(sentence):
        opens = index == 0 or sentence[index - 1].isspace() or sentence[index - 1] in _OPENING
        if char in "(„[" or (char in _EITHER and opens):
            depth += 1
            continue
        if char in ")]”" or char in _EITHER:
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if char in ",;:" and sentence[index + 1 : index + 2] == " ":
            following = sentence[index + 2 :].split(" ", 1)[0]
            if char != "," or (commas % 2 == 0 and following not in _CONTENT_CLAUSE):
                result.append(index)
            commas += char == ","
        elif char in "–—-" and sentence[index - 1 : index + 2 : 2] == "  ":
            result.append(index - 1)  # " – ": before the dash
    for match in _TIME.finditer(sentence):
        if not (match["sep"] == ":" or match["zone"].strip()):
            continue
        before = sentence[: match.start()].rstrip()
        words = before.rsplit(None, 1)
        if words and words[-1].lower().strip("(") in _TIME_WORDS:  # "… um 14:49 Uhr"
            result.append(len(before) - len(words[-1]))
    return sorted(set(result))


def _tidy(cut: str) -> str:
    """A cut title without trailing punctuation, a dangling word, or a last word that opens a
    quotation it does not close."""
    for _ in range(4):
        cut = cut.rstrip(' ,;:–—-(„«»"“')
        words = cut.rsplit(" ", 1)
        last = words[-1]
        unclosed = last[:1] in '„«»"“' and not any(mark in last[1:] for mark in '“”»«"')
        if len(words) == 2 and (last.lower() in _DANGLING or unclosed):
            cut = words[0]  # "… der", "… Wirbelsturm „Nargis"
        else:
            break
    return cut

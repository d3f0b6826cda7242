"""What the frame rules of ``articles.quotes.frames`` see of one quotation: a ``Site`` holds
the quotation in its sentence and what several rules share (the cues before it, a "laut"
source, the cue right after it), each computed once, on first use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from articles.quotes.clauses import np_after
from articles.quotes.context import Context
from articles.quotes.lexicon import AUXILIARIES
from articles.quotes.marks import Mark
from articles.quotes.sentences import CLAUSE_BREAK, WORD
from articles.quotes.sources import Frame, laut_frame
from articles.quotes.subjects import cue_subject, verb_final_subject

_FOLLOW = re.compile(r"[⟫〉][ \t]*(?P<comma>[,–—-]?)[ \t]*")


@dataclass(eq=False)
class Site:
    """One top-level quotation ``m`` in its sentence window ``s_start``..``s_end``."""

    ctx: Context
    m: Mark
    s_start: int
    s_end: int

    @property
    def masked(self) -> str:
        return self.ctx.masked

    @cached_property
    def cues_before(self) -> list[tuple[int, int, str]]:
        """The reporting cues in the sentence before the quotation."""
        return self.ctx.cue_tokens(self.s_start, self.m.start)

    @cached_property
    def laut(self) -> Frame | None:
        """The nearest "laut X" / "X zufolge" source in the sentence before the quotation."""
        return laut_frame(self.masked, self.s_start, self.s_end, self.m.start)

    @cached_property
    def cue_after(self) -> tuple[Frame | None, Frame | None]:
        """A reporting cue right after the quotation: (its frame when the speaker is found,
        else a weak frame with no speaker); (None, None) when there is no such cue."""
        ctx, masked, m, s_start, s_end = self.ctx, self.masked, self.m, self.s_start, self.s_end
        weak = None
        follow = _FOLLOW.match(masked[m.end - 1 : s_end])
        if follow:
            pos = m.end - 1 + follow.end()
            stop = CLAUSE_BREAK.search(masked, pos, s_end)
            limit = stop.start() if stop else s_end
            strict = not follow.group("comma")
            for cue in self.ctx.cue_tokens(pos, limit)[:1]:
                first = WORD.match(masked, pos)
                reach = 100 if first and first.group(0) in AUXILIARIES else 40
                if cue[0] - pos > reach or (strict and cue[0] != pos):
                    break
                if cue[0] != pos and masked[pos : pos + 1].isupper():
                    break  # "„…“, Bundestrainer Löw bezeichnete …": a new clause, not a frame
                phrase = cue_subject(ctx, pos, cue, s_end)
                if phrase is not None and cue[2].lower() in ("zitiert", "zitierte"):
                    # „…“, zitiert die „Computerwoche“ Lynch: the quoted one is the speaker
                    quoted = np_after(masked, phrase.end, s_end)
                    if quoted is not None:
                        phrase = quoted
                if phrase is not None:
                    return Frame(cue[2], cue[0], phrase, 0.9), None
                if strict:
                    phrase = verb_final_subject(ctx, s_start, m.start, cue[1], s_end)
                    if phrase is not None:
                        return Frame(cue[2], cue[0], phrase, 0.75), None
                weak = Frame(cue[2], cue[0], None, 0.5)
        return None, weak

    @property
    def weak(self) -> Frame | None:
        """A cue right after the quotation whose speaker was not found."""
        return self.cue_after[1]

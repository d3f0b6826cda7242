"""The public result types of the quotation extractor, re-exported by ``articles.quotes``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeakerEntity:
    """One entity within one article."""

    name: str  # canonical: the fullest name used in the article
    kind: str  # "person" | "organisation"
    role: str | None  # e.g. "NATO-Generalsekretär", nominative, as a label
    aliases: tuple[str, ...]  # other forms used in the article


@dataclass(frozen=True)
class Quotation:
    start: int  # offsets into body; a direct quote's span includes its quotation marks
    end: int
    kind: str  # "direct" | "indirect" | "not_speech"
    speaker: str | None  # SpeakerEntity.name, or None when not found
    speaker_start: int | None  # the mention the attribution rests on
    speaker_end: int | None
    cue: str | None  # the reporting verb or cue, e.g. "sagte", "laut"
    confidence: float  # 0..1


@dataclass(frozen=True)
class Extraction:
    quotes: list[Quotation]  # sorted by start
    speakers: list[SpeakerEntity]  # every entity that some quote names

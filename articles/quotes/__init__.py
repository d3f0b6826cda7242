"""Quotations and their speakers in German news text. No Django imports.

``extract(body)`` finds direct quotations (in „…“, »…«, «…», "…", with ‚…‘ nested), tells speech
from quotation marks around names and titles (``not_speech``), attributes each quotation to a
speaker through the reporting frame around it (``sagte er``, ``so Merkel``, ``laut …``, a colon
before a block quotation), resolves pronouns and short names to the fullest name in the article,
and marks simple indirect speech (a ``dass`` clause or a subjunctive clause after a reporting verb).

The approach is rules over a *masked* copy of the text, in which every quotation is replaced by
``⟪···⟫`` of the same length: frames are then found with plain regular expressions that cannot
see words inside quotations, and every offset stays valid for the original body.
See docs/quotes.md for the design and the measured figures.

The stages, each a module, each importing only modules listed before it:

- ``model``: the public dataclasses;
- ``lexicon``: word lists, read from ``data/*.txt``;
- ``marks``: pair quotation marks per paragraph and mask the quotations;
- ``phrases``: the noun-phrase expressions and their analysis into role and name;
- ``nouns``: whether a phrase can speak, is a thing, is plural;
- ``sentences``: sentence bounds and reporting cues;
- ``context``: what one article knows about its own words;
- ``clauses``, ``openings``, ``subjects``: the speaker phrase of a cue or of a sentence;
- ``sources``: frames without a reporting verb ("laut X", "so X", "heißt es in …");
- ``classify``: direct speech or a name, title or gloss;
- ``indirect``: indirect speech;
- ``entities``, ``people``: canonical names, roles and pronoun resolution;
- ``resolve``: the speaker of each direct quotation, continued speech included;
- ``frames``: the ordered rules (``FRAME_RULES``) that find the frame of one quotation;
- ``pipeline``: ``extract``, which runs them in turn (``strict=True`` lets errors through).
"""

from articles.quotes.model import Extraction, Quotation, SpeakerEntity
from articles.quotes.pipeline import extract

__all__ = ["Extraction", "Quotation", "SpeakerEntity", "extract"]

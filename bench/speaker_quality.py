"""How good the speakers are after importing the development corpus.

Usage (from the repository root)::

    .venv/bin/python bench/speaker_quality.py [--corpus PATH] [--examples 10]

Imports the articles of ``../shared/corpus/wikinews-de/{train,dev}`` (or ``--corpus``) with
``import_seeds`` into a fresh SQLite database in a temporary folder (deleted afterwards), then
prints:

- the number of speakers, persons and organisations;
- the speakers ``articles.speakernames`` would reject (0 once the import applies it), and the
  speakers whose kind it would correct;
- the speakers named by an article and a noun no word list knows (for a reader to judge:
  things would be among them);
- the speakers named by a surname alone beside a full name with that surname: quoted in the
  same article as that full name, and across the corpus where exactly one full name has it;
- the 20 speakers quoted most.

The corpus is never copied into the repository; without it the script says so and exits 0.
A measurement, not a test: the figures go into the report by hand.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews-de"
SPLITS = ("train", "dev")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--examples", type=int, default=10, help="examples shown per list")
    args = parser.parse_args()
    folders = [args.corpus / split for split in SPLITS]
    if not all(folder.is_dir() for folder in folders):
        print(f"No corpus at {args.corpus} (looked for {', '.join(SPLITS)}): nothing measured.")
        return 0
    with tempfile.TemporaryDirectory(prefix="speaker-quality-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'speakers.sqlite3'}"
        _django_setup()
        seconds = _import(folders)
        report(examples=args.examples, seconds=seconds)
    return 0


def _django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    import django

    django.setup()


def _import(folders: list[Path]) -> float:
    from django.core.management import CommandError, call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    try:
        call_command("import_seeds", *map(str, folders), verbosity=0, jobs=1)
    except CommandError as error:  # some files failed: measure the others all the same
        print(error, file=sys.stderr)
    return time.perf_counter() - started


def report(*, examples: int, seconds: float) -> None:
    from articles import speakernames
    from articles.models import Article, Quote, Speaker

    speakers = list(Speaker.objects.all())
    persons = [s for s in speakers if s.kind == Speaker.Kind.PERSON]
    print(f"Imported {Article.objects.count()} articles in {seconds:.1f} s")
    print(
        f"Speakers: {len(speakers)} ({len(persons)} persons, "
        f"{len(speakers) - len(persons)} organisations); "
        f"{Quote.objects.filter(kind__in=Quote.SPOKEN).count()} quotations, "
        f"{Quote.objects.filter(kind__in=Quote.SPOKEN, speaker__isnull=False).count()} "
        "with a speaker"
    )

    flagged = [(s, speakernames.rejection(s.name)) for s in speakers]
    flagged = [(s, why) for s, why in flagged if why is not None]
    _listing(
        "Speakers the filter would reject",
        [f"{s.name} ({why})" for s, why in flagged],
        examples,
    )
    rejected = {s.pk for s, _why in flagged}
    kinds = [
        s
        for s in speakers
        if s.pk not in rejected and speakernames.speaker_kind(s.name, s.kind) != s.kind
    ]
    _listing(
        "Other speakers whose kind the filter would correct",
        [f"{s.name} ({s.kind})" for s in kinds],
        examples,
    )

    unknown = _unknown_nouns(speakers)
    _listing(
        "Speakers named by an article and one noun that no word list knows as a person or an "
        "organisation, no acronym or outlet (to read: things would be here)",
        [f"{name} ({mention!r})" for name, mention in unknown],
        examples,
    )

    same_article, across = _surname_duplicates(persons)
    _listing(
        "Surname-only speakers quoted in an article beside a full name with that surname",
        [f"{short} / {full} ({count} articles)" for short, full, count in same_article],
        examples,
    )
    _listing(
        "Surname-only speakers whose surname exactly one full name has (across articles)",
        [f"{short} / {full}" for short, full in across],
        examples,
    )

    print("\nTop 20 speakers by quotations:")
    for speaker in Speaker.objects.quoted().order_by("-quote_count", "name")[:20]:
        role = f", {speaker.role}" if speaker.role else ""
        print(
            f"  {speaker.quote_count:4d}  {speaker.name} ({speaker.kind}{role}; "
            f"{speaker.article_count} articles)"
        )


def _unknown_nouns(speakers) -> list[tuple[str, str]]:
    """(speaker, mention) for the speakers that some quotation names by an article and one
    noun ("die Zweige") which the word lists know as neither a person nor an organisation,
    and which is no acronym or outlet.
    Independent of the filter that the import applies, which passes every noun it does not
    know: what it lists is for a reader to judge."""
    import re

    from articles import speakernames
    from articles.models import Quote

    article = re.compile(
        r"(?:der|die|das|den|dem|des|ein|eine|einer|einen|einem|sein|seine|ihr|ihre)"
        r"\s+(?P<noun>[A-ZÄÖÜ][\w\-]*)",
        re.IGNORECASE,
    )
    by_pk = {speaker.pk: speaker for speaker in speakers}
    found = {}
    quotes = Quote.objects.filter(speaker__in=speakers, speaker_start__isnull=False)
    for speaker_id, body, start, end in quotes.values_list(
        "speaker_id", "article__body", "speaker_start", "speaker_end"
    ):
        m = article.fullmatch(body[start:end])
        speaker = by_pk[speaker_id]
        if m is None or m.group("noun") != speaker.name or speaker.name in found:
            continue
        if speaker.name.isupper() or speakernames.outlet(speaker.name):
            continue  # an acronym or an outlet: an organisation
        if speakernames.category(speaker.name) not in (speakernames.PEOPLE, speakernames.ORG):
            found[speaker.name] = body[start:end]
    return sorted(found.items())


def _surname_duplicates(persons) -> tuple[list[tuple[str, str, int]], list[tuple[str, str]]]:
    """(surname-only name, full name, articles quoting both), and (surname-only name, the one
    full name with that surname) for surname-only speakers anywhere."""
    from articles import speakernames
    from articles.models import Quote

    full_names = defaultdict(list)
    for speaker in persons:
        if not speakernames.is_surname_only(speaker.name):
            key = speakernames.surname_key(speaker.name)
            if key:
                full_names[key].append(speaker)
    articles = defaultdict(set)
    for speaker_id, article_id in Quote.objects.filter(
        speaker__in=persons, kind__in=Quote.SPOKEN
    ).values_list("speaker_id", "article_id"):
        articles[speaker_id].add(article_id)
    same_article, across = [], []
    for speaker in persons:
        if not speakernames.is_surname_only(speaker.name):
            continue
        matches = full_names.get(speakernames.surname_key(speaker.name), [])
        for full in matches:
            shared = articles[speaker.pk] & articles[full.pk]
            if shared:
                same_article.append((speaker.name, full.name, len(shared)))
        if len(matches) == 1:
            across.append((speaker.name, matches[0].name))
    return same_article, across


def _listing(title: str, lines: list[str], examples: int) -> None:
    print(f"\n{title}: {len(lines)}")
    for line in sorted(lines)[:examples]:
        print(f"  {line}")
    if len(lines) > examples:
        print(f"  … and {len(lines) - examples} more")


if __name__ == "__main__":
    sys.exit(main())

"""Find the quotations in seed files and print them; touches no database."""

import json

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils.translation import ngettext

from articles import quotes, seedfile
from articles.services import COMMAND_HINTS, seed_error_explained, seed_paths, seed_read


class Command(BaseCommand):
    help = (
        "Print the quotations and speakers found in seed files (files or folders of *.txt). "
        "With --format json, one JSON object per file and line."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--source", metavar="NAME", help="the outlet for files that have no 'Quelle:' line"
        )

    @no_translations  # English whatever the settings' language, like import_seeds
    def handle(self, *args, paths, format, source, **options):
        failed = 0
        for path in seed_paths(paths):
            try:
                parsed = seedfile.parse(
                    seedfile.decode(seed_read(path), path.name), path.name, default_source=source
                )
            except seedfile.SeedError as error:
                failed += 1
                self.stderr.write(f"{path}: {seed_error_explained(error, COMMAND_HINTS)}")
                continue
            extraction = quotes.extract(parsed.body)
            if format == "json":
                self.stdout.write(json.dumps(as_json(parsed, extraction), ensure_ascii=False))
            else:
                self.stdout.write(as_text(parsed, extraction))
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d file could not be read", "%(count)d files could not be read", failed
                )
                % {"count": failed}
            )


def as_json(parsed: seedfile.ParsedArticle, extraction: quotes.Extraction) -> dict:
    body = parsed.body
    return {
        "file": parsed.filename,
        "body": body,
        "quotes": [
            {
                "start": quote.start,
                "end": quote.end,
                "text": body[quote.start : quote.end],
                "kind": quote.kind,
                "speaker": quote.speaker,
                "speaker_start": quote.speaker_start,
                "speaker_end": quote.speaker_end,
                "cue": quote.cue,
                "confidence": round(quote.confidence, 2),
            }
            for quote in extraction.quotes
        ],
    }


def as_text(parsed: seedfile.ParsedArticle, extraction: quotes.Extraction) -> str:
    roles = {speaker.name: speaker.role for speaker in extraction.speakers}
    lines = [f"== {parsed.filename}: {parsed.title} ({parsed.source})"]
    for quote in extraction.quotes:
        text = " ".join(parsed.body[quote.start : quote.end].split())
        if len(text) > 100:
            text = text[:99] + "…"
        who = quote.speaker or "—"
        if quote.speaker and roles.get(quote.speaker):
            who += f" ({roles[quote.speaker]})"
        lines.append(f"  {quote.start:>6}-{quote.end:<6} {quote.kind:<10} {who}: {text}")
    if not extraction.quotes:
        lines.append("  no quotations")
    return "\n".join(lines)

"""Writes for articles, sources, speakers and quotes.

Every import goes through ``seed_import`` (one file) or ``seed_import_batch`` (many, written a
batch at a time): the management command and the admin's upload page call them and repeat none
of it. Each file is imported whole or not at all, and a file that fails writes nothing.
"""

from __future__ import annotations

import dataclasses
import logging
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext
from django.utils.translation import gettext as _

from annotations import anchoring
from annotations.services import annotations_reanchor
from articles import derived, seedfile, speakernames
from articles import quotes as extractor
from articles.models import (
    Article,
    CurationLog,
    Quote,
    ReadingState,
    Source,
    Speaker,
    SpeakerAlias,
    SpeakerSlug,
)
from articles.rows import instances_insert, rows_insert

logger = logging.getLogger(__name__)


class Status:
    IMPORTED = "imported"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    FAILED = "failed"
    WOULD_IMPORT = "would import"
    WOULD_REPLACE = "would replace"

    labels = {
        IMPORTED: gettext_lazy("imported"),
        UNCHANGED: gettext_lazy("unchanged"),
        REPLACED: gettext_lazy("replaced"),
        FAILED: gettext_lazy("failed"),
        WOULD_IMPORT: gettext_lazy("would import"),
        WOULD_REPLACE: gettext_lazy("would replace"),
    }


class Option:
    """An import option that would let a failed file through; each caller names its own
    control for it (``--replace`` on the command line, a checkbox in the admin)."""

    REPLACE = "replace"
    SOURCE = "source"


# What to do about a failed file, in the command line's words (the admin names its own fields).
COMMAND_HINTS = {
    Option.REPLACE: gettext_lazy(
        "use --replace to replace its text (annotations are kept and placed again), or rename "
        "the file to import it as a new article"
    ),
    Option.SOURCE: gettext_lazy("or give the source with --source"),
}


def seed_error_option(error: seedfile.SeedError) -> str:
    """The ``Option`` that would let a file with this error through, or ""."""
    return Option.SOURCE if isinstance(error, seedfile.NoSource) else ""


def seed_error_describe(error: seedfile.SeedError) -> str:
    """Why a seed file failed, in the active language, its numbers written as it writes them."""
    return error.describe(gettext, number_format)


def seed_error_explained(error: seedfile.SeedError, hints: Mapping[str, str]) -> str:
    """``seed_error_describe`` with the caller's words for the option that would help."""
    return _with_hint(seed_error_describe(error), hints.get(seed_error_option(error)))


def _with_hint(message: str, hint: str | None) -> str:
    return f"{message}; {hint}" if hint else message


@dataclass
class ImportOutcome:
    name: str
    status: str
    message: str = ""
    article: Article | None = None
    option: str = ""  # an ``Option`` that would help a failed file

    @property
    def failed(self) -> bool:
        return self.status == Status.FAILED

    @property
    def status_label(self) -> str:
        return str(Status.labels[self.status])

    def explained(self, hints: Mapping[str, str]) -> str:
        """The message, with the caller's words for the ``option`` that would help."""
        return _with_hint(self.message, hints.get(self.option))

    def __str__(self):
        text = f"{self.name}: {self.status}"
        return f"{text}: {self.message}" if self.message else text


# --- Where seed files come from ------------------------------------------------------------


def seed_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each file named, and every ``*.txt`` below each folder named, in a stable order.

    A generator, so that a run over many files never holds them all.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*.txt")):
                if child.is_file():
                    yield child
        else:
            yield path


def seed_read(path: Path) -> bytes:
    """A seed file's bytes; refuses before reading a file over the size limit."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise seedfile.SeedError(gettext_noop("no such file"), filename=path.name) from None
    if path.is_dir():
        raise seedfile.SeedError(gettext_noop("this is a folder, not a file"), filename=path.name)
    seedfile.check_size(size, path.name)
    with path.open("rb") as handle:
        return handle.read(seedfile.MAX_BYTES + 1)


def seed_files_from_zip(fileobj) -> Iterator[tuple[str, bytes | seedfile.SeedError]]:
    """(name, bytes) for each ``.txt`` member of a zip archive, or (name, error) for a bad one
    and for an archive inside it (not opened); (the archive's name, error) for an archive with
    neither."""
    archive_name = PurePosixPath(getattr(fileobj, "name", None) or "(archive)").name
    try:
        archive = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile:
        yield archive_name, seedfile.SeedError(gettext_noop("the archive is not a valid .zip file"))
        return
    found = False
    with archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename).name
            if info.is_dir() or name.startswith("."):
                continue
            if name.lower().endswith(".zip"):
                found = True
                yield (
                    name,
                    seedfile.SeedError(
                        gettext_noop(
                            "an archive inside the archive is not opened: unpack it and upload "
                            "the files it holds"
                        )
                    ),
                )
                continue
            if not name.lower().endswith(".txt"):
                continue
            found = True
            try:
                seedfile.check_size(info.file_size, name)
                with archive.open(info) as member:
                    yield name, member.read(seedfile.MAX_BYTES + 1)
            except seedfile.SeedError as error:
                yield name, error
            except (
                zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError
            ) as error:  # fmt: skip
                yield (
                    name,
                    seedfile.SeedError(
                        gettext_noop("cannot be read from the archive: %(error)s"), error=error
                    ),
                )
    if not found:
        yield archive_name, seedfile.SeedError(gettext_noop("the archive holds no .txt seed files"))


# --- Importing -----------------------------------------------------------------------------


class ImportCache:
    """Sources and speakers one import run has already looked up, so that a run over many
    files does not ask the database for "RT DE" again and again.

    Rows created inside a file's transaction are remembered only once it commits. A batch
    writes through a ``staged`` copy instead, which remembers at once (the batch's later files
    find its earlier files' rows) and replaces this cache when the batch commits (``adopt``).
    """

    def __init__(self, *, at_once: bool = False):
        self.sources: dict[str, Source] = {}
        self.speakers: dict[str, Speaker] = {}
        self.aliases: dict[int, set[str]] = {}
        self.at_once = at_once

    def clear(self) -> None:
        self.sources.clear()
        self.speakers.clear()
        self.aliases.clear()

    def remember(self, function) -> None:
        """Run ``function`` (which fills the cache) when the transaction commits, or now for a
        staged cache."""
        if self.at_once:
            function()
        else:
            transaction.on_commit(function)

    def staged(self) -> ImportCache:
        """A copy for one batch's transaction; this cache is left as it is until ``adopt``."""
        copy = ImportCache(at_once=True)
        copy.sources, copy.speakers = dict(self.sources), dict(self.speakers)
        copy.aliases = dict(self.aliases)
        return copy

    def adopt(self, staged: ImportCache) -> None:
        """What a committed batch's staged copy knows, which is all this cache knew and more."""
        self.sources, self.speakers, self.aliases = staged.sources, staged.speakers, staged.aliases

    def forget(self, speaker_pk: int) -> None:
        """Drop what is remembered of a speaker that a merge changed or removed (an instance
        that was deleted has lost its pk)."""
        gone = (speaker_pk, None)
        for name in [name for name, known in self.speakers.items() if known.pk in gone]:
            del self.speakers[name]
        self.aliases.pop(speaker_pk, None)


def seed_import(
    *,
    name: str,
    data: bytes | seedfile.SeedError,
    default_source: str | None = None,
    user=None,
    dry_run: bool = False,
    replace: bool = False,
    cache: ImportCache | None = None,
) -> ImportOutcome:
    """Import one seed file's bytes as an article with its quotes, or say why not.

    Idempotent: content imported before is ``unchanged``. A different content under an
    imported file's name is refused, or with ``replace`` replaces that article's text
    (see ``article_replace``). Nothing is written on failure or with ``dry_run``.
    Pass one ``cache`` to every call of a run over many files.

    A value that would not fit its column is refused before any write (``seed_check``); an
    error the database raises all the same fails this file alone, with the database's reason.
    Other exceptions (a bug) propagate; ``seed_import_guarded`` reports them as a failure.
    """
    parsed = _seed_parse(name=name, data=data, default_source=default_source)
    if isinstance(parsed, ImportOutcome):
        return parsed
    return _seed_store_refusable(
        name=name, parsed=parsed, user=user, dry_run=dry_run, replace=replace, cache=cache
    )


def _seed_parse(
    *, name: str, data: bytes | seedfile.SeedError, default_source: str | None
) -> seedfile.ParsedArticle | ImportOutcome:
    """The file parsed and checked (``seed_check``), or the outcome that says why not."""
    if isinstance(data, seedfile.SeedError):
        return ImportOutcome(name, Status.FAILED, seed_error_describe(data))
    try:
        parsed = seedfile.parse(seedfile.decode(data, name), name, default_source=default_source)
        seed_check(parsed)
    except seedfile.SeedError as error:
        return ImportOutcome(
            name, Status.FAILED, seed_error_describe(error), option=seed_error_option(error)
        )
    return parsed


def _seed_store_refusable(*, name: str, **options) -> ImportOutcome:
    """``_seed_store``, with an error of the database (but for its absence) as the file's
    failure."""
    try:
        return _seed_store(name=name, **options)
    except (OperationalError, InterfaceError):
        raise  # the database is unreachable or busy, no fault of this file: the run stops
    except DatabaseError as error:
        logger.warning("the database refused %s: %s", name, error)
        return ImportOutcome(name, Status.FAILED, _database_refused(error))


def _database_refused(error: DatabaseError) -> str:
    reason = " ".join(str(error).split()) or type(error).__name__
    return _("the database refused it, nothing was written: %(error)s") % {"error": reason}


def _seed_store(
    *,
    name: str,
    parsed: seedfile.ParsedArticle,
    user,
    dry_run: bool,
    replace: bool,
    cache: ImportCache | None,
    extraction: extractor.Extraction | None = None,
    extraction_failed: str = "",
) -> ImportOutcome:
    """``seed_import`` for a file that parsed: look for clashes, extract, write.

    ``extraction`` and ``extraction_failed``: what ``_seed_extract`` found already, if it ran.
    """
    cache = cache if cache is not None else ImportCache()
    # ``extraction`` is found once, and only for a file that is not known already;
    # ``extraction_failed`` says why the extractor found nothing, added to the outcome's message.

    collision = None
    for _attempt in range(3):
        same_content, same_name = _clashes(name, parsed)
        known = _known_outcome(name, same_content, same_name, replace=replace)
        if known is not None:
            return known
        if extraction is None:
            extraction, extraction_failed = _seed_extract(name, parsed)
        if dry_run:
            status = Status.WOULD_REPLACE if same_name else Status.WOULD_IMPORT
            return ImportOutcome(
                name,
                status,
                _("“%(title)s”, %(source)s, %(quotations)s")
                % {
                    "title": parsed.title,
                    "source": parsed.source,
                    "quotations": _quotations(len(extraction.quotes)),
                }
                + extraction_failed,
            )
        try:
            with transaction.atomic():
                if same_name is not None:
                    article = Article.objects.select_for_update().get(pk=same_name.pk)
                    message = article_replace(
                        article=article, parsed=parsed, extraction=extraction, cache=cache
                    )
                    return ImportOutcome(
                        name, Status.REPLACED, message + extraction_failed, article
                    )
                article = article_create(parsed=parsed, user=user, cache=cache)
                count = quotes_store(article=article, extraction=extraction, cache=cache, new=True)
        except (IntegrityError, Article.DoesNotExist) as error:
            # Another import committed the same content, name, source or speaker between
            # our checks and our insert, or a cached row was merged away: look again.
            cache.clear()
            collision = error
            continue
        return ImportOutcome(name, Status.IMPORTED, _quotations(count) + extraction_failed, article)
    if isinstance(collision, IntegrityError):
        # Not a race that a second look settles: a rule of the database that the file breaks.
        return ImportOutcome(name, Status.FAILED, _database_refused(collision))
    return ImportOutcome(name, Status.FAILED, _("conflicting imports kept colliding; try again"))


def _known_outcome(
    name: str, same_content: Article | None, same_name: Article | None, *, replace: bool
) -> ImportOutcome | None:
    """The outcome of a file whose content was imported, or whose name was without
    ``replace``; None for a file to write."""
    if same_content is not None:
        return ImportOutcome(
            name,
            Status.UNCHANGED,
            _("already imported as “%(title)s”") % {"title": same_content.title},
            same_content,
        )
    if same_name is not None and not replace:
        return ImportOutcome(
            name,
            Status.FAILED,
            _("an article was already imported from a file of this name with different content"),
            option=Option.REPLACE,
        )
    return None


def _seed_extract(name: str, parsed: seedfile.ParsedArticle) -> tuple[extractor.Extraction, str]:
    """The file's quotations, and "" or why the extractor failed (the article is imported
    without quotations then, and the outcome's message says why)."""
    try:
        return extractor.extract(parsed.body, strict=True), ""
    except Exception as error:  # noqa: BLE001 - the article is imported without quotes
        logger.exception("quotation extraction failed for %s", name)
        failed = "; " + _("quotation extraction failed: %(error)s") % {
            "error": f"{type(error).__name__}: {error}"
        }
        return extractor.Extraction(quotes=[], speakers=[]), failed


def seed_import_guarded(*, name: str, data: bytes | seedfile.SeedError, **options) -> ImportOutcome:
    """``seed_import``, with an unexpected error (a bug, not a bad file) reported as this file's
    failure and logged with its traceback, so that a run over many files goes on. Nothing of
    the file is written: ``seed_import`` writes inside one transaction."""
    return _guarded(name, seed_import, name=name, data=data, **options)


def _guarded(file_name: str, function, /, **options) -> ImportOutcome:
    """``function(**options)``; an unexpected error is the file's failure."""
    try:
        return function(**options)
    except (OperationalError, InterfaceError):
        raise  # not this file's failure: the caller stops, and a later run imports it
    except Exception as error:  # noqa: BLE001 - reported as the file's outcome, and logged
        logger.exception("importing %s failed", file_name)
        return ImportOutcome(
            file_name,
            Status.FAILED,
            _("unexpected error, nothing was written: %(error)s")
            % {"error": f"{type(error).__name__}: {error}"},
        )


# What the import stores from a file, with the column it goes to: the model, its field, and
# what to say when the value is too long for it. The source's slug, the speakers' names, roles
# and aliases and the quotes' cue words are cut to fit where they are made (``_unique_slug``,
# ``_speaker_clean``, ``_quote_row``).
_CHECKED_FIELDS = {
    "filename": (
        Article,
        "seed_filename",
        gettext_noop("the file name is too long: %(count)s characters, at most %(limit)s"),
    ),
    "source": (
        Source,
        "name",
        gettext_noop("the source name is too long: %(count)s characters, at most %(limit)s"),
    ),
    "title": (
        Article,
        "title",
        gettext_noop("the title is too long: %(count)s characters, at most %(limit)s"),
    ),
    "slug": (
        Article,
        "slug",
        gettext_noop("the article's slug is too long: %(count)s characters, at most %(limit)s"),
    ),
}


def seed_check(parsed: seedfile.ParsedArticle) -> None:
    """Refuse, before any write, a file whose values would not fit their columns: PostgreSQL
    would refuse them in the middle of the import, SQLite would store them whatever their
    length."""
    values = {
        "filename": parsed.filename,
        "source": parsed.source,
        "title": parsed.title,
        "slug": _article_slug(parsed),
    }
    for key, (model, field_name, message) in _CHECKED_FIELDS.items():
        limit = model._meta.get_field(field_name).max_length
        if len(values[key]) > limit:
            raise seedfile.TooLong(
                message, filename=parsed.filename, count=len(values[key]), limit=limit
            )


def _quotations(count: int) -> str:
    return ngettext("%(count)d quotation", "%(count)d quotations", count) % {"count": count}


def seed_import_path(path: Path, **options) -> ImportOutcome:
    """Read a seed file from disk and import it; ``options`` as for ``seed_import``. Whatever
    goes wrong with the file is its outcome (``seed_import_guarded``)."""
    try:
        data = seed_read(path)
    except seedfile.SeedError as error:
        data = error
    except OSError as error:  # unreadable: permissions, a broken link, an I/O error
        data = seedfile.SeedError(
            gettext_noop("cannot be read: %(error)s"),
            filename=path.name,
            error=error.strerror or error,
        )
    outcome = seed_import_guarded(name=path.name, data=data, **options)
    if outcome.failed:
        outcome.name = str(path)
    return outcome


def _seed_path_read(path: Path) -> bytes | seedfile.SeedError:
    try:
        return seed_read(path)
    except seedfile.SeedError as error:
        return error
    except OSError as error:  # unreadable: permissions, a broken link, an I/O error
        return seedfile.SeedError(
            gettext_noop("cannot be read: %(error)s"),
            filename=path.name,
            error=error.strerror or error,
        )


def seed_import_paths(paths: Iterable[Path], **options) -> Iterator[ImportOutcome]:
    """``seed_import_path`` for many files, written a batch at a time (``seed_import_batch``).
    A failed file's outcome is named by its path."""
    paths = list(paths)
    files = ((path.name, _seed_path_read(path)) for path in paths)
    for index, outcome in seed_import_batch(files=files, **options):
        if outcome.failed:
            outcome.name = str(paths[index])
        yield outcome


# A batch: at most this many files, or about this many bytes of text (a file may have 5 MB).
BATCH_FILES = 100
BATCH_BYTES = 4 * 1024 * 1024


def seed_import_batch(
    *,
    files: Iterable[tuple[str, bytes | seedfile.SeedError]],
    dry_run: bool = False,
    cache: ImportCache | None = None,
    **options,
) -> Iterator[tuple[int, ImportOutcome]]:
    """``seed_import_guarded`` for many files, with the same outcome for each, in fewer
    statements: each batch of files is parsed, checked and extracted first, then written in
    one transaction with one insert of the articles and one of their quotations. Yields each
    file's position in ``files`` with its outcome.

    A file that fails (it does not parse, a value too long, the same name with other content)
    writes nothing and leaves the others be. When the batch's transaction fails (a race with
    another import, a value the database refuses), nothing of it is written and its files are
    imported again one by one (``seed_import``), each with its own outcome. A file that
    replaces an article (``replace``), or that has the name or content of an earlier file of
    its batch, is imported on its own after the batch. A dry run looks at each file alone.

    Yields each file's outcome as soon as it is committed, a batch's before the files it left
    for later: not always in the order of ``files``. Stops, as ``seed_import`` does, on
    ``OperationalError`` and ``InterfaceError`` (the database is gone). ``options`` are
    ``seed_import``'s: ``default_source``, ``user``, ``replace``.
    """
    cache = cache if cache is not None else ImportCache()
    if dry_run:
        for index, (name, data) in enumerate(files):
            yield (
                index,
                seed_import_guarded(name=name, data=data, dry_run=True, cache=cache, **options),
            )
        return
    pending: list[tuple[int, str, bytes | seedfile.SeedError]] = []
    size = 0
    for index, (name, data) in enumerate(files):
        pending.append((index, name, data))
        size += len(data) if isinstance(data, bytes) else 0
        if len(pending) >= BATCH_FILES or size >= BATCH_BYTES:
            yield from _batch_import(pending, cache=cache, **options)
            pending, size = [], 0
    if pending:
        yield from _batch_import(pending, cache=cache, **options)


@dataclass
class _BatchFile:
    index: int
    name: str
    parsed: seedfile.ParsedArticle
    extraction: extractor.Extraction | None = None
    extraction_failed: str = ""


def _batch_import(
    files: list[tuple[int, str, bytes | seedfile.SeedError]],
    *,
    cache: ImportCache,
    default_source: str | None = None,
    user=None,
    replace: bool = False,
) -> Iterator[tuple[int, ImportOutcome]]:
    store = {"user": user, "dry_run": False, "replace": replace, "cache": cache}
    parsed = []
    for index, name, data in files:
        found = _guarded(name, _seed_parse, name=name, data=data, default_source=default_source)
        if isinstance(found, ImportOutcome):
            yield index, found  # it failed, and writes nothing
        else:
            parsed.append(_BatchFile(index, name, found))
    if not parsed:
        return
    batch, later = [], []
    known = _batch_clashes(parsed)
    seen: set[str] = set()
    for item in parsed:
        if {item.name, item.parsed.content_hash} & seen:
            later.append(item)  # after the batch, which holds the file it clashes with
            continue
        seen.update((item.name, item.parsed.content_hash))
        same_content = known.get(("content", item.parsed.content_hash))
        same_name = known.get(("name", item.name))
        outcome = _known_outcome(item.name, same_content, same_name, replace=replace)
        if outcome is not None:
            yield item.index, outcome
        elif same_name is not None:
            later.append(item)  # replaces an article: alone, as ``seed_import`` does
        else:
            item.extraction, item.extraction_failed = _seed_extract(item.name, item.parsed)
            batch.append(item)
    if batch:
        try:
            written = _batch_write(batch, user=user, cache=cache)
        except Exception as error:  # noqa: BLE001 - each file is imported alone instead
            logger.info("a batch of %d files is imported one by one: %s", len(batch), error)
            for item in batch:
                yield (
                    item.index,
                    _guarded(
                        item.name,
                        _seed_store_refusable,
                        name=item.name,
                        parsed=item.parsed,
                        extraction=item.extraction,
                        extraction_failed=item.extraction_failed,
                        **store,
                    ),
                )
        else:
            for item, (article, count) in zip(batch, written, strict=True):
                message = _quotations(count) + item.extraction_failed
                yield item.index, ImportOutcome(item.name, Status.IMPORTED, message, article)
    for item in later:
        yield (
            item.index,
            _guarded(item.name, _seed_store_refusable, name=item.name, parsed=item.parsed, **store),
        )


def _batch_clashes(items: list[_BatchFile]) -> dict[tuple[str, str], Article]:
    """The articles that have the content or the name of one of the files, in one query:
    ("content", hash) and ("name", file name) to the article."""
    found = (
        Article.objects.filter(
            Q(content_hash__in={item.parsed.content_hash for item in items})
            | Q(seed_filename__in={item.name for item in items})
        )
        .only("title", "content_hash", "seed_filename", "slug")
        .order_by()
    )
    known = {}
    for article in found:
        known[("content", article.content_hash)] = article
        known[("name", article.seed_filename)] = article
    return known


def _batch_write(batch: list[_BatchFile], *, user, cache: ImportCache) -> list[tuple[Article, int]]:
    """Write a batch of new articles with their quotes in one transaction; each article with
    its number of quotes. The speakers are resolved file by file, in the batch's order, as
    ``quotes_store`` does for one file; the run's cache learns the batch's rows at commit."""
    staged = cache.staged()
    with transaction.atomic():
        articles = [
            article_create(parsed=item.parsed, user=user, cache=staged, commit=False)
            for item in batch
        ]
        for article in articles:
            article.counted_in = article.source_id  # counted by derived.articles_created
        instances_insert(Article, articles)
        entities = [entity for item in batch for entity in item.extraction.speakers]
        cleaned = [(entity, _speaker_clean(entity)) for entity in entities]
        _surnames_lock([found for _entity, found in cleaned if found is not None])
        # Those the run does not know yet, looked up at once (after the lock, as one by one).
        new = [found for entity, found in cleaned if found and entity.name not in staged.speakers]
        known = SpeakersKnown()
        known.load(
            names={found.name for found in new},
            words={
                speakernames.surname(found.name).split()[-1]
                for found in new
                if found.kind == Speaker.Kind.PERSON and speakernames.surname_key(found.name)
            },
        )
        merged: dict[int, Speaker] = {}
        resolved = [
            {
                name: (speaker, speaker.pk)
                for name, speaker in speakers_resolve(
                    entities=item.extraction.speakers,
                    cache=staged,
                    merged=merged,
                    lock=False,
                    known=known,
                ).items()
            }
            for item in batch
        ]
        rows = []
        for article, item, speakers in zip(articles, batch, resolved, strict=True):
            # A later file of the batch may have merged a speaker of an earlier one away
            # ("Angela Merkel" takes in "Merkel"): its quotes go to the one it went into, as
            # the merge moved the quotes of the files before the batch.
            final = {
                name: _merged_into(speaker, pk, merged) for name, (speaker, pk) in speakers.items()
            }
            rows.append(_quote_values(article, item.extraction, final))
        every = [row for file_rows in rows for row in file_rows]
        rows_insert(Quote, QUOTE_FIELDS, every)
        derived.articles_created(
            {article.pk: (article.source_id, article.date) for article in articles},
            ((row[0], row[4], row[3], row[8], row[10]) for row in every),
        )
    transaction.on_commit(lambda: cache.adopt(staged))
    return [(article, len(file_rows)) for article, file_rows in zip(articles, rows, strict=True)]


def _merged_into(speaker: Speaker, pk: int, merged: Mapping[int, Speaker]) -> Speaker:
    while pk in merged:
        speaker = merged[pk]
        pk = speaker.pk
    return speaker


def _clashes(name: str, parsed: seedfile.ParsedArticle) -> tuple[Article | None, Article | None]:
    """The article with this content, and the one imported from a file of this name."""
    found = (
        Article.objects.filter(Q(content_hash=parsed.content_hash) | Q(seed_filename=name))
        .only("title", "content_hash", "seed_filename", "slug")
        .order_by()
    )
    same_content = same_name = None
    for article in found[:2]:
        if article.content_hash == parsed.content_hash:
            same_content = article
        if article.seed_filename == name:
            same_name = article
    return same_content, same_name


def article_create(
    *,
    parsed: seedfile.ParsedArticle,
    user=None,
    cache: ImportCache | None = None,
    commit: bool = True,
) -> Article:
    """The article of a parsed file, with its source (created if new). ``commit=False``: not
    saved, for a batch's ``rows.instances_insert`` (the source is created all the same)."""
    source = source_get_or_create(name=parsed.source, cache=cache)
    article = Article(
        source=source,
        title=parsed.title,
        slug=_article_slug(parsed),
        date=parsed.date,
        date_precision=parsed.date_precision,
        body=parsed.body,
        seed_filename=parsed.filename,
        content_hash=parsed.content_hash,
        imported_by=user if user is not None and user.is_authenticated else None,
    )
    if commit:
        article.save(force_insert=True)
    return article


def _article_slug(parsed: seedfile.ParsedArticle) -> str:
    base = slugify(parsed.title)[:100].strip("-") or "article"
    return f"{base}-{parsed.content_hash[:8]}"


def article_replace(
    *,
    article: Article,
    parsed: seedfile.ParsedArticle,
    extraction: extractor.Extraction,
    cache: ImportCache | None = None,
) -> str:
    """Give an article the text of an edited seed file; call inside a transaction.

    The slug stays, so links keep working; a title a person edited stays. Quotes a person
    reviewed and every annotation are found again in the new text by their passage and its
    context; a reviewed quote that cannot be found is removed, an annotation that cannot be
    found is kept as orphaned. Returns what happened, for the import report.
    """
    old_body = article.body
    article.source = source_get_or_create(name=parsed.source, cache=cache)
    article.body = parsed.body
    article.content_hash = parsed.content_hash
    article.date, article.date_precision = parsed.date, parsed.date_precision
    if not article.title_edited:
        article.title = parsed.title
    article.save()
    article.quotes.filter(review=Quote.Review.MACHINE).delete()
    moved, lost = _reviewed_quotes_reanchor(article=article, old_body=old_body)
    count = quotes_store(article=article, extraction=extraction, cache=cache)
    placed = annotations_reanchor(article=article, old_body=old_body)
    parts = [_quotations(count)]
    if moved or lost:
        parts.append(
            _("reviewed quotes: %(moved)d placed again, %(lost)d no longer in the text")
            % {"moved": moved, "lost": lost}
        )
    parts.append(
        _(
            "annotations: %(unchanged)d unchanged, %(moved)d moved, %(recovered)d recovered, "
            "%(orphaned)d orphaned"
        )
        % vars(placed)
    )
    return "; ".join(parts)


def _reviewed_quotes_reanchor(*, article: Article, old_body: str) -> tuple[int, int]:
    moved = lost = 0
    taken = set()
    for quote in article.quotes.exclude(review=Quote.Review.MACHINE).order_by("start"):
        placed = anchoring.reanchor(
            article.body, anchoring.describe(old_body, quote.start, quote.end)
        )
        if placed is None or (placed.start, placed.end) in taken:
            quote.delete()
            lost += 1
            continue
        taken.add((placed.start, placed.end))
        mention = None
        if quote.speaker_start is not None and quote.speaker_end is not None:
            mention = anchoring.reanchor(
                article.body, anchoring.describe(old_body, quote.speaker_start, quote.speaker_end)
            )
        quote.start, quote.end = placed.start, placed.end
        quote.speaker_start = mention.start if mention else None
        quote.speaker_end = mention.end if mention else None
        quote.save(update_fields=["start", "end", "speaker_start", "speaker_end"])
        moved += 1
    return moved, lost


def source_get_or_create(*, name: str, cache: ImportCache | None = None) -> Source:
    cache = cache if cache is not None else ImportCache()
    source = cache.sources.get(name) or Source.objects.filter(name=name).first()
    if source is None:
        try:
            with transaction.atomic():
                source = Source.objects.create(name=name, slug=_unique_slug(Source, name, "source"))
        except IntegrityError:
            # Another import created it since we looked (its name is unique): that one.
            source = Source.objects.filter(name=name).first()
            if source is None:
                raise  # the slug, not the name: a race the caller's retry settles
    cache.remember(lambda: cache.sources.setdefault(name, source))
    return source


def _unique_slug(model, name: str, fallback: str) -> str:
    base = slugify(name)[:200] or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Quotes and speakers -------------------------------------------------------------------


def quotes_extract(*, article: Article) -> int:
    """Run the extractor again on an article; quotes a person reviewed are kept as they are."""
    with transaction.atomic():
        return quotes_store(article=article, extraction=extractor.extract(article.body))


def quotes_store(
    *,
    article: Article,
    extraction: extractor.Extraction,
    cache: ImportCache | None = None,
    new: bool = False,
) -> int:
    """Store an extraction as the article's machine quotes, replacing earlier machine quotes.

    A new quote that overlaps one a person reviewed is left out. A quote whose speaker's name
    cannot be a speaker (``articles.speakernames``) is stored with no speaker and no mention.
    Returns the number of quotes the article has afterwards. ``new``: the article was just
    created, has no quotes.
    """
    reviewed = []
    if not new:
        article.quotes.filter(review=Quote.Review.MACHINE).delete()
        reviewed = list(article.quotes.values_list("start", "end"))
    speakers = speakers_resolve(entities=extraction.speakers, cache=cache)
    rows = _quote_rows(article, extraction, speakers, reviewed=reviewed)
    Quote.objects.bulk_create(rows)
    derived.articles_changed([article.pk])
    return len(rows) + len(reviewed)


# The columns of a quotation the import writes, in the order of ``_quote_values``' tuples.
QUOTE_FIELDS = (
    "article_id",
    "start",
    "end",
    "kind",
    "speaker_id",
    "speaker_start",
    "speaker_end",
    "cue",
    "confidence",
    "review",
    "counted",
    "article_date",
)


def _quote_rows(
    article: Article,
    extraction: extractor.Extraction,
    speakers: Mapping[str, Speaker],
    *,
    reviewed: Iterable[tuple[int, int]] = (),
) -> list[Quote]:
    """The rows of an extraction's quotes; those overlapping a ``reviewed`` span are left out."""
    values = _quote_values(article, extraction, speakers, reviewed=reviewed)
    return [Quote(**dict(zip(QUOTE_FIELDS, row, strict=True))) for row in values]


def _quote_values(
    article: Article,
    extraction: extractor.Extraction,
    speakers: Mapping[str, Speaker],
    *,
    reviewed: Iterable[tuple[int, int]] = (),
) -> list[tuple]:
    """``_quote_rows`` as tuples of ``QUOTE_FIELDS``, for ``rows.rows_insert``."""
    reviewed = list(reviewed)
    rows = []
    for found in extraction.quotes:
        if any(start < found.end and found.start < end for start, end in reviewed):
            continue
        speaker = speakers.get(found.speaker) if found.speaker else None
        mention = (found.speaker_start, found.speaker_end) if speaker else (None, None)
        rows.append(
            [
                article.pk,
                found.start,
                found.end,
                found.kind,
                speaker.pk if speaker else None,
                *mention,
                (found.cue or "")[:100],
                min(max(found.confidence, 0.0), 1.0),
                Quote.Review.MACHINE.value,
                False,
                None,
            ]
        )
    if not reviewed:  # their flags as articles.derived would set them: it need not update them
        counted = derived.counted_flags(
            [(n, row[1], row[2], row[4], row[3]) for n, row in enumerate(rows)]
        )
        for n, row in enumerate(rows):
            row[10], row[11] = n in counted, article.date
    return [tuple(row) for row in rows]


class SpeakersKnown:
    """The speakers a batch may meet, read at once when its people's surnames are locked
    (``load``): those named or aliased by its names, and the people with its surnames, with
    their aliases. It answers ``_speaker_find``'s and ``_same_surname``'s questions as the
    database would, without a query each: what the batch writes (a speaker, an alias, a
    merge) it is told, and a name or surname it was not asked for it reads then."""

    def __init__(self):
        self.speakers: dict[int, Speaker] = {}
        self.aliases: dict[int, set[str]] = {}
        self.names: set[str] = set()  # every speaker named or aliased so is here
        self.words: set[str] = set()  # every person whose name has the word is here

    def load(self, names: Iterable[str] = (), words: Iterable[str] = ()) -> None:
        names, words = set(names) - self.names, set(words) - self.words
        if not names and not words:
            return
        queries = []
        if names:  # by the indexes of the names and the aliases
            named = Q(name__in=names) | Q(aliases__name__in=names)
            queries.append(Speaker.objects.filter(named).distinct())
        if words:  # one scan of the names, as ``_same_surname`` makes for one word
            like = Q()
            for word in sorted(words):
                like |= Q(name__contains=word)
            queries.append(Speaker.objects.filter(like, kind=Speaker.Kind.PERSON))
        found = {
            speaker.pk: speaker
            for query in queries
            for speaker in query.order_by()
            if speaker.pk not in self.speakers  # read before: as this batch left it
        }.values()
        for speaker in found:
            self.speakers[speaker.pk] = speaker
            self.aliases[speaker.pk] = set()
        aliases = SpeakerAlias.objects.filter(speaker_id__in=[speaker.pk for speaker in found])
        for speaker_id, name in aliases.order_by().values_list("speaker_id", "name"):
            self.aliases[speaker_id].add(name)
        self.names |= names
        self.words |= words

    def named(self, name: str) -> list[Speaker]:
        """``Speaker.objects.named(name)``."""
        self.load(names=[name])
        return sorted(
            (
                speaker
                for pk, speaker in self.speakers.items()
                if speaker.name == name or name in self.aliases[pk]
            ),
            key=lambda speaker: speaker.name,
        )

    def same_surname(self, word: str, key: str) -> list[Speaker]:
        """``_same_surname``'s people: those whose name has ``word`` (as the database's
        ``contains`` finds it) and whose surname has ``key``."""
        self.load(words=[word])
        return sorted(
            (
                speaker
                for speaker in self.speakers.values()
                if speaker.kind == Speaker.Kind.PERSON
                and _contains(speaker.name, word)
                and speakernames.surname_key(speaker.name) == key
            ),
            key=lambda speaker: speaker.name,
        )

    def aliases_of(self, pk: int) -> set[str]:
        if pk not in self.aliases:
            self.aliases[pk] = set(
                SpeakerAlias.objects.filter(speaker_id=pk).values_list("name", flat=True)
            )
        return set(self.aliases[pk])

    def add(self, speaker: Speaker) -> None:
        """A speaker the batch created or changed (this instance is the one to answer with)."""
        self.speakers[speaker.pk] = speaker
        self.aliases.setdefault(speaker.pk, set())

    def aliases_add(self, pk: int, names: Iterable[str]) -> None:
        if pk in self.aliases:
            self.aliases[pk] |= set(names)

    def merged(self, other_pk: int, target: Speaker) -> None:
        """``other_pk`` went into ``target`` (``speakers_merge``): its names are the target's."""
        self.speakers.pop(other_pk, None)
        self.aliases.pop(other_pk, None)
        self.speakers[target.pk] = target
        self.aliases[target.pk] = set(
            SpeakerAlias.objects.filter(speaker_id=target.pk).values_list("name", flat=True)
        )


# ASCII's capitals to small letters: SQLite's LIKE (``contains``) ignores their case only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _contains(name: str, word: str) -> bool:
    """``word`` in ``name`` as the database's ``name__contains=word`` finds it."""
    if connection.vendor == "sqlite":
        return word.translate(_ASCII_LOWER) in name.translate(_ASCII_LOWER)
    return word in name


def speakers_resolve(
    *,
    entities: Iterable[extractor.SpeakerEntity],
    cache: ImportCache | None = None,
    merged: dict[int, Speaker] | None = None,
    lock: bool = True,
    known: SpeakersKnown | None = None,
) -> dict[str, Speaker]:
    """The Speaker for each entity of one article, by the entity's name; an entity whose name
    cannot be a speaker is left out. Call inside a transaction.

    Full names are resolved before surnames alone, so that "Merkel" beside "Angela Merkel"
    joins her. The people's surnames are locked first (``_surnames_lock``), unless the caller
    locked them already (``lock=False``). ``merged`` is told which speaker went into which.
    ``known``: a batch's speakers read at once, asked instead of the database.
    """
    entities = list(entities)
    cleaned = {entity.name: _speaker_clean(entity) for entity in entities}
    if lock:
        _surnames_lock([found for found in cleaned.values() if found is not None])
    merged = merged if merged is not None else {}
    speakers = {}
    for entity in sorted(entities, key=lambda entity: _surname_alone(cleaned[entity.name])):
        speaker = speaker_resolve(entity=entity, cache=cache, merged=merged, known=known)
        if speaker is not None:
            speakers[entity.name] = speaker
    for name, speaker in speakers.items():
        while speaker.pk in merged:  # merged away by a later full name of the same article
            speaker = merged[speaker.pk]
        speakers[name] = speaker
    return speakers


def _speaker_clean(entity: extractor.SpeakerEntity) -> speakernames.SpeakerName | None:
    """The entity as it is stored; a name longer than its column is cut here, so that it is
    looked up as it is stored (a name cut only when created would be created again and again,
    and break the unique name)."""
    found = speakernames.speaker_clean(entity.name, kind=entity.kind, role=entity.role)
    limit = Speaker._meta.get_field("name").max_length
    if found is not None and len(found.name) > limit:
        found = dataclasses.replace(found, name=found.name[:limit].rstrip())
    return found


def _surname_alone(found: speakernames.SpeakerName | None) -> bool:
    return found is not None and speakernames.is_surname_only(found.name)


# pg_advisory_xact_lock(SURNAME_LOCKS, crc32 of the surname): a namespace of its own.
SURNAME_LOCKS = 0x5350_4B52


def _surnames_lock(found: Iterable[speakernames.SpeakerName]) -> None:
    """On PostgreSQL, lock the surnames of an article's people until its transaction ends, in
    one order for every process: two imports running at once (``import_seeds --jobs``) can
    then not both miss each other's "Merkel" and "Angela Merkel". SQLite has one writer."""
    if connection.vendor != "postgresql":
        return
    keys = set()
    for speaker in found:
        key = speakernames.surname_key(speaker.name) if speaker.kind == Speaker.Kind.PERSON else ""
        if key:
            checksum = zlib.crc32(key.encode())
            keys.add(checksum - 2**32 if checksum >= 2**31 else checksum)
    if not keys:
        return
    with connection.cursor() as cursor:
        # One statement, the keys taken in order (PostgreSQL evaluates a volatile function of
        # the select list after the ORDER BY).
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s::integer, key) "
            "FROM unnest(%s::integer[]) AS key ORDER BY key",
            [SURNAME_LOCKS, sorted(keys)],
        )


def speaker_resolve(
    *,
    entity: extractor.SpeakerEntity,
    cache: ImportCache | None = None,
    merged: dict[int, Speaker] | None = None,
    known: SpeakersKnown | None = None,
) -> Speaker | None:
    """The Speaker for an entity the extractor found, creating it when nobody matches; None
    when its name cannot be a speaker.

    The name, kind and role are normalised first (``articles.speakernames``); see
    ``_speaker_find`` for how a speaker is found. A full name takes in the one speaker named
    by its surname alone (``_surname_claim``); ``merged`` is told which speaker went into
    which. The entity's other names become aliases; its role fills an empty role unless a
    person edited the speaker. ``known``: as for ``speakers_resolve``.
    """
    found = _speaker_clean(entity)
    if found is None:
        return None
    cache = cache if cache is not None else ImportCache()
    speaker = cache.speakers.get(entity.name)
    if speaker is None:
        speaker = _speaker_find(found, known) or Speaker.objects.create(
            name=found.name[:200],
            slug=_unique_slug(Speaker, found.name, "speaker"),
            kind=found.kind,
            role=found.role,
        )
        if known is not None:
            known.add(speaker)
        _surname_claim(
            speaker=speaker, cache=cache, merged=merged if merged is not None else {}, known=known
        )
    if found.role and not speaker.role and not speaker.edited:
        speaker.role = found.role
        speaker.save(update_fields=["role"])
        if known is not None:
            known.add(speaker)  # the instance that has it
    aliases = cache.aliases.get(speaker.pk)
    if aliases is None:
        aliases = (
            known.aliases_of(speaker.pk)
            if known is not None
            else set(speaker.aliases.values_list("name", flat=True))
        )
    names = _aliases(found, entity) - {speaker.name}
    if names - aliases:
        # Another import may have given it the same alias since this run looked: it is there.
        SpeakerAlias.objects.bulk_create(
            (SpeakerAlias(speaker=speaker, name=alias) for alias in sorted(names - aliases)),
            ignore_conflicts=True,
        )
        if known is not None:
            known.aliases_add(speaker.pk, names)

    def remember():
        cache.speakers[entity.name] = speaker
        cache.aliases[speaker.pk] = aliases | names

    cache.remember(remember)
    return speaker


def _aliases(found: speakernames.SpeakerName, entity: extractor.SpeakerEntity) -> set[str]:
    """The names an entity goes by, normalised, without those that cannot be a speaker's."""
    names = {found.name}
    for alias in entity.aliases:
        if alias and speakernames.is_speaker(alias):
            names.add(speakernames.name_normalise(alias)[0])
    return {name[:200] for name in names if name}


def _speaker_find(
    found: speakernames.SpeakerName, known: SpeakersKnown | None = None
) -> Speaker | None:
    """The speaker of this canonical name. Else, for a person named by a surname alone, the
    one person whose full name has it: none when two do ("Schröder": Gerhard or Kristina),
    even if one of them has the surname as an alias. Else the one speaker with this alias.
    ``known``: a batch's speakers, asked instead of the database."""
    if known is not None:
        candidates = known.named(found.name)
    else:
        candidates = list(Speaker.objects.named(found.name))
    exact = [candidate for candidate in candidates if candidate.name == found.name]
    if exact:
        return exact[0]
    if found.kind == Speaker.Kind.PERSON and speakernames.is_surname_only(found.name):
        full = [
            speaker
            for speaker in _same_surname(found.name, known)
            if not speakernames.is_surname_only(speaker.name)
        ]
        if full:
            return full[0] if len(full) == 1 else None
    return candidates[0] if len(candidates) == 1 else None


def _same_surname(name: str, known: SpeakersKnown | None = None) -> list[Speaker]:
    """The people whose name has the surname of ``name``, ``name``'s own speaker included.
    One scan of the speakers' names (no index helps a name's end); it runs only for a name
    the import cache does not know, once for a batch's names (``known``)."""
    key = speakernames.surname_key(name)
    if not key:
        return []
    word = speakernames.surname(name).split()[-1]
    if known is not None:
        return known.same_surname(word, key)
    return [
        speaker
        for speaker in Speaker.objects.filter(kind=Speaker.Kind.PERSON, name__contains=word)
        if speakernames.surname_key(speaker.name) == key
    ]


def _surname_claim(
    *,
    speaker: Speaker,
    cache: ImportCache,
    merged: dict[int, Speaker],
    known: SpeakersKnown | None = None,
) -> None:
    """A person with a full name takes in the speaker named by that surname alone ("Merkel"
    into "Angela Merkel"): its quotes, and its name as an alias. Only when that speaker is
    the only other one with the surname (no second full name), and no person edited it."""
    if speaker.kind != Speaker.Kind.PERSON or speakernames.is_surname_only(speaker.name):
        return
    others = [other for other in _same_surname(speaker.name, known) if other.pk != speaker.pk]
    if len(others) != 1 or not speakernames.is_surname_only(others[0].name) or others[0].edited:
        return
    other = others[0]
    other_pk = other.pk  # the merge deletes it, and its pk with it
    speakers_merge(target=speaker, others=[other], by_person=False)
    if known is not None:
        known.merged(other_pk, speaker)
    merged[other_pk] = speaker
    for pk in (other_pk, speaker.pk):
        cache.forget(pk)  # at once, and again after what earlier names of the file remember
        transaction.on_commit(lambda pk=pk: cache.forget(pk))


@transaction.atomic
def speakers_merge(
    *, target: Speaker, others: Iterable[Speaker], by_person: bool = True
) -> Speaker:
    """Merge ``others`` into ``target``: their quotes and names move over, they are deleted.

    A person's merge marks the target as edited, so that no import changes it; the import's
    own merges (``by_person=False``) do not, and leave an edited target's role alone.
    """
    changed = set()
    for other in others:
        if other.pk == target.pk:
            continue
        quotes = Quote.objects.filter(speaker=other)
        changed |= set(quotes.values_list("article_id", flat=True))
        quotes.update(speaker=target)
        names = {other.name, *other.aliases.values_list("name", flat=True)} - {target.name}
        known = set(target.aliases.filter(name__in=names).values_list("name", flat=True))
        SpeakerAlias.objects.bulk_create(
            SpeakerAlias(speaker=target, name=name) for name in sorted(names - known)
        )
        if not target.role and other.role and (by_person or not target.edited):
            target.role = other.role
        # Its page's addresses, old and current, lead to the target from now on.
        SpeakerSlug.objects.filter(speaker=other).update(speaker=target)
        speaker_slug_retire(old_slug=other.slug, speaker=target)
        other.delete()
    derived.articles_changed(changed)
    if by_person:
        target.edited = True
    target.save()
    return target


def speaker_slug_retire(*, old_slug: str, speaker: Speaker, new_slug: str | None = None) -> None:
    """``old_slug`` no longer names a live page: it redirects to ``speaker``'s for good
    (``articles.views``); ``new_slug``, the speaker's address from now on, is no old one."""
    if new_slug is not None:
        SpeakerSlug.objects.filter(slug=new_slug).delete()  # the live speaker's address wins
    SpeakerSlug.objects.update_or_create(slug=old_slug, defaults={"speaker": speaker})


def quote_correct(*, quote: Quote, **changes) -> Quote:
    """A person's correction of a quote: it is kept as it is by every later extraction."""
    for field, value in changes.items():
        setattr(quote, field, value)
    if quote.kind == Quote.Kind.NOT_SPEECH:
        quote.speaker = None
        quote.speaker_start = quote.speaker_end = None
    quote.review = Quote.Review.CORRECTED
    quote.full_clean()
    quote.save()  # articles.signals tells articles.derived
    return quote


@transaction.atomic
def quotes_confirm(quotes) -> int:
    """A person confirms these quotes as the extractor found them; how many."""
    changed = set(quotes.values_list("article_id", flat=True))
    count = quotes.update(review=Quote.Review.CONFIRMED)
    derived.articles_changed(changed)
    return count


@transaction.atomic
def quotes_delete(quotes) -> None:
    """Delete these quotes; the counts follow."""
    changed = set(quotes.values_list("article_id", flat=True))
    quotes.delete()
    derived.articles_changed(changed)


# --- A person's corrections on the reading pages -------------------------------------------
#
# Each is a ``quote_correct`` (or ``quotes_confirm``, ``speakers_merge``), so that every later
# extraction keeps it, and is recorded as a ``CurationLog`` with its user and the state before
# and after.


def _quote_state(quote: Quote) -> dict:
    """What a correction of ``quote`` may change, for its ``CurationLog``."""
    speaker = quote.speaker
    return {
        "quote": quote.pk,
        "article": quote.article_id,
        "speaker": speaker.pk if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "kind": quote.kind,
        "start": quote.start,
        "end": quote.end,
        "review": quote.review,
    }


def _speaker_name_clean(name: str) -> str:
    """A speaker's name as a person typed it, with its spaces tidied: not empty, not too long."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Enter the speaker's name."))
    limit = Speaker._meta.get_field("name").max_length
    if len(name) > limit:
        raise ValidationError(
            _("A speaker's name has at most %(limit)d characters.") % {"limit": limit}
        )
    return name


def _speaker_state(speaker: Speaker) -> dict:
    return {"speaker": speaker.pk, "name": speaker.name, "slug": speaker.slug}


def _curation_record(*, action: str, user, before: dict, after: dict, **about) -> CurationLog:
    return CurationLog.objects.create(
        action=action, user=user if user and user.is_authenticated else None,
        before=before, after=after, **about,
    )  # fmt: skip


def _quote_curate(*, quote: Quote, user, action: str, **changes) -> Quote:
    before = _quote_state(quote)
    quote = quote_correct(quote=quote, **changes)
    _curation_record(
        action=action, user=user, before=before, after=_quote_state(quote), quote=quote
    )
    return quote


@transaction.atomic
def quote_speaker_change(
    *, quote: Quote, user, speaker: Speaker | None = None, new_name: str = ""
) -> Quote:
    """Give a quotation another speaker: an existing one, or a new one named ``new_name``
    (the speaker of that name when there is one). The mention of the old speaker in the text
    no longer names the speaker: it is dropped."""
    if speaker is None:
        name = _speaker_name_clean(new_name)
        speaker = Speaker.objects.filter(name=name).first()
        if speaker is None:
            speaker = Speaker.objects.create(
                name=name, slug=_unique_slug(Speaker, name, "speaker"), edited=True
            )
    changes = {"speaker": speaker}
    if speaker.pk != quote.speaker_id:
        changes |= {"speaker_start": None, "speaker_end": None}
    if quote.kind == Quote.Kind.NOT_SPEECH:
        changes["kind"] = Quote.Kind.DIRECT  # a speaker's words after all
    return _quote_curate(quote=quote, user=user, action=CurationLog.Action.QUOTE_SPEAKER, **changes)


@transaction.atomic
def quote_kind_change(*, quote: Quote, user, kind: str) -> Quote:
    """Make a quotation direct or reported speech (``quote_not_speech``: no speech at all)."""
    if kind not in Quote.SPOKEN:
        raise ValidationError(_("Choose direct or reported speech."))
    return _quote_curate(quote=quote, user=user, action=CurationLog.Action.QUOTE_KIND, kind=kind)


@transaction.atomic
def quote_not_speech(*, quote: Quote, user) -> Quote:
    """The quotation marks hold no one's words (a title, an irony): the quotation leaves the
    pages and the counts; kept so, a later extraction does not find it again."""
    return _quote_curate(
        quote=quote, user=user, action=CurationLog.Action.QUOTE_NOT_SPEECH,
        kind=Quote.Kind.NOT_SPEECH,
    )  # fmt: skip


@transaction.atomic
def quote_span_change(*, quote: Quote, user, start: int, end: int) -> Quote:
    """Move a quotation's start and end (offsets in the article's body): within the body, and
    around some text."""
    body = quote.article.body
    if start < 0 or end > len(body):
        raise ValidationError(
            _("Start and end must lie within the text (0 to %(length)d).") % {"length": len(body)}
        )
    if start >= end or not body[start:end].strip():
        raise ValidationError(_("The quotation must not be empty: its end must follow its start."))
    clash = quote.article.quotes.filter(start=start, end=end).exclude(pk=quote.pk)
    if clash.exists():
        raise ValidationError(_("Another quotation of this article has exactly this span."))
    return _quote_curate(
        quote=quote, user=user, action=CurationLog.Action.QUOTE_SPAN, start=start, end=end
    )


@transaction.atomic
def quote_confirm(*, quote: Quote, user) -> Quote:
    """A person confirms a quotation as the extractor found it."""
    before = _quote_state(quote)
    quotes_confirm(Quote.objects.filter(pk=quote.pk))
    quote.review = Quote.Review.CONFIRMED
    _curation_record(
        action=CurationLog.Action.QUOTE_CONFIRM, user=user, before=before,
        after=_quote_state(quote), quote=quote,
    )  # fmt: skip
    return quote


@transaction.atomic
def speaker_rename(*, speaker: Speaker, user, name: str, keep_alias: bool = True) -> Speaker:
    """Give a speaker another name, and their page the address the name gives; the old address
    redirects to the new one (``SpeakerSlug``). ``keep_alias``: the old name stays an alias,
    so that an import finding it again joins this speaker."""
    name = _speaker_name_clean(name)
    if Speaker.objects.filter(name=name).exclude(pk=speaker.pk).exists():
        raise ValidationError(
            _("Another speaker is named “%(name)s”: merge this one into them instead.")
            % {"name": name}
        )
    before = _speaker_state(speaker)
    old_name, old_slug = speaker.name, speaker.slug
    slug = old_slug
    if (slugify(name)[:200] or "speaker") != (slugify(old_name)[:200] or "speaker"):
        slug = _unique_slug(Speaker, name, "speaker")
    if slug != old_slug:
        speaker_slug_retire(old_slug=old_slug, speaker=speaker, new_slug=slug)
    if keep_alias and old_name != name:
        SpeakerAlias.objects.get_or_create(speaker=speaker, name=old_name)
    SpeakerAlias.objects.filter(speaker=speaker, name=name).delete()  # the name is no alias
    speaker.name, speaker.slug, speaker.edited = name, slug, True
    speaker.save()  # the database renews the pages that show the name (migration 0011)
    _curation_record(
        action=CurationLog.Action.SPEAKER_RENAME, user=user, before=before,
        after=_speaker_state(speaker), speaker=speaker,
    )  # fmt: skip
    return speaker


@transaction.atomic
def speaker_merge_into(*, speaker: Speaker, target: Speaker, user) -> Speaker:
    """A person merges ``speaker`` into ``target`` (``speakers_merge``): its quotations and
    names move over, its address redirects to the target's."""
    if speaker.pk == target.pk:
        raise ValidationError(_("A speaker cannot be merged into themselves."))
    before = {"merged": _speaker_state(speaker), "target": _speaker_state(target)}
    before["merged"]["quote_count"] = speaker.quote_count
    target = speakers_merge(target=target, others=[speaker])
    target.refresh_from_db(fields=["quote_count", "article_count"])
    after = {"target": _speaker_state(target) | {"quote_count": target.quote_count}}
    _curation_record(
        action=CurationLog.Action.SPEAKER_MERGE, user=user, before=before, after=after,
        speaker=target,
    )  # fmt: skip
    return target


# --- Reading state ------------------------------------------------------------------------------


def article_opened(*, user, article_id: int) -> None:
    """The reader opened the article: it is read from now on. One statement (an insert that
    updates the row when there is one), safe when two tabs open it at once; the article page
    calls it only when the reader's state says unread."""
    if not user.is_authenticated:
        return
    ReadingState.objects.bulk_create(
        [ReadingState(user=user, article_id=article_id, read_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "article"],
        update_fields=["read_at", "updated"],
    )


@transaction.atomic
def reading_state_set(
    *,
    user,
    article: Article,
    read: bool | None = None,
    favourite: bool | None = None,
    archived: bool | None = None,
) -> ReadingState:
    """Set what is given of the reader's state of the article (None: left as it is). Read and
    archived keep the time they were first set until they are undone."""
    state, _created = ReadingState.objects.select_for_update().get_or_create(
        user=user, article=article
    )
    now = timezone.now()
    if read is not None:
        state.read_at = (state.read_at or now) if read else None
    if favourite is not None:
        state.favourite = favourite
    if archived is not None:
        state.archived_at = (state.archived_at or now) if archived else None
    state.save()
    return state

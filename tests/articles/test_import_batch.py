"""Imports written a batch at a time (``seed_import_batch``): the same outcome for each file
as one by one, in a number of statements that does not grow with the files."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Article, Quote, Source, Speaker
from articles.services import ImportCache, Status, seed_import, seed_import_batch

GOOD = " date 2021-03-04 Die Ministerin sagte: „Wir schaffen das.“\n\nQuelle: Testagentur\n"


def seed(n: int, text: str, source: str = "Testagentur") -> bytes:
    return f" date 2023-01-{n:02d} {text}\n\nQuelle: {source}\n".encode()


def quoted(n: int) -> bytes:
    """A file of its own content, quoting the same person as every other."""
    return seed(1, f"„Wir bleiben bei Plan {n}“, sagte Bundeskanzlerin Angela Merkel.")


def run(files, **options):
    return {outcome.name: outcome for _index, outcome in seed_import_batch(files=files, **options)}


@pytest.mark.django_db
def test_a_batch_with_a_bad_file_imports_the_others_and_nothing_of_the_bad_one():
    files = [
        ("a.txt", quoted(1)),
        ("nosource.txt", b" date 2022-10 Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln."),
        ("long.txt", seed(2, "Er sagte: „Lang.“", source="Q" * 300)),
        ("b.txt", quoted(2)),
    ]
    outcomes = run(files)

    assert {name: outcome.status for name, outcome in outcomes.items()} == {
        "a.txt": Status.IMPORTED,
        "nosource.txt": Status.FAILED,
        "long.txt": Status.FAILED,
        "b.txt": Status.IMPORTED,
    }
    assert "no source line" in outcomes["nosource.txt"].message
    assert outcomes["long.txt"].message == (
        "the source name is too long: 300 characters, at most 200"
    )
    assert outcomes["a.txt"].message == "1 quotation"
    assert sorted(Article.objects.values_list("seed_filename", flat=True)) == ["a.txt", "b.txt"]
    assert list(Source.objects.values_list("name", flat=True)) == ["Testagentur"]
    assert Quote.objects.filter(speaker__name="Angela Merkel").count() == 2


@pytest.mark.django_db
def test_a_batch_gives_each_file_the_outcome_it_has_one_by_one():
    seed_import(name="known.txt", data=quoted(1))
    seed_import(name="edited.txt", data=quoted(2))
    files = [
        ("copy.txt", quoted(1)),  # the content of known.txt
        ("edited.txt", quoted(3)),  # a name imported with other content
        ("new.txt", quoted(4)),
        ("twice.txt", quoted(5)),
        ("again.txt", quoted(5)),  # the content of an earlier file of the batch
    ]
    outcomes = run(files)

    assert outcomes["copy.txt"].status == Status.UNCHANGED
    assert outcomes["copy.txt"].article.seed_filename == "known.txt"
    assert outcomes["edited.txt"].status == Status.FAILED
    assert outcomes["edited.txt"].option == services.Option.REPLACE
    assert outcomes["new.txt"].status == Status.IMPORTED
    assert outcomes["twice.txt"].status == Status.IMPORTED
    assert outcomes["again.txt"].status == Status.UNCHANGED
    assert outcomes["again.txt"].article.pk == outcomes["twice.txt"].article.pk
    assert Article.objects.count() == 4


@pytest.mark.django_db
def test_a_batch_whose_transaction_fails_is_imported_one_by_one():
    """Another import committed a.txt's content after the batch looked: the article insert
    breaks the unique content, nothing of the batch stays, and each file is imported alone."""
    seed_import(name="other-import.txt", data=quoted(1))
    blind = mock.patch.object(services, "_batch_clashes", return_value={})
    with blind, CaptureQueriesContext(connection) as queries:
        outcomes = run([("a.txt", quoted(1)), ("b.txt", quoted(2)), ("c.txt", quoted(3))])

    assert {name: outcome.status for name, outcome in outcomes.items()} == {
        "a.txt": Status.UNCHANGED,
        "b.txt": Status.IMPORTED,
        "c.txt": Status.IMPORTED,
    }
    assert outcomes["b.txt"].message == "1 quotation"
    assert sorted(Article.objects.values_list("seed_filename", flat=True)) == [
        "b.txt",
        "c.txt",
        "other-import.txt",
    ]
    assert Quote.objects.count() == 3 and Speaker.objects.count() == 1
    rolled_back = [q for q in queries if "ROLLBACK" in q["sql"].upper()]
    assert rolled_back  # the batch was tried, and undone


@pytest.mark.django_db
def test_a_database_refusal_in_a_batch_fails_that_file_alone():
    from django.db import DataError

    real_create = services.article_create

    def refuse(*, parsed, **kwargs):
        if parsed.filename == "b.txt":
            raise DataError("value too long for type character varying(200)")
        return real_create(parsed=parsed, **kwargs)

    with mock.patch.object(services, "article_create", side_effect=refuse):
        outcomes = run([("a.txt", quoted(1)), ("b.txt", quoted(2)), ("c.txt", quoted(3))])

    assert outcomes["b.txt"].failed
    assert outcomes["b.txt"].message.startswith("the database refused it, nothing was written")
    assert [outcomes[name].status for name in ("a.txt", "c.txt")] == [Status.IMPORTED] * 2
    assert sorted(Article.objects.values_list("seed_filename", flat=True)) == ["a.txt", "c.txt"]


def statements(files, cache) -> int:
    with CaptureQueriesContext(connection) as queries:
        outcomes = run(files, cache=cache)
    assert {outcome.status for outcome in outcomes.values()} == {Status.IMPORTED}
    return len(queries)


@pytest.mark.django_db(transaction=True)  # commits: the run's cache learns at each commit
def test_the_statements_of_a_batch_do_not_grow_with_its_files():
    cache = ImportCache()
    statements([("warm.txt", quoted(1))], cache)  # the source and the speaker, once per run
    few = statements([(f"few{n}.txt", quoted(n)) for n in range(10, 13)], cache)
    many = statements([(f"many{n}.txt", quoted(n)) for n in range(20, 50)], cache)

    assert many == few
    # The import's own: the clash check, the transaction, one insert of the articles, one of
    # their quotations; the rest is articles.derived's, batched too.
    assert few <= 25
    assert Article.objects.count() == 34 and Speaker.objects.count() == 1


@pytest.mark.django_db
def test_derived_is_told_of_all_the_batchs_articles_once_in_its_transaction():
    calls = []

    def created(articles, quotes):
        quotes = list(quotes)
        calls.append((sorted(articles), connection.in_atomic_block, len(quotes)))
        # After the writes: the quotations are there, counted in their article's source.
        assert Quote.objects.filter(article_id__in=articles, counted=True).count() == 3
        assert set(Article.objects.filter(pk__in=articles).values_list("counted_in", flat=True))
        assert {quote[0] for quote in quotes} == set(articles)

    with mock.patch.object(services.derived, "articles_created", side_effect=created):
        outcomes = run([(f"{n}.txt", quoted(n)) for n in (1, 2, 3)])

    ids = sorted(outcome.article.pk for outcome in outcomes.values())
    assert calls == [(ids, True, 3)]


# Files whose speakers meet across files: a surname before and after its full name, a role
# learnt later, aliases, a second person of the same surname, nested and unattributed quotes.
CROWD = [
    "„Das ist nicht hinnehmbar“, sagte Merkel am Abend. Die Sitzung dauerte lange.",
    "Die Kanzlerin reiste ab. „Wir stehen zusammen“, sagte Bundeskanzlerin Angela Merkel.",
    'Olaf Scholz sagte: "Wir prüfen das, und „sorgfältig“ heißt sorgfältig." Er ging.',
    "„Es gibt keinen Grund zur Sorge“, erklärte der Sprecher der Polizei, Karl Krause.",
    "Krause betonte, die Lage sei ruhig. „Wir bleiben dabei“, sagte Merkel.",
    'Der Bundeskanzler Olaf Scholz meinte: "Die Kosten sind höher als erwartet."',
    "„Schluss damit“, sagte Schröder. Gerhard Schröder und Kristina Schröder schwiegen.",
    "Laut Anna Berger ist „die Lage angespannt“. Berger ergänzte, man werde prüfen.",
    "Es regnete den ganzen Tag. „Das wird teuer“, hieß es aus der Verwaltung.",
    "»Wir schaffen das«, so Merkel. Nach Angaben der Stadt wurden 12 Fälle gezählt.",
]


def crowd_files() -> list[tuple[str, bytes]]:
    sources = ["Tagesblatt", "Rundschau"]
    return [
        (f"crowd{n}.txt", seed(n + 1, text, source=sources[n % 2])) for n, text in enumerate(CROWD)
    ]


BY_NAME = {"article_id": "article__seed_filename", "speaker_id": "speaker__name"}


def everything() -> dict:
    """What an import wrote, by names rather than ids (which differ between two runs)."""
    from articles.models import ArticleSpeaker, SourceSpeaker, SpeakerAlias
    from tests.articles.test_derived import assert_consistent

    assert_consistent()  # the derived rows and counts are those a rebuild makes
    return {
        "articles": sorted(
            (*row, counted_in == source_id)  # counted in its own source
            for *row, source_id, counted_in in Article.objects.values_list(
                "seed_filename", "title", "slug", "date", "source__name", "source_id", "counted_in"
            ).order_by()
        ),
        "quotes": sorted(
            # Every column the import writes, the article and speaker by name.
            Quote.objects.values_list(
                *(BY_NAME.get(field, field) for field in services.QUOTE_FIELDS)
            ).order_by()
        ),
        "speakers": sorted(
            Speaker.objects.values_list(
                "name", "slug", "kind", "role", "edited", "quote_count", "article_count"
            )
        ),
        "aliases": sorted(SpeakerAlias.objects.values_list("speaker__name", "name")),
        "sources": sorted(Source.objects.values_list("name", "slug", "article_count")),
        "pairs": sorted(
            SourceSpeaker.objects.values_list("source__name", "speaker__name", "quote_count")
        ),
        "article_speakers": sorted(
            ArticleSpeaker.objects.values_list(
                "article__seed_filename",
                "speaker__name",
                "source__name",
                "date",
                "quote_count",
                "probable_count",
            )
        ),
    }


def forget_everything() -> None:
    from articles.models import ArticleSpeaker, SourceSpeaker, SpeakerSlug

    for model in (Quote, ArticleSpeaker, SourceSpeaker, Article, SpeakerSlug, Speaker, Source):
        model.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("batch_files", [3, 100])
def test_a_batch_writes_what_the_files_write_one_by_one(batch_files, monkeypatch):
    """The same articles, quotations, speakers, aliases and counts, whether the files are
    imported one by one (``seed_import``) or in batches (in two batches, or one)."""
    files = crowd_files()
    cache = ImportCache()
    for name, data in files:
        assert seed_import(name=name, data=data, cache=cache).status == Status.IMPORTED
    one_by_one = everything()
    assert one_by_one["quotes"] and one_by_one["aliases"] and one_by_one["pairs"]
    forget_everything()

    monkeypatch.setattr(services, "BATCH_FILES", batch_files)
    outcomes = run(files)
    assert {outcome.status for outcome in outcomes.values()} == {Status.IMPORTED}
    assert everything() == one_by_one


@pytest.mark.django_db
def test_a_full_name_later_in_the_batch_takes_in_the_surname_before_it():
    """As one by one: "Merkel" of the first file goes into "Angela Merkel" of the second,
    with its quotation, though neither was written before the batch."""
    merkel = "In Berlin wurde gestritten. „Das ist nicht hinnehmbar“, sagte Merkel am Abend."
    angela = (
        "Die Kanzlerin reiste nach Paris. „Wir stehen zusammen“, sagte Bundeskanzlerin "
        "Angela Merkel."
    )
    again = "Am Mittwoch ging es weiter. „Wir bleiben dabei“, sagte Merkel."
    outcomes = run(
        [
            ("merkel.txt", seed(1, merkel)),
            ("angela.txt", seed(2, angela)),
            ("again.txt", seed(3, again)),
        ]
    )

    assert {outcome.status for outcome in outcomes.values()} == {Status.IMPORTED}
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.role) == ("Angela Merkel", "Bundeskanzlerin")
    assert speaker.quotes.count() == 3
    assert list(speaker.aliases.values_list("name", flat=True)) == ["Merkel"]


def speaker_lookups(files) -> int:
    """The statements that look speakers up (by name, alias or surname), not those that make
    one (its slug's check, its insert) or count its quotations (their lock)."""
    with CaptureQueriesContext(connection) as queries:
        outcomes = run(files)
    assert {outcome.status for outcome in outcomes.values()} == {Status.IMPORTED}
    return sum(
        1
        for query in queries
        if query["sql"].startswith("SELECT")
        and "articles_speaker" in query["sql"]
        and '"slug" =' not in query["sql"]
        and "FOR UPDATE" not in query["sql"]
    )


@pytest.mark.django_db
def test_a_batch_looks_its_new_speakers_up_at_once():
    people = [
        f"{first} {last}"
        for first in ("Anna", "Jens", "Olaf", "Maria", "Petra")
        for last in ("Schmidt", "Scholz", "Berger", "Krause", "Wolf", "Lawrow")
    ]
    few = speaker_lookups(
        [
            (f"few{n}.txt", seed(1, f"Die Stadt plante. „Wir bleiben bei Plan {n}“, sagte {name}."))
            for n, name in enumerate(people[:3])
        ]
    )
    many = speaker_lookups(
        [
            (
                f"many{n}.txt",
                seed(2, f"Die Stadt plante. „Wir bleiben bei Plan {n}“, sagte {name}."),
            )
            for n, name in enumerate(people[3:])
        ]
    )

    # The speakers named so, the people of those surnames, then their aliases (when some are
    # found): not a look-up per name.
    assert few <= 3 and many <= 3
    assert Speaker.objects.count() == len(people)

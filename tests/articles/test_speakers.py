import datetime

import pytest
from django.urls import reverse

from articles import derived, selectors
from articles import quotes as extractor
from articles.models import Article, Quote, Source, SourceSpeaker, Speaker, SpeakerAlias
from articles.services import (
    ImportCache,
    Status,
    quotes_extract,
    quotes_store,
    seed_import,
    speakers_merge,
)

FIRST = (
    " date 2023-01 NATO-Generalsekretär Jens Stoltenberg sprach am Montag in Brüssel. "
    "„Wir stehen an der Seite der Ukraine“, sagte Stoltenberg.\n\nQuelle: Tagesblatt\n"
)
SECOND = (
    " date 2023-02 In Berlin traf sich am Dienstag die Bundesregierung. "
    "„Die Lage bleibt ernst“, sagte Jens Stoltenberg am Abend.\n\nQuelle: Rundschau\n"
)


@pytest.mark.django_db
def test_the_same_person_in_two_articles_is_one_speaker():
    seed_import(name="first.txt", data=FIRST.encode())
    seed_import(name="second.txt", data=SECOND.encode())

    speaker = Speaker.objects.get(name="Jens Stoltenberg")
    assert Quote.objects.filter(speaker=speaker, kind="direct").count() == 2
    assert speaker.role == "NATO-Generalsekretär"
    assert set(speaker.quotes.values_list("article__source__name", flat=True)) == {
        "Tagesblatt",
        "Rundschau",
    }


@pytest.mark.django_db
def test_a_short_name_alone_finds_the_speaker_by_alias():
    seed_import(name="first.txt", data=FIRST.encode())
    later = " date 2023-03 Neue Zahlen.\n\n„Das reicht nicht“, sagte Stoltenberg.\n\nQuelle: X\n"
    seed_import(name="later.txt", data=later.encode())
    assert Speaker.objects.filter(name__contains="Stoltenberg").count() == 1
    assert Speaker.objects.get().quotes.count() == 2


@pytest.mark.django_db
def test_an_edited_speaker_keeps_its_role_and_a_corrected_quote_survives(staff):
    outcome = seed_import(name="first.txt", data=FIRST.encode())
    speaker = Speaker.objects.get(name="Jens Stoltenberg")
    Speaker.objects.filter(pk=speaker.pk).update(role="Generalsekretär der NATO", edited=True)
    other = Speaker.objects.create(name="Anonymer Diplomat", slug="anonymer-diplomat")
    quote = outcome.article.quotes.get(kind="direct")
    Quote.objects.filter(pk=quote.pk).update(speaker=other, review=Quote.Review.CORRECTED)

    seed_import(name="second.txt", data=SECOND.encode())
    quotes_extract(article=outcome.article)

    speaker.refresh_from_db()
    assert speaker.role == "Generalsekretär der NATO"
    assert Quote.objects.get(pk=quote.pk).speaker == other
    assert outcome.article.quotes.filter(kind="direct").count() == 1


@pytest.mark.django_db
def test_a_merge_that_fails_partway_changes_nothing(seed_article, monkeypatch):
    target = Speaker.objects.get(name="Jens Stoltenberg")
    first = Speaker.objects.create(name="J. Stoltenberg", slug="j-stoltenberg")
    second = Speaker.objects.create(name="Stoltenberg, Jens", slug="stoltenberg-jens")
    quote = target.quotes.first()
    Quote.objects.filter(pk=quote.pk).update(speaker=first)

    def fail(self, *args, **kwargs):
        raise RuntimeError("the database went away")

    # The first speaker's quotes and names have moved when deleting it fails.
    monkeypatch.setattr(Speaker, "delete", fail)
    with pytest.raises(RuntimeError):
        speakers_merge(target=target, others=[first, second])

    assert Quote.objects.get(pk=quote.pk).speaker == first
    assert not SpeakerAlias.objects.filter(speaker=target, name="J. Stoltenberg").exists()
    target.refresh_from_db()
    assert not target.edited


# --- Who can be a speaker, at import ---------------------------------------------------------


def seed(day: int, text: str, source: str = "Tagesblatt") -> bytes:
    """A seed file: a date line, one paragraph and the source."""
    return f" date 2023-03-{day:02d} {text}\n\nQuelle: {source}\n".encode()


def extraction(*quotes, speakers=()):
    """An extraction as the extractor would give it: (start, end, speaker name) quotes."""
    return extractor.Extraction(
        quotes=[
            extractor.Quotation(start, end, "direct", name, 0, 5, "sagte", 0.9)
            for start, end, name in quotes
        ],
        speakers=list(speakers),
    )


def entity(name, kind="person", role=None, aliases=()):
    return extractor.SpeakerEntity(name=name, kind=kind, role=role, aliases=tuple(aliases))


@pytest.mark.django_db
def test_a_quote_whose_speaker_is_no_speaker_is_stored_without_one():
    text = "Das Ergebnis war knapp. „Die Zahlen sind eindeutig“, heißt es in der Studie."
    outcome = seed_import(name="studie.txt", data=seed(1, text))

    quote = outcome.article.quotes.get()
    assert quote.speaker is None
    assert quote.speaker_start is quote.speaker_end is None
    assert not Speaker.objects.exists()


@pytest.mark.django_db
def test_names_that_cannot_be_speakers_make_no_speaker(seed_article):
    article = seed_article
    rows = quotes_store(
        article=article,
        extraction=extraction(
            (0, 10, "Zugleich"),
            (20, 30, "Aufgrund der Bombendrohung"),
            (40, 50, "Zugunglück Neuseelands"),
            (60, 70, "Polizei"),
            speakers=[
                entity("Zugleich"),
                entity("Aufgrund der Bombendrohung"),
                entity("Zugunglück Neuseelands", role="Staatsoberhaupt"),
                entity("Polizei"),
            ],
        ),
    )

    assert rows == 4
    speakers = dict(article.quotes.values_list("start", "speaker__name"))
    assert speakers == {0: None, 20: None, 40: None, 60: "Polizei"}
    assert not article.quotes.filter(speaker=None, speaker_start__isnull=False).exists()
    assert not Speaker.objects.filter(name__in=["Zugleich", "Zugunglück Neuseelands"]).exists()


@pytest.mark.django_db
def test_the_kind_is_corrected_and_the_role_normalised(seed_article):
    quotes_store(
        article=seed_article,
        extraction=extraction(
            (0, 10, "Polizei"),
            (20, 30, "Sigmar Gabriel"),
            (40, 50, "Business Insider"),
            speakers=[
                entity("Polizei", kind="person"),
                entity("Sigmar Gabriel", role="SPD-Vorsitzende"),
                entity("Business Insider", role="Nachrichtenseite"),
            ],
        ),
    )

    assert Speaker.objects.get(name="Polizei").kind == Speaker.Kind.ORGANISATION
    assert Speaker.objects.get(name="Sigmar Gabriel").role == "SPD-Vorsitzender"
    outlet = Speaker.objects.get(name="Business Insider")
    assert (outlet.kind, outlet.role) == (Speaker.Kind.ORGANISATION, "")


# --- A surname alone across articles ---------------------------------------------------------

ANGELA = (
    "Die Kanzlerin reiste nach Paris. „Wir stehen zusammen“, sagte Bundeskanzlerin Angela Merkel."
)
MERKEL = "In Berlin wurde gestritten. „Das ist nicht hinnehmbar“, sagte Merkel am Abend."
MERKEL_AGAIN = "Am Mittwoch ging es weiter. „Wir bleiben dabei“, sagte Merkel."


@pytest.mark.django_db
def test_a_surname_alone_joins_the_one_full_name():
    seed_import(name="angela.txt", data=seed(1, ANGELA))
    seed_import(name="merkel.txt", data=seed(2, MERKEL))

    speaker = Speaker.objects.get()
    assert speaker.name == "Angela Merkel"
    assert speaker.quotes.count() == 2
    assert list(speaker.aliases.values_list("name", flat=True)) == ["Merkel"]


@pytest.mark.django_db
def test_a_full_name_takes_in_the_surname_alone_that_came_first():
    seed_import(name="merkel.txt", data=seed(1, MERKEL))
    short = Speaker.objects.get(name="Merkel")
    seed_import(name="angela.txt", data=seed(2, ANGELA))

    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.slug, speaker.role) == (
        "Angela Merkel",
        "angela-merkel",
        "Bundeskanzlerin",
    )
    assert not speaker.edited  # a later import may still fill in what it knows
    assert speaker.quotes.count() == 2
    assert list(speaker.aliases.values_list("name", flat=True)) == ["Merkel"]
    assert not Speaker.objects.filter(pk=short.pk).exists()

    seed_import(name="again.txt", data=seed(3, MERKEL_AGAIN))
    assert Speaker.objects.get().quotes.count() == 3


@pytest.mark.django_db
def test_a_surname_and_its_full_name_in_one_article_are_one_speaker(seed_article):
    Speaker.objects.create(name="Merkel", slug="merkel")  # from an earlier article
    quotes_store(
        article=seed_article,
        extraction=extraction(
            (0, 10, "Merkel"),
            (20, 30, "Angela Merkel"),
            speakers=[entity("Merkel"), entity("Angela Merkel", role="Bundeskanzlerin")],
        ),
    )

    speaker = Speaker.objects.get(name__contains="Merkel")
    assert speaker.name == "Angela Merkel"
    assert list(seed_article.quotes.values_list("speaker__name", flat=True)) == [
        "Angela Merkel",
        "Angela Merkel",
    ]


@pytest.mark.django_db
def test_an_ambiguous_surname_joins_nobody():
    seed_import(
        name="gerhard.txt", data=seed(1, "„Wir halten Kurs“, sagte Altkanzler Gerhard Schröder.")
    )
    seed_import(
        name="kristina.txt",
        data=seed(2, "„Die Lage ist ernst“, sagte Familienministerin Kristina Schröder in Berlin."),
    )
    seed_import(
        name="schroeder.txt", data=seed(3, "Es wurde spät. „Es bleibt dabei“, sagte Schröder.")
    )

    assert sorted(Speaker.objects.values_list("name", flat=True)) == [
        "Gerhard Schröder",
        "Kristina Schröder",
        "Schröder",
    ]
    assert Speaker.objects.get(name="Schröder").quotes.count() == 1

    # A third full name does not take the surname alone either: it is not theirs alone.
    seed_import(name="hans.txt", data=seed(4, "„Nie wieder“, sagte Bürgermeister Hans Schröder."))
    assert Speaker.objects.filter(name="Schröder").exists()


@pytest.mark.django_db
def test_an_ambiguous_surname_joins_nobody_even_by_an_alias():
    seed_import(name="merkel.txt", data=seed(1, MERKEL))
    seed_import(name="angela.txt", data=seed(2, ANGELA))  # takes in "Merkel" as an alias
    Speaker.objects.create(name="Bernd Merkel", slug="bernd-merkel")

    seed_import(name="again.txt", data=seed(3, MERKEL_AGAIN))

    assert Speaker.objects.get(name="Angela Merkel").quotes.count() == 2
    assert Speaker.objects.get(name="Merkel").quotes.count() == 1


@pytest.mark.django_db
def test_a_surname_alone_that_a_person_edited_is_not_taken_in():
    seed_import(name="merkel.txt", data=seed(1, MERKEL))
    Speaker.objects.filter(name="Merkel").update(edited=True)
    seed_import(name="angela.txt", data=seed(2, ANGELA))

    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["Angela Merkel", "Merkel"]


@pytest.mark.django_db
def test_the_import_cache_forgets_a_speaker_merged_away(django_capture_on_commit_callbacks):
    cache = ImportCache()
    for n, (name, text) in enumerate(
        [("merkel", MERKEL), ("angela", ANGELA), ("again", MERKEL_AGAIN)]
    ):
        with django_capture_on_commit_callbacks(execute=True):
            outcome = seed_import(name=f"{name}.txt", data=seed(n + 1, text), cache=cache)
        assert outcome.status == Status.IMPORTED, outcome

    speaker = Speaker.objects.get()
    assert speaker.name == "Angela Merkel"
    assert speaker.quotes.count() == 3
    assert set(cache.speakers.values()) == {speaker}
    assert cache.aliases == {speaker.pk: {"Merkel"}}


@pytest.mark.django_db(transaction=True)
def test_another_process_cache_of_a_merged_speaker_costs_a_retry_not_a_file():
    # Another worker (--jobs) remembered "Merkel" before this one's import took it in.
    elsewhere = ImportCache()
    seed_import(name="merkel.txt", data=seed(1, MERKEL), cache=elsewhere)
    assert elsewhere.speakers["Merkel"].name == "Merkel"
    seed_import(name="angela.txt", data=seed(2, ANGELA))

    outcome = seed_import(name="again.txt", data=seed(3, MERKEL_AGAIN), cache=elsewhere)

    assert outcome.status == Status.IMPORTED, outcome
    assert Speaker.objects.get().quotes.count() == 3


# --- A quotation inside another ---------------------------------------------------------------

NESTED = (
    "Die Kanzlerin sagte, die Regierung werde „alles Nötige tun“, um zu helfen. "
    "Sie zitierte Müller: „Wir schaffen das“, sagte sie."
)


@pytest.fixture
def nested(db):
    """An article: the Kanzlerin's reported speech with a few words of hers quoted directly
    inside it, and her own quotation with Müller's words inside."""
    source = Source.objects.create(name="Blatt", slug="blatt")
    kanzlerin = Speaker.objects.create(name="Kanzlerin", slug="kanzlerin")
    mueller = Speaker.objects.create(name="Müller", slug="mueller")
    article = Article.objects.create(
        source=source,
        title="Verschachtelt",
        slug="verschachtelt",
        date=datetime.date(2023, 5, 1),
        body=NESTED,
        seed_filename="nested.txt",
        content_hash="n" * 64,
    )
    spans = [  # (from, up to, kind, speaker)
        ("die Regierung", ", um zu", "indirect", kanzlerin),
        ("„alles", ", um zu", "direct", kanzlerin),  # inside the one before
        ("Müller:", ", sagte sie", "direct", kanzlerin),
        ("„Wir", ", sagte sie", "direct", mueller),  # inside hers, but his
    ]
    Quote.objects.bulk_create(
        Quote(
            article=article,
            start=NESTED.index(first),
            end=NESTED.index(after),
            kind=kind,
            speaker=speaker,
        )
        for first, after, kind, speaker in spans
    )
    derived.articles_changed([article.pk])  # a writer around the services tells what it wrote
    return article


@pytest.mark.django_db
def test_a_quotation_inside_another_of_the_same_speaker_is_listed_once(alice_client, nested):
    kanzlerin = Speaker.objects.get(name="Kanzlerin")
    response = alice_client.get(kanzlerin.get_absolute_url())

    listed = [quote.quoted_text for quote in response.context["quotes"]]
    assert listed == [
        "die Regierung werde „alles Nötige tun“",
        "Müller: „Wir schaffen das“",
    ]
    assert "2 quotations" in response.content.decode()
    # Müller's words inside hers are his: on his page, they are all there is.
    mueller = Speaker.objects.get(name="Müller")
    listed = alice_client.get(mueller.get_absolute_url()).context["quotes"]
    assert [quote.quoted_text for quote in listed] == ["„Wir schaffen das“"]


@pytest.mark.django_db
def test_a_quotation_inside_another_is_counted_once_everywhere(alice_client, nested):
    speakers = alice_client.get(reverse("articles:speakers")).context["speakers"]
    assert {s.name: (s.quote_count, s.article_count) for s in speakers} == {
        "Kanzlerin": (2, 1),
        "Müller": (1, 1),
    }
    page = alice_client.get(nested.get_absolute_url()).context["page"]
    assert {entry.speaker.name: entry.count for entry in page.speakers} == {
        "Kanzlerin": 2,
        "Müller": 1,
    }
    assert len(page.quotes) == 4  # every quotation is still marked in the text
    top = alice_client.get(reverse("articles:source", args=["blatt"])).context["top_speakers"]
    assert [(s.name, s.quote_count) for s in top] == [("Kanzlerin", 2), ("Müller", 1)]


@pytest.mark.django_db
def test_the_speaker_page_with_nested_quotations_keeps_its_query_bound(
    alice_client, nested, django_assert_max_num_queries
):
    kanzlerin = Speaker.objects.get(name="Kanzlerin")
    for n in range(30):
        Quote.objects.create(
            article=nested, start=n, end=n + 1, kind="direct", speaker=kanzlerin
        )  # each inside the first quotation or outside every other
    with django_assert_max_num_queries(6):
        response = alice_client.get(kanzlerin.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_sources_top_speakers_keep_the_ties_at_the_last_count_in_one_query(
    django_assert_num_queries,
):
    source = Source.objects.create(name="Blatt", slug="blatt")
    counts = {"Zora": 5, "Anton": 5, "Bert": 3, "Carla": 3, "Dora": 3, "Emil": 1}
    for name, count in counts.items():
        speaker = Speaker.objects.create(name=name, slug=name.lower())
        SourceSpeaker.objects.create(source=source, speaker=speaker, quote_count=count)
    with django_assert_num_queries(1):
        top = selectors.source_top_speakers(source, limit=3)
    # the three with the most, the ties at the third count in the name order
    assert [(row.name, row.quote_count) for row in top] == [
        ("Anton", 5),
        ("Zora", 5),
        ("Bert", 3),
    ]
    # fewer rows than the limit: all of them
    every = selectors.source_top_speakers(source, limit=10)
    assert [row.name for row in every] == ["Anton", "Zora", "Bert", "Carla", "Dora", "Emil"]


@pytest.mark.django_db
def test_a_typed_name_finds_its_speaker_by_slug_name_alias_case_or_part():
    """``SpeakerQuerySet.typed``, the look-up of the list's speaker filter and the correction
    forms: the surest way that finds any wins; a name in another case is found on either
    database (SQLite's own comparison knows ASCII letters only)."""
    from articles.models import SpeakerQuerySet as S

    oezlem = Speaker.objects.create(name="Özlem Yılmaz", slug="oezlem-yilmaz")
    oezdemir = Speaker.objects.create(name="Cem Özdemir", slug="cem-oezdemir")
    SpeakerAlias.objects.create(speaker=oezdemir, name="Özdemir")
    speakers = Speaker.objects.all()
    assert speakers.typed("oezlem-yilmaz") == ([oezlem], S.EXACT)
    assert speakers.typed("Özlem Yılmaz") == ([oezlem], S.EXACT)
    assert speakers.typed("Özdemir") == ([oezdemir], S.ALIAS)
    assert speakers.typed("özlem yılmaz") == ([oezlem], S.FOLDED)
    assert speakers.typed("ÖZDEMIR") == ([oezdemir], S.FOLDED)
    assert speakers.typed("yılmaz") == ([oezlem], S.PART)
    assert speakers.typed("öz") == ([oezdemir, oezlem], S.PART)  # two: ambiguous
    assert speakers.typed("yılmaz", parts=False) == ([], None)  # a correction names in full
    assert speakers.typed("özlem yılmaz", parts=False) == ([oezlem], S.FOLDED)
    assert speakers.typed("Niemand") == ([], None)
    # The suggestions find a part in another case, umlauts too.
    names = [row["name"] for row in selectors.speaker_suggestions("ÖZ")]
    assert sorted(names) == ["Cem Özdemir", "Özlem Yılmaz"]

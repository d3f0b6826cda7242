"""The research export: the quotations of the listed articles as CSV and JSON Lines."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from articles import selectors, services
from articles.models import Article, Quote, Source, Speaker
from tests.articles.test_reading import make_article

CSV = reverse("articles:export", kwargs={"fmt": "csv"})
JSONL = reverse("articles:export", kwargs={"fmt": "jsonl"})


@pytest.fixture
def corpus(db):
    """Two sources; an article with a person's and an organisation's quotations (one confirmed,
    one not speech, one with no speaker), an older one quoting the person, one in another
    source; and one whose title, source, speaker and quotation start like formulas."""
    blatt = Source.objects.create(name="Blatt", slug="blatt")
    other = Source.objects.create(name="Zeitung", slug="zeitung")
    anna = Speaker.objects.create(name="Anna Berger", slug="anna-berger", role="Ministerin")
    nato = Speaker.objects.create(
        name="NATO", slug="nato", kind=Speaker.Kind.ORGANISATION, role="Bündnis"
    )
    body = 'Anna sagte: "Die Lage ist ernst." Die NATO erklärte, man sei bereit. „Ohne Namen.“'
    main = make_article(
        blatt,
        "Ernste Lage",
        body,
        date=datetime.date(2023, 5, 2),
        quotes=[
            (body.index('"Die'), body.index("ernst.") + 7, anna, "direct"),
            (body.index("man sei"), body.index("bereit") + 6, nato, "indirect"),
            (body.index("„Ohne"), len(body), None, "direct"),
        ],
    )
    Quote.objects.filter(article=main, speaker=anna).update(
        review=Quote.Review.CONFIRMED, confidence=0.5, cue="sagte"
    )
    older = make_article(
        blatt,
        "Ältere Lage",
        'Anna sagte: "Alles gut."',
        date=datetime.date(2022, 1, 1),
        quotes=[(12, 23, anna, "direct")],
    )
    Article.objects.filter(pk=older.pk).update(date_precision="month")
    elsewhere = make_article(
        other, "Anderswo", 'Sie sagte: "Hier auch."', quotes=[(11, 22, anna, "direct")]
    )
    evil_source = Source.objects.create(name="@Quelle", slug="quelle")
    evil_speaker = Speaker.objects.create(name="-Minus", slug="minus", role="+Rolle")
    evil_body = '=HYPERLINK("http://evil.example") sagte er.'
    evil = make_article(
        evil_source,
        "=1+1",
        evil_body,
        date=datetime.date(2021, 1, 1),
        quotes=[(0, evil_body.index(" sagte"), evil_speaker, "direct")],
    )
    return {"main": main, "older": older, "elsewhere": elsewhere, "evil": evil, "anna": anna}


def read_csv(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content[1:])))


def read_jsonl(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode("utf-8")
    return [json.loads(line) for line in content.splitlines()]


@pytest.mark.django_db
def test_the_csv_has_a_row_per_quotation_with_its_article_and_speaker(alice_client, corpus):
    response = alice_client.get(CSV)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quotations.csv"'
    rows = read_csv(response)
    main, older = corpus["main"], corpus["older"]
    # Newest article first, then in the order of the text; every kind.
    assert [row["article_title"] for row in rows] == [
        "Ernste Lage",
        "Ernste Lage",
        "Ernste Lage",
        "Anderswo",
        "Ältere Lage",
        "'=1+1",
    ]
    first, second, third = rows[:3]
    assert list(first) == [
        "article_id",
        "article_slug",
        "article_title",
        "article_date",
        "source",
        "quote_id",
        "start",
        "end",
        "text",
        "kind",
        "cue",
        "speaker",
        "speaker_kind",
        "speaker_role",
        "confidence",
        "review",
        "confirmed",
    ]
    assert first["article_id"] == str(main.pk) and first["article_slug"] == main.slug
    assert first["article_date"] == "2023-05-02" and first["source"] == "Blatt"
    assert first["text"] == '"Die Lage ist ernst."'
    assert main.body[int(first["start"]) : int(first["end"])] == first["text"]
    assert (first["speaker"], first["speaker_kind"], first["speaker_role"]) == (
        "Anna Berger",
        "person",
        "Ministerin",
    )
    assert (first["kind"], first["cue"], first["confidence"]) == ("direct", "sagte", "0.5")
    assert (first["review"], first["confirmed"]) == ("confirmed", "true")
    assert (second["speaker"], second["speaker_kind"], second["kind"]) == (
        "NATO",
        "organisation",
        "indirect",
    )
    assert (second["text"], second["confirmed"]) == ("man sei bereit", "false")
    assert (third["speaker"], third["speaker_kind"], third["text"]) == ("", "", "„Ohne Namen.“")
    assert rows[4]["article_date"] == "2022-01" and rows[4]["article_id"] == str(older.pk)


@pytest.mark.django_db
def test_csv_cells_are_never_formulas(alice_client, corpus):
    evil = read_csv(alice_client.get(CSV))[-1]
    assert evil["article_title"] == "'=1+1"
    assert evil["source"] == "'@Quelle"
    assert evil["text"] == '\'=HYPERLINK("http://evil.example")'
    assert (evil["speaker"], evil["speaker_role"]) == ("'-Minus", "'+Rolle")
    # JSON Lines is data, not a spreadsheet: the values as they are.
    line = read_jsonl(alice_client.get(JSONL))[-1]
    assert line["text"] == '=HYPERLINK("http://evil.example")' and line["source"] == "@Quelle"


@pytest.mark.django_db
def test_json_lines_carry_typed_values(alice_client, corpus):
    response = alice_client.get(JSONL)
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quotations.jsonl"'
    lines = read_jsonl(response)
    assert len(lines) == 6
    first = lines[0]
    assert first["article_id"] == corpus["main"].pk and first["confirmed"] is True
    assert first["confidence"] == 0.5 and isinstance(first["start"], int)
    assert lines[2]["speaker"] is None and lines[2]["text"] == "„Ohne Namen.“"


@pytest.mark.django_db
def test_the_export_follows_the_lists_filters(alice_client, alice, corpus):
    def titles(query):
        return [line["article_title"] for line in read_jsonl(alice_client.get(JSONL, query))]

    assert set(titles({"source": "zeitung"})) == {"Anderswo"}
    assert set(titles({"speaker": "nato"})) == {"Ernste Lage"}
    assert set(titles({"date_to": "2022-12-31"})) == {"Ältere Lage", "=1+1"}
    assert set(titles({"q": "gut"})) == {"Ältere Lage"}
    # The list's order and page do not narrow the export.
    assert set(titles({"q": "gut", "sort": "relevance", "page": "3"})) == {"Ältere Lage"}
    # A filter that is not valid exports nothing, as the list shows nothing.
    assert titles({"source": "no-such-source"}) == []
    assert read_csv(alice_client.get(CSV, {"source": "no-such-source"})) == []
    # The reader's own state: archived articles are left out unless asked for.
    services.reading_state_set(user=alice, article=corpus["main"], archived=True, favourite=True)
    assert "Ernste Lage" not in titles({})
    assert set(titles({"reading": "archived"})) == {"Ernste Lage"}
    assert set(titles({"reading": "favourite"})) == {"Ernste Lage"}


@pytest.mark.django_db
def test_the_list_links_to_the_export_with_its_filters(alice_client, corpus):
    html = alice_client.get(
        reverse("articles:list"), {"source": "blatt", "sort": "oldest", "page": "1"}
    ).content.decode()
    assert f'href="{CSV}?source=blatt" download>CSV</a>' in html
    assert f'href="{JSONL}?source=blatt" download>JSON Lines</a>' in html
    plain = alice_client.get(reverse("articles:list")).content.decode()
    assert f'href="{CSV}" download>CSV</a>' in plain


@pytest.mark.django_db
def test_the_export_is_for_logged_in_readers_and_only_read(client, alice_client, corpus):
    assert alice_client.post(CSV).status_code == 405
    assert alice_client.get("/articles/export.xlsx").status_code == 404
    client.logout()
    response = client.get(CSV)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_export_reads_in_chunks_and_a_fixed_number_of_queries(
    alice_client, corpus, django_assert_max_num_queries
):
    source = Source.objects.get(slug="blatt")
    body = 'Sie sagte: "Ja." ' * 40
    for n in range(10):
        make_article(
            source,
            f"Viele {n}",
            body,
            date=datetime.date(2024, 1, 1),
            quotes=[(i * 17 + 11, i * 17 + 16, corpus["anna"], "direct") for i in range(40)],
        )
    chunks = list(selectors.quotes_for_export(Article.objects.all(), chunk_size=7))
    assert len(chunks) == 406
    # session, user, the tag ids (none asked), the quotations in one cursor
    with django_assert_max_num_queries(4):
        rows = read_csv(alice_client.get(CSV))
    assert len(rows) == 406
    for row in rows[:5]:
        assert row["text"] == '"Ja."'

import pytest

from articles.models import Quote, Speaker, SpeakerAlias
from articles.services import quotes_extract, seed_import, speakers_merge

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

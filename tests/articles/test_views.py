import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login(client, seed_article):
    for url in (reverse("articles:list"), seed_article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.django_db
def test_the_list_shows_the_seed_article(alice_client, seed_article):
    response = alice_client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert seed_article.title in response.content.decode()
    assert "RT DE" in response.content.decode()


@pytest.mark.django_db
def test_the_article_shows_its_paragraphs(alice_client, seed_article):
    response = alice_client.get(seed_article.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('<p class="paragraph"') == 12
    assert "Unmittelbar vor dem Beginn" in text
    assert "October 2022" in text


@pytest.mark.django_db
def test_unknown_article_is_404(alice_client):
    assert alice_client.get(reverse("articles:detail", args=["no-such-slug"])).status_code == 404


@pytest.mark.django_db
def test_login_page_logs_in(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "alice-secret-pw"})
    assert response.status_code == 302 and response["Location"] == reverse("articles:list")


@pytest.mark.django_db
def test_an_uncertain_attribution_says_probably_until_a_person_confirms_it(
    alice_client, seed_article
):
    quote = seed_article.quotes.filter(kind="direct", speaker__name="Lloyd Austin").first()
    quote.confidence = 0.55
    quote.save()
    html = alice_client.get(seed_article.get_absolute_url()).content.decode()
    assert f'id="q{quote.pk}"' in html
    tag = html[html.index(f'id="q{quote.pk}"') - 60 : html.index(f'id="q{quote.pk}"') + 300]
    assert "quote-uncertain" in tag and 'data-label="probably Lloyd Austin"' in tag
    german = alice_client.get(seed_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")
    assert 'data-label="vermutlich Lloyd Austin"' in german.content.decode()

    quote.review = quote.Review.CONFIRMED
    quote.save()
    html = alice_client.get(seed_article.get_absolute_url()).content.decode()
    assert 'data-label="probably Lloyd Austin"' not in html
    assert 'data-label="Lloyd Austin"' in html


@pytest.mark.django_db
def test_a_title_that_is_the_first_sentence_sets_it_apart_keeping_its_quotation(
    alice_client, tmp_path
):
    from articles.models import Article
    from tests.conftest import import_seeds

    seed = tmp_path / "kurz.txt"
    seed.write_text(
        " date 2023-05 „Wir bleiben hier“, sagte Olaf Scholz am Montag in Berlin. Die Koalition"
        " streitet weiter.\n\nQuelle: Test\n",
        "utf-8",
    )
    assert import_seeds(seed)[0] == 0
    article = Article.objects.get()
    assert article.title == "„Wir bleiben hier“, sagte Olaf Scholz am Montag in Berlin"
    quote = article.quotes.get(kind="direct")

    html = alice_client.get(article.get_absolute_url()).content.decode()
    # holding a quotation, it is shown (set apart), not hidden
    lead = html[html.index('<span class="lead-sentence">') :]
    # The sentence is still in the text, whole, with its quotation marked inside it.
    assert lead.index(f'data-quote-id="{quote.pk}"') < lead.index("sagte Olaf Scholz")
    assert "am Montag in Berlin.</span> Die Koalition" in lead

    article.title = "Scholz bleibt"
    article.title_edited = True
    article.save()
    html = alice_client.get(article.get_absolute_url()).content.decode()
    assert "lead-sentence" not in html and "sagte Olaf Scholz am Montag" in html


@pytest.mark.django_db
def test_a_title_that_is_the_first_sentence_hides_it_when_it_holds_no_quotation(
    alice_client, tmp_path
):
    from articles.models import Article
    from tests.conftest import import_seeds

    seed = tmp_path / "kurz.txt"
    seed.write_text(
        " date 2023-05 Die Regierung tagt am Montag in Berlin. Die Koalition streitet weiter."
        "\n\nQuelle: Test\n",
        "utf-8",
    )
    assert import_seeds(seed)[0] == 0
    article = Article.objects.get()
    assert article.title == "Die Regierung tagt am Montag in Berlin"
    html = alice_client.get(article.get_absolute_url()).content.decode()
    # still in the text (offsets), but not read twice
    lead = '<span class="lead-sentence lead-hidden">Die Regierung tagt am Montag in Berlin.</span>'
    assert lead in html


def test_slug_urls_are_reverses_and_quote_what_is_no_slug():
    """``selectors.slug_url`` reverses once: a slug comes out as reverse() gives it, anything
    else the column may hold (written around the forms) quoted."""
    from articles.selectors import slug_url

    url = slug_url("articles:speaker")
    for slug in ("angela-merkel", "A_1-b9"):
        assert url(slug) == reverse("articles:speaker", kwargs={"slug": slug})
    prefix = reverse("articles:speaker", kwargs={"slug": "x"})[:-2]
    assert url("über uns") == prefix + "%C3%BCber%20uns/"
    assert url("a/b?c") == prefix + "a%2Fb%3Fc/"

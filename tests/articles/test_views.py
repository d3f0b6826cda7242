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
    assert text.count('<p class="paragraph"') == 12 or text.count("<p>") >= 12
    assert "Unmittelbar vor dem Beginn" in text
    assert "October 2022" in text


@pytest.mark.django_db
def test_unknown_article_is_404(alice_client):
    assert alice_client.get(reverse("articles:detail", args=["no-such-slug"])).status_code == 404


@pytest.mark.django_db
def test_login_page_logs_in(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "alice-secret-pw"})
    assert response.status_code == 302 and response["Location"] == reverse("articles:list")

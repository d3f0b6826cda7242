"""Checks every request passes before any view."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/annotations/?q=a%00b",
        "/api/annotations/?tag=a%00",
        "/api/annotations/?user=%00",
        "/api/annotations/?article=%00",
        "/api/tags/?prefix=na%00x",
        "/annotations/?q=%00",
        "/articles/?q=%00",
        "/articles/?tag=%00",
        "/speakers/?page=%00",
        "/articles/?a%00=1",
    ],
)
def test_a_nul_in_the_query_is_a_400_with_a_reason(alice_client, url):
    """On PostgreSQL several of these were server errors: it refuses a NUL in a query."""
    response = alice_client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json() == {
            "error": "invalid",
            "reason": "The address holds a NUL character, which no page accepts.",
        }
    else:
        assert "NUL character" in response.content.decode()


@pytest.mark.django_db
def test_the_reason_is_in_the_readers_language(alice_client):
    response = alice_client.get("/articles/?q=%00", headers={"accept-language": "de"})
    assert (
        response.content.decode() == "Die Adresse enthält ein NUL-Zeichen, das keine Seite annimmt."
    )


@pytest.mark.django_db
def test_too_many_files_are_refused_with_a_reason_on_the_page(staff_client, settings):
    """Django refuses them while reading the form, before any view: a bare 400 otherwise."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from articles.models import Article

    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    url = reverse("admin:articles_article_import")
    files = [SimpleUploadedFile(f"{n}.txt", b" date 2022 Text.\n\nQuelle: X") for n in range(3)]

    response = staff_client.post(url, {"files": files}, follow=True)

    assert response.redirect_chain == [(url, 303)]
    text = response.content.decode()
    assert "More than 2 files were chosen; choose at most 2 at once" in text
    assert "At most 2 files at once; put more in a .zip archive." in text  # the form says so
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_too_many_files_for_the_api_are_a_400_with_a_reason(alice_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    files = [SimpleUploadedFile(f"{n}.txt", b"x") for n in range(2)]
    response = alice_client.post("/api/annotations/", {"files": files})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert response.json()["reason"].startswith("More than 1 file was chosen; choose at most 1")

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

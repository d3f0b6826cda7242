import json

import pytest
from django.test import Client

from annotations import services
from annotations.w3c import MEDIA_TYPE
from articles.models import Article


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The users made for each test are hashed quickly (PBKDF2 costs ~0.3 s per user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def article(seed_article):
    return seed_article


@pytest.fixture
def passage(article):
    """(start, end) of a sentence in the seed article's body."""
    phrase = "NATO-Generalsekretär Jens Stoltenberg"
    start = article.body.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def make_annotation(article, passage):
    def make(user, **kwargs):
        start, end = kwargs.pop("span", passage)
        return services.annotation_create(
            user=user, article=kwargs.pop("article", article), start=start, end=end, **kwargs
        )

    return make


@pytest.fixture
def client_for():
    def make(user=None, *, csrf=False):
        client = Client(enforce_csrf_checks=csrf)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def w3c_annotation(article, passage):
    """A W3C annotation for the seed article, as a client would POST it."""

    def make(comment="Wichtig.", tags=("nato",), visibility="shared", **extra):
        start, end = passage
        data = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": [
                {"type": "TextualBody", "value": comment, "purpose": "commenting"},
                *({"type": "TextualBody", "value": t, "purpose": "tagging"} for t in tags),
            ],
            "target": {
                "source": "http://testserver" + article.get_absolute_url(),
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": article.body[start:end]},
                ],
            },
            "visibility": visibility,
        }
        data.update(extra)
        return data

    return make


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type=MEDIA_TYPE, **headers)


def put_json(client, url, data, **headers):
    return client.put(url, json.dumps(data), content_type=MEDIA_TYPE, **headers)


def other_article(article, n=1):
    """Another article of ``article``'s source, numbered ``n``."""
    return Article.objects.create(
        source=article.source,
        title=f"Anderer Artikel {n}",
        slug=f"anderer-artikel-{n}",
        date=article.date,
        body="Ein ganz anderer Text über etwas anderes.",
        seed_filename=f"other-{n}.txt",
        content_hash=f"{n:064d}",
    )

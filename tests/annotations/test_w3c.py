"""Everything the API serves passes the W3C Web Annotation data-model test suite.

The suite (w3c/web-annotation-tests) and its offline runner live beside the repository in
../shared; the suite is never copied here. Without them (or without jsonschema and rfc3987) the
runner test is skipped, and the key MUST properties are still checked by the tests below.
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotations import services

from .conftest import post_json

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT.parent / "shared" / "w3c-annotation-model"
RUNNER = ROOT.parent / "shared" / "tools" / "w3c_annotation_check.py"
ANNOTATION_TESTS = ["annotations/annotationMusts.test"]
COLLECTION_TESTS = ["collections/collectionMusts.test", "collections/pages/pageMusts.test"]
PAGE_TESTS = ["collections/pages/pageMusts.test"]
COLLECTION = "/api/annotations/"


@pytest.fixture
def served(alice, bob, client_for, article, make_annotation, w3c_annotation, monkeypatch):
    """Every kind of document the API serves: annotations, collections and pages."""
    from annotations import api

    monkeypatch.setattr(api, "PAGE_SIZE", 2)
    client = client_for(alice)
    created = post_json(client, COLLECTION, w3c_annotation()).json()
    plain = make_annotation(alice)  # a highlight without body
    services.annotation_update(annotation=plain, user=alice, colour="green")  # with "edited"
    reply = services.reply_create(
        user=bob, parent=make_annotation(alice, visibility="shared"), comment="Ja"
    )
    orphan = make_annotation(alice, comment="weg")
    orphan.orphaned, orphan.start, orphan.end = True, None, None
    orphan.save()
    docs = {"created": created}
    for name, pk in [("plain", plain.pk), ("reply", reply.pk), ("orphan", orphan.pk)]:
        docs[name] = client.get(f"{COLLECTION}{pk}/").json()
    containers = {
        "collection": client.get(COLLECTION).json(),
        "page": client.get(COLLECTION, {"page": 1}).json(),
        "last_page": client.get(COLLECTION, {"page": 2}).json(),
        "empty": client.get(COLLECTION, {"tag": "nothing"}).json(),
        "export": client.get("/annotations/export.jsonld").json(),
    }
    return docs, containers


def _run_suite(tmp_path, name, doc, tests):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc))
    return subprocess.run(
        [sys.executable, str(RUNNER), str(SUITE), str(path), *tests],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(
    not (SUITE.is_dir() and RUNNER.is_file())
    or importlib.util.find_spec("jsonschema") is None
    or importlib.util.find_spec("rfc3987") is None,
    reason="the W3C suite (../shared) or jsonschema[format] and rfc3987 are not installed",
)
def test_the_w3c_suite_finds_no_must_failure(served, tmp_path):
    docs, containers = served
    failures = []
    for name, doc in docs.items():
        result = _run_suite(tmp_path, name, doc, ANNOTATION_TESTS)
        if result.returncode != 0 or "must-failures: 0" not in result.stdout:
            failures.append((name, result.stdout + result.stderr))
    for name, doc in containers.items():
        tests = PAGE_TESTS if doc["type"] == "AnnotationPage" else COLLECTION_TESTS
        result = _run_suite(tmp_path, name, doc, tests)
        if result.returncode != 0 or "must-failures: 0" not in result.stdout:
            failures.append((name, result.stdout + result.stderr))
        # Each annotation inside a page passes too.
        page = doc.get("first", doc)
        for i, item in enumerate(page.get("items", [])):
            item = {"@context": "http://www.w3.org/ns/anno.jsonld", **item}
            result = _run_suite(tmp_path, f"{name}-{i}", item, ANNOTATION_TESTS)
            if result.returncode != 0:
                failures.append((f"{name} item {i}", result.stdout))
    assert not failures, failures


def _has_anno_context(doc):
    context = doc.get("@context")
    return context == "http://www.w3.org/ns/anno.jsonld" or (
        isinstance(context, list) and "http://www.w3.org/ns/anno.jsonld" in context
    )


def test_annotations_have_the_must_properties(served):
    docs, _ = served
    for name, doc in docs.items():
        assert _has_anno_context(doc), name
        assert doc["id"].startswith("http://testserver/api/annotations/"), name
        assert doc["type"] == "Annotation", name
        assert "target" in doc and not ("body" in doc and "bodyValue" in doc), name
        assert doc["created"].endswith("Z") and doc["modified"].endswith("Z"), name
        assert doc.get("edited", "Z").endswith("Z"), name
        for body in doc.get("body", []):
            assert body["type"] == "TextualBody" and isinstance(body["value"], str), name
            assert body["purpose"] in {"commenting", "tagging"}, name
        target = doc["target"]
        if isinstance(target, str):
            assert target.startswith("http://testserver/api/annotations/"), name
            continue
        assert target["source"].startswith("http://testserver/articles/"), name
        for selector in target["selector"]:
            if selector["type"] == "TextQuoteSelector":
                assert selector["exact"], name
            else:
                assert selector["type"] == "TextPositionSelector", name
                assert 0 <= selector["start"] < selector["end"], name


def test_the_authors_edit_is_served_as_an_extension(served):
    docs, _ = served
    assert docs["plain"]["edited"] and "edited" not in docs["created"]


def test_containers_have_the_must_properties(served):
    _, containers = served
    collection = containers["collection"]
    assert _has_anno_context(collection) and collection["type"] == "AnnotationCollection"
    assert collection["total"] == 5 and collection["id"].startswith("http://testserver/")
    first = collection["first"]
    assert first["type"] == "AnnotationPage" and isinstance(first["items"], list)
    assert first["startIndex"] == 0 and first["next"] and collection["last"]
    page = containers["page"]
    assert _has_anno_context(page) and page["type"] == "AnnotationPage"
    assert page["partOf"]["id"] == collection["id"] and page["prev"] and page["next"]
    assert "next" not in containers["last_page"]
    empty = containers["empty"]
    assert empty["total"] == 0 and empty["first"]["items"] == []
    export = containers["export"]
    assert export["type"] == "AnnotationCollection" and export["total"] == 4  # alice's highlights

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles import seedfile
from tests.conftest import SEED


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_quotes", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_json_follows_the_interface_and_touches_no_database():
    with CaptureQueriesContext(connection) as queries:
        out, _ = run("--format", "json", SEED)
    assert len(queries) == 0

    lines = out.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["file"] == SEED.name
    assert result["body"] == seedfile.parse(SEED.read_text("utf-8")).body
    body = result["body"]
    assert result["quotes"], "the seed has quotations"
    for quote in result["quotes"]:
        assert set(quote) == {
            "start",
            "end",
            "text",
            "kind",
            "speaker",
            "speaker_start",
            "speaker_end",
            "cue",
            "confidence",
        }
        assert body[quote["start"] : quote["end"]] == quote["text"]
        assert quote["kind"] in {"direct", "indirect", "not_speech"}
        assert 0 <= quote["confidence"] <= 1
        if quote["speaker"] is not None:
            assert 0 <= quote["speaker_start"] < quote["speaker_end"] <= len(body)
    rt_de = next(q for q in result["quotes"] if q["text"] == '"RT DE"')
    assert rt_de["kind"] == "not_speech" and rt_de["speaker"] is None
    block = next(q for q in result["quotes"] if q["text"].startswith('"NATO-Generalsekretär'))
    assert block["kind"] == "direct" and block["speaker"] == "RT DE"
    assert body[block["speaker_start"] : block["speaker_end"]] == "RT DE"


def test_readable_listing_names_speakers_and_roles(tmp_path):
    out, _ = run(SEED)
    assert out.startswith(f"== {SEED.name}: Unmittelbar vor dem Beginn")
    assert "direct     Lloyd Austin (US-Verteidigungsminister)" in out


def test_files_that_cannot_be_read_are_reported(tmp_path):
    (tmp_path / "bad.txt").write_text("kein Kopf", encoding="utf-8")
    with pytest.raises(CommandError, match="1 file could not be read"):
        run(tmp_path)


def test_the_reason_and_the_hint_are_both_english_in_a_german_thread(tmp_path):
    (tmp_path / "nosource.txt").write_text(" date 2022-10 Grüße aus Köln.", "utf-8")
    err = io.StringIO()
    with translation.override("de"), pytest.raises(CommandError) as failed:
        call_command("extract_quotes", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert str(failed.value) == "1 file could not be read"
    assert err.getvalue() == (
        f"{tmp_path / 'nosource.txt'}: line 1: no source line: the last paragraph should name "
        "the outlet, like 'Quelle: RT DE'; or give the source with --source\n"
    )

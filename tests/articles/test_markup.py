from hypothesis import given
from hypothesis import strategies as st

from articles.markup import (
    CLOSE,
    OPEN,
    TEXT,
    Span,
    blocks,
    reading_minutes,
    to_html,
)


def render(block):
    """Tokens as bracketed text: [A: ...] for a quotation labelled A."""
    out = []
    for token in block.tokens:
        if token.kind == TEXT:
            out.append(token.text)
        elif token.kind == OPEN:
            out.append(f"[{token.span.data}{'' if token.first else '…'}:")
        else:
            out.append("]")
    return "".join(out)


def test_paragraphs_keep_their_offsets_and_every_character():
    body = "Erster Absatz.\nMit Zeilenumbruch.\n\n  Zweiter Absatz.  \n\n\nDritter."
    result = blocks(body, [])
    assert [(b.start, b.end) for b in result] == [(0, 33), (37, 52), (57, 65)]
    for block in result:
        assert "".join(t.text for t in block.tokens) == body[block.start : block.end]


def test_a_quotation_is_marked_where_it_is():
    body = 'Er sagte: "Wir bleiben." Dann ging er.'
    (block,) = blocks(body, [Span(10, 24, "A")])
    assert render(block) == 'Er sagte: [A:"Wir bleiben."] Dann ging er.'
    opening = block.tokens[1]
    assert (opening.start, opening.end, opening.first, opening.last) == (10, 24, True, True)


def test_a_quotation_across_paragraphs_is_split_per_paragraph():
    body = 'Er sagte: "Erstens.\n\nZweitens." Ende.'
    first, second = blocks(body, [Span(10, 31, "A")])
    assert render(first) == 'Er sagte: [A:"Erstens.]'
    assert render(second) == '[A…:Zweitens."] Ende.'
    assert second.tokens[0].last and not second.tokens[0].first


def test_nested_quotations_nest():
    body = "a „b ‚c‘ d“ e"
    (block,) = blocks(body, [Span(2, 11, "A"), Span(5, 8, "B")])
    assert render(block) == "a [A:„b [B:‚c‘] d“] e"


def test_overlapping_quotations_are_split_so_that_tags_nest():
    body = "0123456789"
    (block,) = blocks(body, [Span(1, 5, "A"), Span(3, 8, "B")])
    assert render(block) == "0[A:12[B:34]][B…:567]89"


def test_same_span_twice_and_spans_outside_the_body_are_handled():
    body = "abc def"
    (block,) = blocks(body, [Span(0, 3, "A"), Span(0, 3, "B"), Span(5, 99, "X"), Span(4, 4, "Y")])
    assert render(block) == "[A:[B:abc]] def"


@given(
    st.text(alphabet="ab \n„“", max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8),
)
def test_any_spans_give_balanced_tags_and_the_exact_text(body, pairs):
    spans = [Span(min(a, b), max(a, b), i) for i, (a, b) in enumerate(pairs)]
    for block in blocks(body, spans):
        depth, ends = 0, []
        text = []
        for token in block.tokens:
            if token.kind == OPEN:
                assert not ends or token.end <= ends[-1]  # inside the enclosing element
                ends.append(token.end)
                depth += 1
            elif token.kind == CLOSE:
                assert token.start == ends.pop()
                depth -= 1
            else:
                text.append(token.text)
            assert depth >= 0
        assert depth == 0
        assert "".join(text) == body[block.start : block.end]


def test_reading_minutes():
    assert reading_minutes(0) == 1
    assert reading_minutes(3285) == 2
    assert reading_minutes(15_000) == 10


def test_to_html_escapes_the_text_and_keeps_the_offsets():
    body = 'a <b>&"x"\n\nZweiter „Absatz“.'
    html = to_html(
        blocks(body, [Span(0, 4, "A"), Span(9, 24, "B")]),
        lambda token: f'<span data-q="{token.span.data}">',
    )
    assert html == (
        '<p class="paragraph" data-start="0" data-end="9"><span data-q="A">a &lt;b</span>'
        "&gt;&amp;&quot;x&quot;</p>\n"
        '<p class="paragraph" data-start="11" data-end="28"><span data-q="B">Zweiter „Absa</span>'
        "tz“.</p>\n"
    )

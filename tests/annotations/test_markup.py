"""Markdown comments are rendered and sanitised server-side (stored XSS)."""

import pytest

from annotations.markup import render

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<p onclick="alert(1)" style="color:red">x</p>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "**bold** <div onmouseover=alert(1)>hover</div>",
    '<a href="https://ok.example" onclick="alert(1)" rel="opener">ok</a>',
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_are_neutralised(payload):
    html = render(payload).lower()
    for bad in ("<script", "onerror", "onload", "onclick", "onmouseover", "javascript:",
                "data:text", "<iframe", "<svg", "<img", "style=", "<style"):  # fmt: skip
        assert bad not in html, (payload, html)


def test_markdown_is_rendered():
    html = render("**fett** und *kursiv*\n\n> Zitat\n\n- eins\n- zwei\n\n`code`")
    assert "<strong>fett</strong>" in html and "<em>kursiv</em>" in html
    assert "<blockquote>" in html and "<li>eins</li>" in html and "<code>code</code>" in html


def test_links_get_nofollow_noopener():
    html = render("[Quelle](https://example.org/a?b=1)")
    assert html == '<p><a href="https://example.org/a?b=1" rel="nofollow noopener">Quelle</a></p>'


def test_empty_comment_is_empty():
    assert render("") == "" and render("   \n") == ""

"""Markdown is rendered, then sanitised: nothing unsafe reaches the lesson view."""

from navigator.content.render import inline_html, sanitize, to_html


def test_script_tags_and_their_content_are_removed():
    """A <script> in a lesson disappears with its code."""
    html = to_html("Hello\n\n<script>alert('x')</script>\n\n<style>p{}</style>")
    assert "script" not in html and "alert" not in html and "style" not in html
    assert "Hello" in html


def test_event_attributes_are_removed():
    """onclick/onerror and style attributes are dropped, the text stays."""
    html = sanitize('<p onclick="steal()" style="color:red">Tap</p><img src="media/a.png" '
                    'alt="A" onerror="steal()">')
    assert "onclick" not in html and "onerror" not in html and "style" not in html
    assert "Tap" in html and 'src="media/a.png"' in html


def test_javascript_links_are_neutralised():
    """A javascript: link keeps its text but loses its target."""
    html = to_html("[click me](javascript:alert(1))")
    assert "javascript" not in html
    assert "click me" in html


def test_remote_and_outside_pictures_are_removed():
    """Only pictures inside the pack's media folder survive."""
    html = to_html("![a](https://example.org/t.png) ![b](../x.png) ![c](/etc/x.png) "
                   "![d](file:///etc/x.png) ![e](media/ok.png) ![f](//cdn.example/x.png)")
    assert "example.org" not in html and "../x.png" not in html and "/etc/x.png" not in html
    assert "cdn.example" not in html
    assert 'src="media/ok.png"' in html


def test_web_links_are_kept_safely():
    """https links stay and get rel=noopener."""
    html = to_html("[IRCC](https://www.canada.ca/)")
    assert 'href="https://www.canada.ca/"' in html and "noopener" in html


def test_iframes_forms_and_objects_are_removed():
    """Embedded pages and forms are not allowed in lessons."""
    html = sanitize('<iframe src="https://x"></iframe><form action="https://x"><input></form>'
                    '<object data="x"></object><p>ok</p>')
    for word in ("iframe", "form", "input", "object"):
        assert word not in html
    assert "<p>ok</p>" in html


def test_tables_and_inline_formatting_render():
    """Tables and bold text come through; a short option renders without a paragraph."""
    assert "<table>" in to_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert inline_html("**Power** button") == "<strong>Power</strong> button"

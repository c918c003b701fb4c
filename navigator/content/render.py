"""Markdown -> safe HTML: Python-Markdown, then an allow-list sanitiser (nh3).

What survives: text formatting, lists, tables, quotes, links to web pages and e-mail, and
pictures from the pack's own ``media/`` folder. What goes: scripts, styles, event handlers,
frames, forms, ``javascript:`` and other schemes, remote and local-file pictures.
"""

from __future__ import annotations

from functools import lru_cache

from navigator.content.media import is_pack_media

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "code", "pre", "kbd",
    "mark", "small", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "span", "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
LINK_SCHEMES = {"http", "https", "mailto"}


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if is_pack_media(value) else None
    if tag == "a" and attribute == "href" and value.startswith("//"):
        return None
    return value


def sanitize(html: str) -> str:
    """Keep only allow-listed tags, attributes and link schemes; pictures only from media/."""
    import nh3  # imported on first use: keeps start-up quick

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=512)
def to_html(text: str) -> str:
    """Render lesson Markdown to sanitised HTML (cached: the same text renders once)."""
    import markdown  # imported on first use: keeps start-up quick

    md = markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"],
                           output_format="html")
    return sanitize(md.convert(text))


def inline_html(text: str) -> str:
    """Render a short piece (an option, a feedback line) without the surrounding paragraph."""
    html = to_html(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html

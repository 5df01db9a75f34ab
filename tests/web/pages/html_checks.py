"""Checks of a page's HTML that a person would notice: valid, right lang attributes, nothing inline, nothing from outside."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import html5lib

from glossary_api.termbase.script import writing_language
from glossary_api.text import HAN

XHTML = "{http://www.w3.org/1999/xhtml}"
_HAN_RUN = re.compile(f"[{HAN}]+")
# Attributes whose value is a URL the browser loads or goes to.
URL_ATTRIBUTES = ("src", "href", "action", "formaction", "poster", "data")


def parse_strict(html: str) -> Element:
    """Return the page's document tree; html5lib's strict parser raises ParseError at the first error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(html)


def _tag(element: Element) -> str:
    return element.tag.removeprefix(XHTML) if isinstance(element.tag, str) else ""


def lang_problems(document: Element) -> list[str]:
    """Return each run of Chinese whose element's language (its lang, or an ancestor's) does not fit its script.

    Traditional-only characters need zh-Hant, simplified-only ones zh-Hans, and characters common to
    both either. The <title> is left out (it cannot mark a part of itself), and so is a <textarea>:
    what a person typed there may mix scripts line by line.
    """
    problems: list[str] = []

    def visit(element: Element, lang: str) -> None:
        lang = element.get("lang", lang)
        if _tag(element) in ("title", "textarea", "script", "style"):
            return
        for text in (element.text, *(child.tail for child in element)):
            for run in _HAN_RUN.findall(text or ""):
                script = writing_language(run)
                if not lang.startswith("zh") or (script == "zh-Hant" and lang != "zh-Hant"):
                    problems.append(f"{run!r} in <{_tag(element)} lang={lang}>")
        for child in element:
            visit(child, lang)

    visit(document, "")
    return problems


def inline_code(document: Element) -> list[str]:
    """Return what the content security policy (default-src 'self') would block: inline script or style, handlers, javascript: URLs."""
    found = []
    for element in document.iter():
        tag = _tag(element)
        if tag == "script" and (element.get("src") is None or (element.text or "").strip()):
            found.append("inline <script>")
        if tag == "style":
            found.append("<style> element")
        for name, value in element.attrib.items():
            if name == "style" or name.startswith("on"):
                found.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                found.append(f"javascript: URL on <{tag}>")
    return found


def loaded_from_outside(document: Element) -> list[str]:
    """Return every URL the page makes the browser load (scripts, styles, images, icons, frames) from another origin."""
    outside = []
    for element in document.iter():
        tag = _tag(element)
        loads = tag in ("script", "img", "iframe", "source", "video", "audio", "embed", "object", "track", "input") or (
            tag == "link" and element.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "manifest")
        )
        for name in URL_ATTRIBUTES:
            url = element.get(name)
            if loads and url is not None and (urlsplit(url).scheme or urlsplit(url).netloc):
                outside.append(url)
    return outside


def text_of(element: Element) -> str:
    """Return the text of an element and its descendants, spaces squeezed."""
    return " ".join("".join(element.itertext()).split())


def find_all(document: Element, tag: str, **attributes: str) -> list[Element]:
    """Return the elements of a tag whose attributes contain these values (class matches one of the classes)."""
    found = []
    for element in document.iter(XHTML + tag):
        if all(value in (element.get(name.rstrip("_"), "").split() if name.rstrip("_") == "class" else [element.get(name.rstrip("_"))]) for name, value in attributes.items()):
            found.append(element)
    return found


def parse_fragment_strict(html: str) -> Element:
    """Return a part of a page (what search as you type puts in place) as a tree; strict, as parse_strict."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parseFragment(html)

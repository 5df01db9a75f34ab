"""What the templates use besides the core's objects: names of languages and regions, and small text helpers."""

from __future__ import annotations

import re

from flask import Flask
from markupsafe import Markup, escape

from ...errors import InvalidLanguage
from ...term_check import REGION_NAMES
from ...termbase.languages import parse_language
from ...termbase.script import writing_language
from ...text import HAN
from ...vocabulary import LANGUAGES
from .. import glossary
from . import marks

LANGUAGE_NAMES = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(\"“])|[。！？]")
# A run of Chinese inside other text: ideographs, and the CJK punctuation and full-width forms among them.
_CHINESE_RUN = re.compile(f"[{HAN}](?:[{HAN}\u3000-\u303f\uff00-\uffef]*[{HAN}\u3001-\u3011\uff09])?")


def register(app: Flask) -> None:
    """Give app's templates these helpers and the marks' (marks.py); blocks leave no blank lines (pages stay small)."""
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, LANGUAGE_NAMES=LANGUAGE_NAMES, REGION_NAMES=REGION_NAMES, glossary_name=glossary_name)
    app.jinja_env.filters.update(
        effects=marks.effects,
        reason=marks.reason,
        mark_class=marks.mark_class,
        context_name=marks.context_name,
        percent=marks.percent,
        first_sentence=first_sentence,
        writing_language=writing_language,
        language_of=language_of,
        lang_runs=lang_runs,
    )


def glossary_name(concept_id: str | None) -> str | None:
    """Return a concept's English term, by which the pages name it."""
    return glossary().get(concept_id).name("en") if concept_id else None


def language_of(tag: str) -> str:
    """Return the glossary language of a BCP 47 tag (zh-Hant-TW: zh-Hant), for a lang attribute; en for one it does not know."""
    try:
        return parse_language(tag).lang
    except InvalidLanguage:
        return "en"


def first_sentence(text: str | None) -> str:
    """Return the first sentence of a definition (a list of senses shows only that)."""
    found = _SENTENCE_END.search(text or "")
    return (text or "")[: found.end()].strip() if found else (text or "")


def lang_runs(text: str | None) -> Markup:
    """Return English text with each run of Chinese in a span of its language, so that fonts and screen readers switch."""
    text = text or ""
    parts, position = [], 0
    for run in _CHINESE_RUN.finditer(text):
        parts += [escape(text[position : run.start()]), Markup('<span lang="{}">{}</span>').format(writing_language(run.group()), run.group())]
        position = run.end()
    return Markup("").join([*parts, escape(text[position:])])

"""The glossary's languages as other tools write them: BCP 47 tags, locale codes and names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExportOptionError, InvalidLanguage, quoted
from ..vocabulary import LANGUAGES, REGIONS

# What CAT tools and spreadsheets put in a language column header or an xml:lang attribute,
# folded to lower case with "_" as "-". Bare "zh" is left out on purpose: it does not say which script.
ALIASES = {
    "en": "en",
    "english": "en",
    "zh-hans": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "chinese (simplified)": "zh-Hans",
    "chinese simplified": "zh-Hans",
    "简体中文": "zh-Hans",
    "zh-hant": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "zh-hant-hk": "zh-Hant",
    "chinese (traditional)": "zh-Hant",
    "chinese traditional": "zh-Hant",
    "繁體中文": "zh-Hant",
}
# Names that say a region as well, as CAT tools and Windows name their languages ("Chinese (Taiwan)", "Chinese
# (Traditional, Hong Kong S.A.R.)", "Chinese (Simplified, Singapore)"): the region counts as a tag's. The script,
# when the name says none, is the region's. The API's schema builds its pattern from the same words.
SCRIPT_WORDS = ("simplified", "traditional")
PLACES = {
    "prc": "CN", "china": "CN", "mainland china": "CN", "people's republic of china": "CN",
    "singapore": "SG", "taiwan": "TW", "hong kong": "HK", "macao": "MO", "macau": "MO",
}
SAR_WORDS = ("sar", "s.a.r.", "s.a.r")
_REGIONAL_NAME = re.compile(
    rf"chinese *\((?:({'|'.join(SCRIPT_WORDS)})(?:, *| +))?({'|'.join(map(re.escape, PLACES))})(?:,? +(?:{'|'.join(map(re.escape, SAR_WORDS))}))?\)"
)


def regional_name(key: str) -> tuple[str, str] | None:
    """Return (language, region) of a language name that says a region ("chinese (macao sar)"), else None; key folded as language_of folds it."""
    match = _REGIONAL_NAME.fullmatch(key)
    if match is None:
        return None
    region = PLACES[match[2]]
    script = match[1] or ("traditional" if region in ("TW", "HK", "MO") else "simplified")
    return ("zh-Hans" if script == "simplified" else "zh-Hant"), region


# What a language may be given as, for the messages of the CLI, the pages and the API alike
LANGUAGE_FORMS = (
    "give en, zh-Hans or zh-Hant, with a region where it matters (zh-Hant-TW, zh-Hant-HK), a locale such as zh-CN "
    "or zh-TW, or a name such as Chinese (Taiwan)"
)
_ENGLISH_LOCALE = re.compile(r"en-(?:[a-z]{2}|\d{3})")


def language_of(label: str) -> str | None:
    """Return the glossary language (en, zh-Hans, zh-Hant) a tag, locale or name stands for, or None.

    Any English locale (en-US, en-GB, en-001) is English.
    """
    key = label.strip().replace("_", "-").lower()
    if key in ALIASES:
        return ALIASES[key]
    if named := regional_name(key):
        return named[0]
    return "en" if _ENGLISH_LOCALE.fullmatch(key) else None


def region_of(label: str) -> str | None:
    """Return the region a tag, code or name says, if it is one the glossary knows: "zh-Hant-TW", "zh_TW", "TW", "Chinese (Taiwan)" -> "TW"."""
    key = label.strip().replace("_", "-").lower()
    if named := regional_name(key):
        return named[1]
    region = key.rpartition("-")[2].upper()
    return region if region in REGIONS else None


def export_languages(source: str, target: str | None) -> tuple[str, ...]:
    """Return the languages an export holds: source first, then target, or every other language."""
    for option, value in (("source", source), ("target", target)):
        if value is not None and value not in LANGUAGES:
            raise ExportOptionError(option, f"{value!r} is not a glossary language; choose from {', '.join(LANGUAGES)}.")
    if target is None:
        return (source, *(lang for lang in LANGUAGES if lang != source))
    return tuple(dict.fromkeys((source, target)))


@dataclass(frozen=True, slots=True)
class Language:
    """A glossary language (en, zh-Hans, zh-Hant) and, when the tag gives one, its region (zh-Hant-TW)."""

    lang: str
    region: str | None = None


def parse_language(tag: str) -> Language:
    """Return the language and region of a BCP 47 tag, locale or name (zh-Hant-TW, zh-TW, en-US, Chinese (Taiwan)).

    zh with a region and no script takes the region's script (zh-TW: zh-Hant). Raise
    InvalidLanguage for a tag that names no glossary language ("zh" alone does not say which
    script).
    """
    text = tag.strip() if isinstance(tag, str) else ""
    subtags = text.replace("_", "-").split("-")
    region = region_of(subtags[-1] if len(subtags) > 1 else text)  # a lone subtag is no region; a name may say one
    lang = language_of(text) if text else None
    if lang is None and subtags[0].lower() == "zh" and region:
        if len(subtags) == 3:  # zh-Hant-TW: the script said, and none but these two (zh-Latn-TW is pinyin)
            lang = {"hans": "zh-Hans", "hant": "zh-Hant"}.get(subtags[1].lower())
        elif len(subtags) == 2:
            lang = "zh-Hant" if region in ("TW", "HK", "MO") else "zh-Hans"
    if lang is None:
        raise InvalidLanguage(f"{quoted(tag)} is not a language of the glossary: {LANGUAGE_FORMS}.")
    return Language(lang, region)

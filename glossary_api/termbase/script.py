"""Which script a Chinese character belongs to: simplified only, traditional only, or both.

Built from OpenCC's character tables, read by text.opencc_table() (the data text.py folds with). STCharacters.txt lists each simplified character with its traditional forms and
TSCharacters.txt each traditional character with its simplified forms; a character listed among
its own counterparts is correct in both scripts: 制 (制度, and the simplified form of 製), 里
(里程碑), 乾 (乾燥). OpenCC's traditional forms are the orthodox ones (牀, 羣, 爲), so the Taiwan
and Hong Kong standard forms (TWVariants.txt, HKVariants.txt: 床, 群, 為, 台) count as traditional
too. Only a character with no such reading marks a text as the other script: 药 in a traditional
name, 藥 in a simplified one.
"""

from __future__ import annotations

from functools import cache

from ..text import has_han, opencc_table

# Characters accepted in traditional names whatever the tables say, each with the usage behind it.
TRADITIONAL_USAGE = {
    "台": "Taiwan's own usage (台灣, 台北) and Hong Kong's standard form, beside the orthodox 臺",
    "恒": "Hong Kong's usage in names as their owners write them (恒生, 恒指: Hang Seng), beside the orthodox 恆",
}


@cache
def _table(name: str) -> dict[str, tuple[str, ...]]:
    """Return OpenCC's one-character entries of table name: character -> its counterparts."""
    return {source: targets for source, targets in opencc_table(name).items() if len(source) == 1}


def _regional(char: str) -> set[str]:
    """Return char and its Taiwan and Hong Kong standard forms."""
    return {char, *(_table(t).get(char, (char,))[0] for t in ("TWVariants.txt", "HKVariants.txt"))}


@cache
def _simplified_only() -> frozenset[str]:
    chars = set()
    for simplified, traditional in _table("STCharacters.txt").items():
        accepted = set().union(*(_regional(t) for t in traditional))
        if simplified not in accepted and simplified not in TRADITIONAL_USAGE:
            chars.add(simplified)
    return frozenset(chars)


@cache
def _traditional_only() -> frozenset[str]:
    """Return the characters that mark a text as traditional: OpenCC's traditional-only ones and their regional forms.

    The Taiwan and Hong Kong variant tables pair two forms of one character, both written in
    traditional texts; they say nothing about simplified script. So a regional form is
    traditional-only when the character it stands for is (衞 for 衛, simplified 卫), and not when
    that character is common to both scripts: 著 is Taiwan's form of 着 and also a standard
    simplified character (显著, 著作权), as 抬 is of 擡. The price: a rare regional form that
    simplified texts do not use either (簷 for 檐) is not caught.
    """
    simplified = set(_table("STCharacters.txt"))
    for forms in _table("TSCharacters.txt").values():
        simplified.update(forms)
    standard = frozenset(t for t, forms in _table("TSCharacters.txt").items() if t not in forms)
    chars = set(standard)
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for variant, forms in _table(name).items():
            if variant not in simplified and any(form in standard for form in forms):
                chars.add(variant)
    return frozenset(chars)


def out_of_script(text: str, lang: str) -> str:
    """Return the characters of text that do not belong to the script of lang (zh-Hans or zh-Hant)."""
    wrong = {"zh-Hant": _simplified_only, "zh-Hans": _traditional_only}.get(lang)
    if wrong is None:
        return ""
    chars = wrong()
    return "".join(dict.fromkeys(c for c in text if c in chars))


def writing_language(text: str) -> str:
    """Return the glossary language a text is written in: en, zh-Hans or zh-Hant (for a page's lang attribute).

    A text without Han characters is English; one with traditional-only characters and no
    simplified-only ones is zh-Hant; any other Chinese text, mixed or common to both scripts
    (临床 and 臨床 differ, 研究 does not), is zh-Hans.
    """
    if not has_han(text):
        return "en"
    if out_of_script(text, "zh-Hans") and not out_of_script(text, "zh-Hant"):
        return "zh-Hant"
    return "zh-Hans"

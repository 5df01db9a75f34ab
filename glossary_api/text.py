"""Text normalization shared by the glossary index and the classifier.

normalize() folds a text so that names match however they were typed: Unicode NFKC (full-width
"ＣＭＯ" becomes "CMO"), case folding of Latin script, and traditional to simplified Chinese
(臨床試驗 -> 临床试验). Every character of the result remembers which character of the input it
came from, so a match in the folded text maps back to a span of what the user sent.

The traditional-to-simplified step is a per-character table built once from OpenCC's
dictionaries (shipped by opencc-python-reimplemented). Phrase-level conversion is not needed:
every glossary name is indexed in its own script too, and a one-to-one table keeps offsets exact
and costs one str.translate() per text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

# The Han ideographs: CJK Unified Ideographs, Extension A, the Compatibility Ideographs, and the
# extensions past the Basic Multilingual Plane (B to H, and their compatibility supplement: Hong
# Kong's 𨋢, a lift, is U+282E2). The one definition of "a Chinese character" for the whole package
# (a character class body for regexes).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
_HAN_CHAR = re.compile(f"[{HAN}]")
_SPACE_OR_DASH = re.compile(r"[\s\-‐‑‒–—―_/]+")
_SPACE_BY_HAN = re.compile(f"(?<=[{HAN}]) | (?=[{HAN}])")  # in a lookup key, where spaces are single
# The invisible format characters (Unicode category Cf, as of Unicode 14) that come along with text pasted from
# web pages, PDFs and Word: zero-width spaces and joiners, direction marks and isolates, the byte-order mark,
# soft hyphens. normalize() drops them, so "C\u200bMO" is CMO to the glossary and the classifier alike.
# FORMAT_CHARACTERS is the part in the Basic Multilingual Plane, as the body of a character class that
# ECMA-262 regexes read alike (the API's "not blank" pattern, terms_format.NOT_BLANK, counts them as blank).
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_FORMAT_CHARS = re.compile(
    f"[{FORMAT_CHARACTERS}\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)

_VISIBLE = re.compile("[^\\s" + _FORMAT_CHARS.pattern[1:])  # a character neither a space nor one of them


@dataclass(frozen=True, slots=True)
class Normalized:
    """A folded text and, for each of its characters, the index of the input character it came from."""

    text: str
    origin: tuple[int, ...] | None  # None when folding kept every character in place (the usual case)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the [start, end) span of the original input that covers folded text[start:end]."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


@cache
def opencc_table(name: str) -> dict[str, tuple[str, ...]]:
    """Return one of OpenCC's tables (shipped by opencc-python-reimplemented): entry -> its counterparts."""
    entries = {}
    for line in (resources.files("opencc") / "dictionary" / name).read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        entries.setdefault(source, tuple(targets.split(" ")))
    return entries


@lru_cache(maxsize=1)
def _traditional_to_simplified() -> dict[str, str]:
    """Return OpenCC's character pairs as one traditional (or variant) -> simplified table.

    Three of OpenCC's tables: TSCharacters; STCharacters read backwards (it knows pairs such as
    牀 -> 床 and 戶 -> 户 that TSCharacters leaves out); and the Taiwan / Hong Kong variant
    tables, chained through the first two (臺 -> 台). A character that is itself simplified is
    never mapped away. The first candidate of a one-to-many entry wins.
    """

    def pairs(name: str) -> Iterator[tuple[str, tuple[str, ...]]]:
        return iter(opencc_table(name).items())

    table = {t: targets[0] for t, targets in pairs("TSCharacters.txt") if len(t) == 1 and len(targets[0]) == 1}
    simplified = set(table.values())
    for s, traditional in pairs("STCharacters.txt"):
        simplified.add(s)
        for t in traditional:
            if len(s) == len(t) == 1 and t != s:
                table.setdefault(t, s)
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for variant, standard in pairs(name):
            if len(variant) == len(standard[0]) == 1 and variant not in simplified:
                table.setdefault(variant, table.get(standard[0], standard[0]))
    for s_char in simplified:
        table.pop(s_char, None)
    return table


def _fold_char(char: str, t2s: dict[str, str]) -> str:
    if _FORMAT_CHARS.match(char):
        return ""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(t2s.get(c, c) for c in folded)


@lru_cache(maxsize=1)
def _one_to_one_table() -> dict[int, str]:
    """Return the str.translate table of every character whose folded form is one other character."""
    t2s = _traditional_to_simplified()
    candidates = set(t2s)
    candidates.update(chr(c) for c in range(0x41, 0x5B))  # A-Z
    candidates.update(chr(c) for c in range(0xC0, 0x250))  # Latin-1 and Latin Extended
    candidates.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII
    candidates.update("\u3000\u00a0\u2002\u2003\u2009\u3001\u3002\uff61")
    table = {}
    for char in candidates:
        folded = _fold_char(char, t2s)
        if len(folded) == 1 and folded != char:
            table[ord(char)] = folded
    # Characters that OpenCC writes in traditional text for a simplified one but leaves alone going back, being
    # simplified characters too (借此 -> 藉此 -> 藉此): folded to the common form, so both scripts read alike.
    # Not 覆 -> 复: 覆盖 is the standard simplified word.
    table.update({ord(t): s for t, s in zip("瞭彷藉祇牴苧", "了仿借只抵苎")})
    # Turkish dotted capital I: Unicode folds it to "i" and a combining dot, which no word matches and which splits a
    # word in two (TİTCK, the Turkish medicines agency, would read "ti", a dot, "tck"); the plain letter is what is meant.
    table[ord("İ")] = "i"
    # NFKC keeps typographic quotes; text pasted from Word or the web has "don’t" for "don't".
    table.update({ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'})
    return table


def normalize(text: str) -> Normalized:
    """Return text folded for matching (NFKC, case, traditional -> simplified, invisible format characters dropped), offsets kept."""
    folded = text.translate(_one_to_one_table())
    # The table folds the usual characters; one it leaves that case folding still changes (Д, Σ, and the folds that
    # expand: ß -> ss, İ -> i̇) takes the per-character path, so a text reads alike whatever else is in it.
    if folded.isascii() or (
        unicodedata.is_normalized("NFKC", folded) and folded.casefold() == folded and _FORMAT_CHARS.search(folded) is None
    ):
        return Normalized(folded, None)
    # Rare path: some character expands or contracts under NFKC (e.g. "㈱", ligatures), is dropped (U+200B) or is
    # case-folded outside the table.
    t2s = _traditional_to_simplified()
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(folded):
        piece = _fold_char(char, t2s)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return Normalized("".join(pieces), tuple(origin))


@lru_cache(maxsize=1)
def _regional_variants() -> dict[int, str]:
    """Return the str.translate table of the Taiwan and Hong Kong variant pairs that normalize() leaves apart.

    normalize() folds a regional form through OpenCC's tables when the form is not itself a
    simplified character (衞 -> 衛 -> 卫, 著 -> 着); a few pairs stay apart because both forms
    are (只 / 衹, 蘊 / 藴, 醞 / 醖). For lookup both forms of such a pair are one character.
    """
    table: dict[int, str] = {}
    for name in ("TWVariants.txt", "HKVariants.txt"):
        for standard, variants in opencc_table(name).items():
            folded = normalize(standard).text
            for variant in variants:
                if len(standard) == len(variant) == 1 and normalize(variant).text != folded:
                    table[ord(normalize(variant).text)] = folded
    return table


def lookup_key(name: str) -> str:
    """Return the key under which a name is indexed and looked up.

    Beyond normalize(): surrounding space is dropped and runs of spaces, hyphens and slashes
    count as one space, so "fill-finish", "fill finish" and " Fill–Finish " are the same key;
    a space beside a Chinese character is dropped (合同 研究 组织, 两票　制: Chinese is written
    without spaces, so one there was typed, not meant); and the regional variant pairs that
    normalize() keeps apart are folded (衹 -> 只).
    """
    key = _SPACE_OR_DASH.sub(" ", normalize(name).text).strip()
    return _SPACE_BY_HAN.sub("", key).translate(_regional_variants())


def is_blank(text: str) -> bool:
    """Return whether text holds nothing but spaces and the invisible characters normalize() drops ("\u200b" as " ")."""
    return _VISIBLE.search(text) is None


def has_han(text: str) -> bool:
    """Return whether text contains a Han ideograph (the HAN ranges)."""
    return _HAN_CHAR.search(text) is not None

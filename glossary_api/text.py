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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Variant tables first (臺 -> 台 style), then traditional -> simplified; first candidate wins.
_OPENCC_TABLES = ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt")
_SPACE_OR_DASH = re.compile(r"[\s\-‐‑‒–—―_/]+")


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


@lru_cache(maxsize=1)
def _traditional_to_simplified() -> dict[str, str]:
    folder = resources.files("opencc") / "dictionary"
    table: dict[str, str] = {}
    for name in _OPENCC_TABLES:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            target = targets.split(" ")[0]
            if len(source) == 1 and len(target) == 1:
                # Chain variant -> standard traditional -> simplified.
                table.setdefault(source, target)
    return {source: table.get(target, target) for source, target in table.items()}


def _fold_char(char: str, t2s: dict[str, str]) -> str:
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
    candidates.update("\u3000\u00a0\u2002\u2003\u2009\u3001\u3002\uff61\u2018\u2019\u201c\u201d")
    table = {}
    for char in candidates:
        folded = _fold_char(char, t2s)
        if len(folded) == 1 and folded != char:
            table[ord(char)] = folded
    return table


def normalize(text: str) -> Normalized:
    """Return text folded for matching (NFKC, case, traditional -> simplified), offsets kept."""
    folded = text.translate(_one_to_one_table())
    if folded.isascii() or unicodedata.is_normalized("NFKC", folded):
        return Normalized(folded, None)
    # Rare path: some character expands or contracts under NFKC (e.g. "㈱", ligatures).
    t2s = _traditional_to_simplified()
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(folded):
        piece = _fold_char(char, t2s)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return Normalized("".join(pieces), tuple(origin))


def lookup_key(name: str) -> str:
    """Return the key under which a name is indexed and looked up.

    Beyond normalize(): surrounding space is dropped and runs of spaces, hyphens and slashes
    count as one space, so "fill-finish", "fill finish" and " Fill–Finish " are the same key.
    """
    return _SPACE_OR_DASH.sub(" ", normalize(name).text).strip()


def has_han(text: str) -> bool:
    """Return whether text contains a CJK ideograph."""
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)

"""Tokens for matching: Han runs cut into jieba's words, Latin words cut to their base form.

The segmenter (segmenter.py) knows every Chinese name of the glossary as a word, and never changes
afterwards, so segmentation is the same for the whole process. Only Han runs are segmented: a
regex does the Latin part better.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple

from .segmenter import HanSegmenter
from .text import HAN, normalize

# A run of Han characters, a Latin word or number, or one other visible character (kept as a
# boundary token: names do not match across it, and it can end a negation's scope). Spaces,
# hyphens, slashes, "&" and "+" separate words without being tokens, so "fill-finish",
# "fill finish" and "fill/finish" give the same tokens.
_RUN = re.compile(rf"([{HAN}]+)|([^\W_{HAN}]+(?:'[a-z]+)?)|([^\s\-‐‑‒–—―/&+_{HAN}])")


class Token(NamedTuple):
    """A token of a folded text: the form names are matched on, and its [start, end) offsets."""

    form: str
    start: int
    end: int
    boundary: bool = False


_token = partial(tuple.__new__, Token)  # Token(form, start, end, boundary) without NamedTuple's __new__ in Python: a text has many


class Tokenizer:
    """Splits folded text into tokens: Han runs into jieba's words, Latin words to base forms."""

    def __init__(self, words: Iterable[str] = (), cache_dir: str | Path | None = None, cache_size: int = 65536) -> None:
        self.segmenter = HanSegmenter(words, cache_dir)
        self._stem = lru_cache(maxsize=65536)(base_form)
        # Runs between punctuation repeat across vendor texts ("原料药", "临床试验"), and the
        # dictionary never changes, so their segmentation is cached.
        self._segment = lru_cache(maxsize=cache_size)(self.segmenter)

    def clear_cache(self) -> None:
        """Forget cached segmentations and base forms (for benchmarks that time a cold start)."""
        self._segment.cache_clear()
        self._stem.cache_clear()

    def tokens(self, folded: str) -> list[Token]:
        """Return the tokens of an already normalize()d text."""
        tokens: list[Token] = []
        append = tokens.append
        for match in _RUN.finditer(folded):
            group = match.lastindex  # which of the three: a Han run, a Latin word, another character
            start = match.start()
            if group == 1:
                for piece in self._segment(match.group(1)):
                    end = start + len(piece)
                    append(_token((piece, start, end, False)))
                    start = end
            elif group == 2:
                append(_token((self._stem(match.group(2)), start, match.end(), False)))
            else:
                append(_token((match.group(3), start, start + 1, True)))
        return tokens

    def forms(self, name: str) -> tuple[str, ...]:
        """Return the token forms of a glossary name, the key it is matched on in texts."""
        return tuple(token.form for token in self.tokens(normalize(name).text))


def base_form(word: str) -> str:
    """Return an English word without its inflection: trials -> trial, manufacturing -> manufactur.

    Only inflections are stripped (plural -s/-es/-ies, -ed, -ing, a final -e; "APIs" -> "api" but
    "analysis" stays), never derivations, so "production" stays apart from "product" and
    "development" from "developer": a glossary name must not match a different word that merely
    shares a root. Names and texts both go through this, so the base form only has to be
    consistent, not a dictionary word.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us")) and not (word.endswith("is") and len(word) > 4):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if word[-1] == word[-2] and word[-1] not in "lsz":  # planned -> plan, but filling -> fill
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def is_ing_form(word: str) -> bool:
    """Return whether base_form() cuts an -ing off word (tableting, bookings; not thing, king).

    Such a word is another word than its stem (tableting is not a tablet, bookings are not a
    book), so a glossary name with one matches only -ing forms (matcher.py, name_index.py),
    while the keyword features keep the shared base form.
    """
    return word.endswith(("ing", "ings")) and base_form(word) != word.removesuffix("s")

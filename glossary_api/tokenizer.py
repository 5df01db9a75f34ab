"""Tokens for matching: Han runs segmented by a private jieba, Latin words cut to their base form.

The jieba dictionary gets every Chinese name of the glossary as a word when the Tokenizer is
built, and is never changed afterwards, so segmentation is the same for the whole process. Only
Han runs go through jieba (its public cut(), without HMM): it is slow on Latin text, and a
regex does that part better.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

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


class Tokenizer:
    """Splits folded text into tokens: Han runs through a private jieba, Latin words to base forms."""

    def __init__(self, words: Iterable[str] = (), cache_dir: str | Path | None = None, cache_size: int = 65536) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        folder = private_cache_dir(cache_dir)
        self._jieba = jieba.Tokenizer(str(_common_words_dictionary(folder)))
        self._jieba.tmp_dir = str(folder)
        self._jieba.initialize()
        for word in sorted({run for w in words for run in re.findall(f"[{HAN}]{{2,}}", normalize(w).text)}):
            self._jieba.add_word(word)
        self._stem = lru_cache(maxsize=65536)(base_form)
        # Runs between punctuation repeat a lot across vendor texts ("原料药", "临床试验"), and the
        # dictionary never changes, so their segmentation is cached.
        cut = self._jieba.cut
        self._segment = lru_cache(maxsize=cache_size)(lambda run: tuple(cut(run, HMM=False)))

    def clear_cache(self) -> None:
        """Forget cached segmentations and base forms (for benchmarks that time a cold start)."""
        self._segment.cache_clear()
        self._stem.cache_clear()

    def tokens(self, folded: str) -> list[Token]:
        """Return the tokens of an already normalize()d text."""
        tokens: list[Token] = []
        for match in _RUN.finditer(folded):
            han, word, other = match.groups()
            start = match.start()
            if han:
                for piece in self._segment(han):
                    tokens.append(Token(piece, start, start + len(piece)))
                    start += len(piece)
            elif word:
                tokens.append(Token(self._stem(word), start, match.end()))
            else:
                tokens.append(Token(other, start, start + 1, boundary=True))
        return tokens

    def forms(self, name: str) -> tuple[str, ...]:
        """Return the token forms of a glossary name, the key it is matched on in texts."""
        return tuple(token.form for token in self.tokens(normalize(name).text))


# jieba's dictionary holds 349,000 words, 60% of them seen fewer than 5 times in its corpus;
# loading it all takes most of start-up (0.9 s). The classifier needs the common words (to
# segment around glossary names and find negation) plus the glossary's own names, which are
# added at start-up; the rare words change no match. Keeping words seen 5 times or more loads
# in a third of the time.
MIN_WORD_FREQUENCY = 5


def _common_words_dictionary(folder: Path) -> Path:
    """Return jieba's dictionary without its rare words, written once into folder."""
    import jieba

    path = folder / f"jieba-dict-min{MIN_WORD_FREQUENCY}.txt"
    if not path.exists():
        source = Path(jieba.__file__).parent / "dict.txt"
        kept = [
            line
            for line in source.read_text(encoding="utf-8").splitlines(keepends=True)
            if int(line.split(" ")[1]) >= MIN_WORD_FREQUENCY
        ]
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("".join(kept), encoding="utf-8")
        os.replace(partial, path)  # atomic: a concurrent process sees the whole file or none
    return path


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


def private_cache_dir(configured: str | Path | None = None) -> Path:
    """Return a folder only this user writes to, for jieba's dictionary cache.

    jieba's default, a shared file in the system temp folder, breaks when another user made it
    first or the disk is read-only; a fresh temporary folder is the last resort.
    """
    candidates = [Path(configured)] if configured else []
    xdg = os.environ.get("XDG_CACHE_HOME")
    candidates.append(Path(xdg) / "cxo-glossary" if xdg else Path.home() / ".cache" / "cxo-glossary")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="cxo-glossary-"))

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

import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

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
    """Return OpenCC's character pairs as one traditional (or variant) -> simplified table.

    Three of OpenCC's tables: TSCharacters; STCharacters read backwards (it knows pairs such as
    牀 -> 床 and 戶 -> 户 that TSCharacters leaves out); and the Taiwan / Hong Kong variant
    tables, chained through the first two (臺 -> 台). A character that is itself simplified is
    never mapped away. The first candidate of a one-to-many entry wins.
    """

    def pairs(name: str) -> Iterator[tuple[str, list[str]]]:
        for line in (resources.files("opencc") / "dictionary" / name).read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            yield source, targets.split(" ")

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
    # NFKC keeps typographic quotes; text pasted from Word or the web has "don’t" for "don't".
    table.update({ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'})
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


# --- tokenization -----------------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Han characters, a Latin word or number, or one other visible character (kept as a
# boundary token: names do not match across it, and it can end a negation's scope). Spaces,
# hyphens, slashes, "&" and "+" separate words without being tokens, so "fill-finish",
# "fill finish" and "fill/finish" give the same tokens.
_RUN = re.compile(rf"([{_HAN}]+)|([^\W_{_HAN}]+(?:'[a-z]+)?)|([^\s\-‐‑‒–—―/&+_{_HAN}])")


class Token(NamedTuple):
    """A token of a folded text: the form names are matched on, and its [start, end) offsets."""

    form: str
    start: int
    end: int
    boundary: bool = False


class Tokenizer:
    """Splits folded text into tokens: Han runs through a private jieba, Latin words stemmed.

    The jieba dictionary gets every Chinese name of the glossary as a word when the Tokenizer is
    built, and is never changed afterwards, so segmentation is the same for the whole process.
    Only Han runs go through jieba: it is slow on Latin text, and a regex does that part better.
    """

    def __init__(self, words: Iterable[str] = (), cache_dir: str | Path | None = None, cache_size: int = 65536) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        folder = private_cache_dir(cache_dir)
        self._jieba = jieba.Tokenizer(str(_common_words_dictionary(folder)))
        self._jieba.tmp_dir = str(folder)
        self._jieba.initialize()
        for word in sorted({run for w in words for run in re.findall(f"[{_HAN}]{{2,}}", normalize(w).text)}):
            self._jieba.add_word(word)
        self._stem = lru_cache(maxsize=65536)(base_form)
        # The runs are pure Han already, so skip cut()'s own regex splitting and go straight to
        # its dictionary path without HMM (a private method: jieba is pinned to 0.42.1). Runs
        # between punctuation repeat a lot across vendor texts ("原料药", "临床试验"), and the
        # dictionary never changes, so their segmentation is cached.
        cut = self._jieba._Tokenizer__cut_DAG_NO_HMM
        self._segment = lru_cache(maxsize=cache_size)(lambda run: tuple(cut(run)))

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

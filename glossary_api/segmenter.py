"""Han runs segmented as jieba's cut(HMM=False) segments them, several times faster.

jieba finds the words of a run by growing each prefix through a dictionary in Python, then picks
the most probable route. Here the same dictionary (jieba's own, plus the glossary's Chinese names
added with jieba's add_word) goes into an Aho-Corasick automaton (pyahocorasick, in C), which
lists every word of a run in one pass; the route is then chosen exactly as jieba chooses it (the
same probabilities, the same tie-break), so the words are the same: a test compares the two on
the whole corpus. The automaton is built once and kept in the private cache folder, keyed by
everything it is made from, so later processes load it in milliseconds without loading jieba.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from .text import HAN, normalize

# jieba's dictionary holds 349,000 words, 60% of them seen fewer than 5 times in its corpus;
# loading it all takes most of start-up (0.9 s). The classifier needs the common words (to
# segment around glossary names and find negation) plus the glossary's own names, which are
# added at start-up; the rare words change no match. Keeping words seen 5 times or more loads
# in a third of the time.
MIN_WORD_FREQUENCY = 5
AUTOMATON_FORMAT = "words reversed, values shared"  # part of the cache key: a cached automaton of another format is not reused


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


class HanSegmenter:
    """Splits a run of Han characters into jieba's words (without HMM), with jieba's dictionary and the glossary's names."""

    def __init__(self, words: Iterable[str] = (), cache_dir: str | Path | None = None) -> None:
        folder = private_cache_dir(cache_dir)
        added = sorted({run for w in words for run in re.findall(f"[{HAN}]{{2,}}", normalize(w).text)})
        key = hashlib.sha256(
            "\n".join([version("jieba"), version("pyahocorasick"), str(MIN_WORD_FREQUENCY), AUTOMATON_FORMAT, *added]).encode("utf-8")
        ).hexdigest()[:16]
        path = folder / f"han-segmenter-{key}.pickle"
        try:
            self._automaton, self._unknown = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            self._automaton, self._unknown = _build(folder, added)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps((self._automaton, self._unknown)))
            os.replace(partial, path)  # atomic: a concurrent process sees the whole file or none

    def __call__(self, run: str) -> tuple[str, ...]:
        """Return the words of a run of Han characters, as jieba.cut(run, HMM=False) gives them.

        jieba picks, from the run's end backwards, the most probable route from each character on.
        The automaton holds the words reversed and reads the run reversed, so it lists the words
        by where they start, from the last start to the first: the route is chosen in the same
        pass, each word as it is found.
        """
        size = len(run)
        best = [0.0] * (size + 1)  # best[i]: log probability of the best route through run[i:]
        step = list(range(1, size + 2))  # where the best route from i goes next; at first the character alone
        start, top, to = size, 0.0, size + 1  # the start whose words are being read, and its best so far (at first the end)
        for reversed_last, (length, log_probability) in self._automaton.iter(run[::-1]):
            first = size - 1 - reversed_last
            if first != start:  # every word from start read: settle it, and any character after first that starts none
                best[start], step[start] = top, to
                if start - first > 1:
                    self._alone(best, start - 1, first)
                start, top = first, -math.inf
            end = first + length
            value = log_probability + best[end]
            # jieba takes max((probability, last index)): on a tie the longer word wins
            if value > top or (value == top and end > to):
                top, to = value, end
        best[start], step[start] = top, to
        self._alone(best, start - 1, -1)
        pieces = []
        i = 0
        while i < size:
            pieces.append(run[i : step[i]])
            i = step[i]
        return tuple(pieces)

    def _alone(self, best: list[float], last: int, stop: int) -> None:
        """Give the characters from last down to stop (exclusive), where no word starts, a route of their own."""
        for i in range(last, stop, -1):  # the character alone, with jieba's frequency of 1
            best[i] = self._unknown + best[i + 1]


def _build(folder: Path, added: list[str]) -> tuple[object, float]:
    """Return the automaton of jieba's dictionary and the added words, and the log probability of an unknown character."""
    import ahocorasick
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dictionary = jieba.Tokenizer(str(_common_words_dictionary(folder)))
    dictionary.tmp_dir = str(folder)
    dictionary.initialize()
    for word in added:
        dictionary.add_word(word)
    log_total = math.log(dictionary.total)
    automaton = ahocorasick.Automaton()
    # Words share their (length, log probability) value object: the 138,000 words have about
    # 9,000 such pairs, and pickle keeps shared objects shared, so each process holds each pair
    # once (about 20 MB less per process than a tuple and a float per word).
    values: dict[tuple[int, float], tuple[int, float]] = {}
    for word, frequency in dictionary.FREQ.items():
        if frequency:  # jieba keeps every prefix with frequency 0: not a word
            value = (len(word), math.log(frequency) - log_total)
            automaton.add_word(word[::-1], values.setdefault(value, value))  # reversed: see __call__
    automaton.make_automaton()
    return automaton, math.log(1) - log_total


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

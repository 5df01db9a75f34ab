"""Phrases as token forms, looked for in a token sequence in one pass (cues, negation words)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .text import has_han, normalize
from .tokenizer import Tokenizer


class Phrases:
    """A set of phrases, each a tuple of token forms, looked for in a sequence of forms."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in phrases:
            if phrase and phrase not in self._by_first[phrase[0]]:
                self._by_first[phrase[0]].append(phrase)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)

    def first_in(self, forms: list[str], start: int = 0, stop: int | None = None) -> tuple[str, ...] | None:
        """Return the first phrase that starts in forms[start:stop] (and fits in forms), or None."""
        by_first = self._by_first
        for index in range(max(start, 0), min(len(forms), len(forms) if stop is None else stop)):
            for phrase in by_first.get(forms[index], ()):
                if len(phrase) == 1 or tuple(forms[index : index + len(phrase)]) == phrase:
                    return phrase
        return None

    def found_in(self, forms: list[str], start: int = 0, stop: int | None = None) -> bool:
        """Return whether a phrase starts in forms[start:stop] (and fits in forms)."""
        return self.first_in(forms, start, stop) is not None

    def length_at(self, forms: list[str], index: int) -> int:
        """Return the length of the longest phrase starting at forms[index], 0 when none does."""
        for phrase in self._by_first.get(forms[index], ()):
            if len(phrase) == 1 or tuple(forms[index : index + len(phrase)]) == phrase:
                return len(phrase)
        return 0


class CueSet:
    """Cue words of a kind of text: Latin ones matched as token phrases, Han ones anywhere in the text.

    Han cues are looked for in the folded text itself because jieba may have made them part of a
    longer word ("临床研究服务" holds the cue "服务").
    """

    def __init__(self, cues: Iterable[str], tokenizer: Tokenizer) -> None:
        cues = list(cues)
        self._latin = Phrases(tokenizer.forms(cue) for cue in cues if not has_han(cue))
        han = sorted({re.escape(normalize(cue).text) for cue in cues if has_han(cue)}, key=len, reverse=True)
        self._han = re.compile("|".join(han)) if han else None

    def found(self, folded: str, forms: list[str]) -> bool:
        """Return whether the text (folded, and as token forms) has one of the cues."""
        return bool(self._han and self._han.search(folded)) or self._latin.found_in(forms)

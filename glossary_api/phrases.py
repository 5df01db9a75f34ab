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

    def starts(self, forms: list[str]) -> set[int]:
        """Return the indexes of forms where a phrase's first word stands (found in C: most texts have few or none)."""
        found: set[int] = set()
        for word in self._by_first.keys() & set(forms):
            index = -1
            try:
                while True:
                    index = forms.index(word, index + 1)
                    found.add(index)
            except ValueError:  # no more of it
                pass
        return found

    def all_in(self, forms: list[str]) -> set[tuple[str, ...]]:
        """Return every phrase found anywhere in forms."""
        by_first, found = self._by_first, set()
        for index in self.starts(forms):
            for phrase in by_first[forms[index]]:
                if len(phrase) == 1 or tuple(forms[index : index + len(phrase)]) == phrase:
                    found.add(phrase)
        return found

    def found_in(self, forms: list[str], start: int = 0, stop: int | None = None) -> bool:
        """Return whether a phrase starts in forms[start:stop] (and fits in forms)."""
        return self.first_in(forms, start, stop) is not None

    def length_at(self, forms: list[str], index: int) -> int:
        """Return the length of the longest phrase starting at forms[index], 0 when none does."""
        for phrase in self._by_first.get(forms[index], ()):
            if len(phrase) == 1 or tuple(forms[index : index + len(phrase)]) == phrase:
                return len(phrase)
        return 0


class CueKinds:
    """Cue words of several kinds of text, all looked for in one pass: which kinds does a text have?

    Latin cues match as token phrases; Han cues anywhere in the folded text, because jieba may have
    made them part of a longer word ("临床研究服务" holds the cue "服务").
    """

    def __init__(self, kinds: dict[str, Iterable[str]], tokenizer: Tokenizer) -> None:
        self.kinds = tuple(kinds)
        self._latin: dict[tuple[str, ...], set[str]] = defaultdict(set)
        han: dict[str, set[str]] = defaultdict(set)
        for kind, cues in kinds.items():
            for cue in cues:
                if has_han(cue):
                    han[normalize(cue).text].add(kind)
                elif forms := tokenizer.forms(cue):
                    self._latin[forms].add(kind)
        self._phrases = Phrases(self._latin)
        self._han_kinds = dict(han)
        self._han = re.compile("|".join(re.escape(cue) for cue in sorted(han, key=len, reverse=True))) if han else None

    def found(self, folded: str, forms: list[str]) -> list[str]:
        """Return the kinds the text (folded, and as token forms) has a cue of, in the order they were given."""
        present: set[str] = set()
        if self._han is not None:
            for match in self._han.finditer(folded):
                present |= self._han_kinds[match.group(0)]
        for phrase in self._phrases.all_in(forms):
            present |= self._latin[phrase]
        return [kind for kind in self.kinds if kind in present]

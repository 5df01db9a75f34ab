"""Negation scopes: which tokens a negation denies ("不承担工艺开发", "no analytical development").

A cue denies what follows it within the window, until a scope end (a comma, "but", 而是); an
`after` cue denies the name just before it ("formulation development is not offered"). Denied
words count as their own features (not:development), so "we do not develop" is not evidence of
development. The cue words are data in terms/_classifier.yaml (`negation`).
"""

from __future__ import annotations

from .matcher import NameHit
from .phrases import Phrases
from .tokenizer import Token, Tokenizer


class Negation:
    """Finds the tokens and the found names that a negation denies."""

    def __init__(self, rules: dict, tokenizer: Tokenizer) -> None:
        self.window = rules["window"]
        self._cues = Phrases(tokenizer.forms(cue) for cue in rules["cues"])
        self._after = Phrases(tokenizer.forms(cue) for cue in rules["after"])
        self._scope_ends = {form for end in rules["scope_ends"] for form in tokenizer.forms(end)}

    def scopes(self, tokens: list[Token], hits: list[NameHit]) -> list[bool]:
        """Return, for each token, whether a negation denies it (the cue words themselves are not denied)."""
        forms = [token.form for token in tokens]
        inside_hits = {i for hit in hits for i in range(hit.first, hit.last)}
        cues = self._cues.starts(forms) - inside_hits  # a name's own words are never a cue
        denied = [False] * len(tokens)
        if cues:  # most texts deny nothing: no scope to walk
            self._deny_scopes(forms, cues, denied)
        if self._after.starts(forms):  # nor have an `after` cue
            for hit in hits:
                if self._after.found_in(forms, hit.last, hit.last + 3):
                    for i in range(hit.first, hit.last):
                        denied[i] = True
        return denied

    def _deny_scopes(self, forms: list[str], cues: set[int], denied: list[bool]) -> None:
        """Mark in denied the words within the window after each cue (at the indexes cues), up to a scope end."""
        cue_end: int | None = None  # index after the last cue word seen in this scope
        index = 0
        while index < len(forms):
            if forms[index] in self._scope_ends:
                cue_end = None
                index += 1
                continue
            length = self._cues.length_at(forms, index) if index in cues else 0
            if length:
                cue_end = index + length
                index += length
                continue
            if cue_end is not None and index - cue_end < self.window:
                denied[index] = True
            index += 1

"""Category names that stand for another party: "left to the client's CRO", "申办方的CDMO".

A category name written just after a possessive of another party (the client's, the sponsor's,
申办方的) names that party's provider, not the writer: a formulation developer that leaves the
trials "to the client's CRO" is no CRO. Such a name does not make the text that category (the
named-category rule, Classifier.named_category), and its feature is `other:concept:<id>`, not the
writer's `concept:<id>` (features.term_feature): the weight of a category's name says what the writer is.

Read narrowly, since the writer is often the client's provider too:
- the possessive's name is the first category name after it within `gap` words (other glossary
  names between are skipped: "the sponsor's GMP CDMO"), with the category names joined to it
  ("the client's CRO and CMO", "客户的CRO、CMO"); never across punctuation;
- a possessive right after a word that makes the writer that provider is no counterpart: "we are
  the clients' CDMO", "acts as the sponsor's CRO", "服务国际客户的CDMO" (`not_after`).
The phrases are data in terms/_classifier.yaml (`counterparts`); the possessives are written in
simplified script and lower case, as texts are folded before they are read.
"""

from __future__ import annotations

from .matcher import NameHit
from .phrases import Phrases
from .tokenizer import Token, Tokenizer


class Counterparts:
    """Marks the category names that a possessive of another party stands before."""

    def __init__(self, rules: dict, tokenizer: Tokenizer) -> None:
        self.gap = rules["gap"]
        self._possessives = Phrases(tokenizer.forms(phrase) for phrase in rules["possessives"])
        self._not_after = Phrases(tokenizer.forms(phrase) for phrase in rules["not_after"])
        self._joiners = {form for joiner in rules["joiners"] for form in tokenizer.forms(joiner)}

    def of(self, tokens: list[Token], hits: list[NameHit], categories: list[bool]) -> list[bool]:
        """Return, for each hit, whether it is a category name (categories[i]) that stands for the party of a possessive."""
        forms = [token.form for token in tokens]
        theirs = [False] * len(hits)
        in_order = sorted(range(len(hits)), key=lambda i: hits[i].first)
        for start in self._possessives.starts(forms):  # only where a possessive's first word stands (客户, sponsor, client's...)
            length = self._possessives.length_at(forms, start)
            if not length or self._not_after.found_in(forms, max(0, start - 2), start):
                continue
            self._mark_after(start + length, tokens, hits, categories, in_order, theirs)
        return theirs

    def _mark_after(self, end: int, tokens: list[Token], hits: list[NameHit], categories: list[bool], in_order: list[int], theirs: list[bool]) -> None:
        """Mark the first category name after tokens[end - 1] within the gap, and the category names joined to it."""
        position, words, marked = end, 0, False  # words: tokens between that are no glossary name
        for i in in_order:
            hit = hits[i]
            if hit.first < position:
                continue
            between = range(position, hit.first)
            if any(tokens[k].boundary and tokens[k].form not in self._joiners for k in between):
                return  # punctuation: another clause
            if marked:  # only a name joined to the one marked: "CRO and CMO", "CRO/CMO", "CRO、CMO"
                if not categories[i] or not all(tokens[k].form in self._joiners for k in between):
                    return
            else:
                words += len(between)
                if words > self.gap:
                    return
                if not categories[i]:  # another name between: "the sponsor's GMP CDMO"
                    position = hit.last
                    continue
            theirs[i] = marked = True
            position = hit.last

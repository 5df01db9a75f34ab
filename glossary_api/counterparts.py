"""Category names that stand for another party: "left to the client's CRO", "申办方的CDMO".

A category name written just after a possessive of another party (the client's, the sponsor's,
客户的) names that party's provider, not the writer: a formulation developer that leaves the
trials "to the client's CRO" is no CRO. Such a name does not make the text that category (the
named-category rule, Classifier.named_category); the weights read it as any other name. The
possessives are data in terms/_classifier.yaml (`counterparts`).
"""

from __future__ import annotations

from .matcher import NameHit
from .phrases import Phrases
from .tokenizer import Token, Tokenizer


class Counterparts:
    """Finds the names found that a possessive of another party stands just before."""

    def __init__(self, rules: dict, tokenizer: Tokenizer) -> None:
        self.gap = rules["gap"]
        self._possessives = Phrases(tokenizer.forms(phrase) for phrase in rules["possessives"])

    def of(self, tokens: list[Token], hits: list[NameHit]) -> list[bool]:
        """Return, for each hit, whether it is the first name after a possessive, at most `gap` words after it.

        "the sponsor's chosen CDMO": CDMO is the sponsor's; "our clients' CROs on bioanalysis":
        the CROs are, bioanalysis is not.
        """
        forms = [token.form for token in tokens]
        theirs = [False] * len(hits)
        for start in self._possessives.starts(forms):  # most texts have none: no hit is looked at
            length = self._possessives.length_at(forms, start)
            end = start + length
            following = min((i for i, hit in enumerate(hits) if hit.first >= end), key=lambda i: hits[i].first, default=None)
            if length and following is not None and hits[following].first - end <= self.gap:
                theirs[following] = True
        return theirs

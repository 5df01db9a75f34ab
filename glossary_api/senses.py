"""Senses of shared abbreviations: which concept a name stands for in this text (CMO: a manufacturer or an executive?).

A name with one concept stands for it. An abbreviation shared by an in-domain concept and
out-of-domain ones (CMO, CRO, CSO, API, ...) is read, in this order:
1. as the sense the text names in full elsewhere ("chief marketing officer ... our CMO");
2. as a person's role when a title or appointment phrase stands right around it ("appointed
   ... as CMO", "首席网络营销官（CDMO）", "出任CSO"): the role a cue nearby names, else the one this
   field's texts mean most often (`preferred_roles`: a biotech's new CMO is its chief medical officer);
3. as the out-of-domain sense one of whose cues stands within the window ("mortgage", "A/B test");
   of several in-domain senses, as the one whose cue stands nearest ("the NMPA's CDE", "Taiwan's CDE");
4. otherwise in-domain: this is a glossary of pharmaceutical outsourcing.
The phrases and the window are data in terms/_classifier.yaml (`senses`); the cues are each
out-of-domain concept's own, and those of in-domain concepts that share an abbreviation (cde, taiwan-cde).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import GlossaryFileError
from .glossary import Concept, Glossary
from .matcher import NameHit
from .phrases import Phrases
from .terms_format import RULES_FILE
from .tokenizer import Token, Tokenizer

NAMED_IN_FULL = "named in full"


@dataclass(frozen=True, slots=True)
class Sense:
    """The concept a name was read as, and why when it is not the obvious one."""

    concept: Concept
    reason: str | None = None  # e.g. "named in full", "a role", "cue 'mortgage'"; None for an unambiguous name

    @property
    def stated(self) -> bool:
        """Return whether the text itself says the sense (names it in full, or has a cue of it beside the name),
        rather than a phrase suggesting a role or the field's usual sense (the translation check lets a
        translator's name of another sense stand against those)."""
        return self.reason is not None and (self.reason == NAMED_IN_FULL or self.reason.startswith("cue "))


class SenseReader:
    """Reads each found name as one concept, resolving shared abbreviations from their context."""

    def __init__(self, glossary: Glossary, rules: dict, tokenizer: Tokenizer) -> None:
        self.window = rules["window"]
        self._role_before = re.compile("(?:" + "|".join(rules["role_before"]) + r")\s*$")
        self._role_after = re.compile(r"^\s*(?:" + "|".join(rules["role_after"]) + ")")
        role_term = re.compile(rules["role_term"])
        self._is_role = {c.id: bool(role_term.search(c.languages["en"].term.lower())) for c in glossary if c.out_of_domain}
        self._preferred_roles = rules["preferred_roles"]
        for concept_id in self._preferred_roles:
            if not self._is_role.get(concept_id):
                raise GlossaryFileError(f"{RULES_FILE}: senses.preferred_roles: {concept_id!r} is not a role (an out-of-domain chief ... officer).")
        self._cues = {c.id: Phrases(tokenizer.forms(cue) for cue in c.cues) for c in glossary if c.out_of_domain or c.cues}
        self._cue_text = {c.id: {tokenizer.forms(cue): cue for cue in c.cues} for c in glossary if c.out_of_domain or c.cues}

    def read(self, hits: list[NameHit], tokens: list[Token], folded: str) -> list[Sense]:
        """Return the sense of each hit, in order.

        One sense per text: when one mention of an abbreviation is read in another sense for a
        reason (a cue, a role), its other mentions without a reason of their own follow it
        ("CRO 2-1 MAR ... CRO 0-0 BEL" after a World Cup cue).
        """
        named = {concept.id for hit in hits if len(hit.senses) == 1 for concept in hit.senses}
        forms = [token.form for token in tokens]
        senses = [self._read(hit, tokens, forms, folded, named) for hit in hits]
        settled: dict[tuple[str, ...], Concept] = {}  # the senses an abbreviation may have -> the one read
        for hit, sense in zip(hits, senses):
            if len(hit.senses) > 1 and sense.reason and (sense.concept.out_of_domain or sense.stated):
                settled.setdefault(_key(hit), sense.concept)
        return [
            Sense(settled[_key(hit)], "as elsewhere in the text") if sense.reason is None and _key(hit) in settled else sense
            for hit, sense in zip(hits, senses)
        ]

    def _read(self, hit: NameHit, tokens: list[Token], forms: list[str], folded: str, named: set[str]) -> Sense:
        if len(hit.senses) == 1:
            return Sense(hit.senses[0])
        in_domain = next((c for c in hit.senses if not c.out_of_domain), None)
        others = [c for c in hit.senses if c.out_of_domain]
        for sense in hit.senses:
            if sense.id in named:
                return Sense(sense, NAMED_IN_FULL)
        near = (max(0, hit.first - self.window), hit.last + self.window)
        cued = [(sense, self._cue_near(sense, forms, *near)) for sense in others]
        cued = [(sense, cue) for sense, cue in cued if cue]
        roles = [sense for sense in others if self._is_role[sense.id]]
        if roles and self._names_a_role(folded, tokens[hit.first].start, tokens[hit.last - 1].end):
            role = next((sense for sense, _ in cued if sense in roles), None) or self._preferred_role(roles)
            return Sense(role, "a role (title or appointment phrase)")
        if cued:
            sense, cue = cued[0]
            return Sense(sense, f"cue '{cue}'")
        if (nearest := self._nearest_cue([c for c in hit.senses if not c.out_of_domain], forms, hit)) is not None:
            sense, cue = nearest
            return Sense(sense, f"cue '{cue}'")
        return Sense(in_domain or hit.senses[0], None if in_domain else "no in-domain sense")

    def _nearest_cue(self, senses: list[Concept], forms: list[str], hit: NameHit) -> tuple[Concept, str] | None:
        """Return the in-domain sense whose cue stands nearest the hit within the window, with the cue, when the
        hit has several in-domain senses (CDE: "the NMPA's CDE" is China's, "Taiwan's CDE" Taiwan's); else None."""
        if len(senses) < 2:
            return None
        best: tuple[int, Concept, str] | None = None
        for sense in senses:
            phrases = self._cues.get(sense.id)
            for index in range(max(0, hit.first - self.window), min(len(forms), hit.last + self.window)) if phrases else ():
                length = phrases.length_at(forms, index) if not hit.first <= index < hit.last else 0
                distance = hit.first - (index + length) if index < hit.first else index - hit.last
                if length and (best is None or distance < best[0]):
                    phrase = tuple(forms[index : index + length])
                    best = (distance, sense, self._cue_text[sense.id].get(phrase, " ".join(phrase)))
        return None if best is None else best[1:]

    def _preferred_role(self, roles: list[Concept]) -> Concept:
        """Return the role a person's abbreviation most likely names in this field, when no cue says which."""
        return next((role for preferred in self._preferred_roles for role in roles if role.id == preferred), roles[0])

    def _names_a_role(self, folded: str, start: int, end: int) -> bool:
        """Return whether a title or appointment phrase stands right before or after the span."""
        # after it, room for "at <an organization's name> steps down": a person's verb can stand that far off
        return bool(self._role_before.search(folded[max(0, start - 80) : start])) or bool(
            self._role_after.search(folded[end : end + 60])
        )

    def _cue_near(self, sense: Concept, forms: list[str], start: int, stop: int) -> str | None:
        """Return the first cue of sense found in forms[start:stop], as written in the glossary."""
        phrase = self._cues[sense.id].first_in(forms, start, stop)
        return None if phrase is None else self._cue_text[sense.id].get(phrase, " ".join(phrase))


def _key(hit: NameHit) -> tuple[str, ...]:
    return tuple(concept.id for concept in hit.senses)

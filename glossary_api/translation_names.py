"""The glossary names of a translation, as the term check asks about them (term_check.py).

Indexed once by the concepts they can stand for, so each source term asks which names of its
senses the translation has in one look: the check is linear in the two texts, not quadratic.
"""

from __future__ import annotations

from .glossary import Concept, Designation
from .matcher import TermMatch
from .text import has_han, normalize

CHINESE = ("zh-Hans", "zh-Hant")


def counts_in(name: Designation, lang: str) -> bool:
    """Return whether a name can stand for its concept in a text of lang: its own names, either Chinese variety, abbreviations."""
    return name.lang == lang or name.type == "abbreviation" or (lang in CHINESE and name.lang in CHINESE)


def form(text: str) -> str:
    """Return an abbreviation's written form, folded and without a plural or possessive ending: CMOs, CMO's -> cmo."""
    return normalize(text).text.rstrip("s'")


class TranslationNames:
    """The translation's glossary names, indexed once by the concepts they can stand for.

    Each source term asks which names of its senses the translation has; the answers are kept
    by senses (and written form), so a term written 2,500 times costs one look, not 2,500 scans
    of the whole translation.
    """

    def __init__(self, matches: list[TermMatch], lang: str, text: str = "") -> None:
        self.matches, self.lang, self.text = matches, lang, text
        self._folded: str | None = None
        self._within: dict[frozenset[str], bool] = {}
        self._by_concept: dict[str, list[int]] = {}
        for index, match in enumerate(matches):
            for concept_id in dict.fromkeys(c.id for c, d in match.readings if counts_in(d, lang)):
                self._by_concept.setdefault(concept_id, []).append(index)
        self._present: dict[frozenset[str], tuple[int, ...]] = {}
        self._full_names: dict[frozenset[str], bool] = {}
        self._kept: dict[tuple[frozenset[str], str], TermMatch | None] = {}
        self._forms: dict[str, str] = {}

    def present(self, wanted: frozenset[str]) -> tuple[int, ...]:
        """Return the places (in translation order) of the names that stand for one of the concepts wanted."""
        if wanted not in self._present:
            self._present[wanted] = tuple(sorted({i for concept_id in wanted for i in self._by_concept.get(concept_id, ())}))
        return self._present[wanted]

    def has_full_name(self, wanted: frozenset[str]) -> bool:
        """Return whether a name present for the concepts wanted is a full name of one (not only an abbreviation)."""
        if wanted not in self._full_names:
            self._full_names[wanted] = any(
                d.type != "abbreviation" for i in self.present(wanted) for c, d in self.matches[i].readings if c.id in wanted
            )
        return self._full_names[wanted]

    def first_kept(self, wanted: frozenset[str], written: str) -> TermMatch | None:
        """Return the first name present for the concepts wanted that is written as the source wrote it (its form), or None."""
        key = (wanted, self._form(written))
        if key not in self._kept:
            self._kept[key] = next((self.matches[i] for i in self.present(wanted) if self._form(self.matches[i].text) == key[1]), None)
        return self._kept[key]

    def written_within(self, concepts: tuple[Concept, ...]) -> bool:
        """Return whether a Chinese name of one of concepts is written inside a longer word of the translation
        (原料药 in 原料药厂, 洁净室 in 洁净室内), where jieba's words hide it from the matcher: a name
        found in the text is there, as Xbench finds it. Names of two Han characters or more only."""
        key = frozenset(c.id for c in concepts)
        if key not in self._within:
            if self._folded is None:
                self._folded = normalize(self.text).text
            names = {normalize(d.text).text for c in concepts for d in c.designations() if counts_in(d, self.lang) and has_han(d.text)}
            self._within[key] = any(len(name) > 1 and name in self._folded for name in names)
        return self._within[key]

    def _form(self, text: str) -> str:
        """Return form(text), folded once per text written (the source's terms are looked up by it too)."""
        if text not in self._forms:
            self._forms[text] = form(text)
        return self._forms[text]

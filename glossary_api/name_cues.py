"""Names that count only with a cue of their concept nearby: everyday words that are a glossary name only in context.

确认 is GMP qualification near 设备 or 厂房, not in "请确认您的邮箱地址" (please confirm); a bare
"Phase 1" is a trial phase near "trial" or "patients", not a plant's first phase; "sponsor" a
trial sponsor near "clinical" or "CRO", not a conference's. A concept lists such names in `cued`
and the words that point to its sense in `cues` (as an out-of-domain concept's cues point to
that sense). A cue counts within `window` tokens either side of the name (the senses' window,
terms/_classifier.yaml), the name's own words left out: a Latin cue as a token phrase (English
base forms, so "trial" is "trials" too), a Han cue anywhere in the Han words there, since jieba
may cut it otherwise. Compounds are names of their own (设备确认, 工艺验证) and need no cue.
"""

from __future__ import annotations

from collections.abc import Iterable

from .glossary import Concept, Designation, Glossary
from .phrases import Phrases
from .text import has_han, normalize
from .tokenizer import Tokenizer


class NameCues:
    """The glossary's cued names, and whether a cue of each stands near it in a token sequence."""

    def __init__(self, glossary: Glossary, tokenizer: Tokenizer, window: int) -> None:
        self.window = window
        self.cued = {(c.id, name) for c in glossary for name in c.cued}  # (concept id, name as written)
        concepts = [c for c in glossary if c.cued]
        self._latin = {c.id: Phrases(tokenizer.forms(cue) for cue in c.cues if not has_han(cue)) for c in concepts}
        self._han = {c.id: tuple(normalize(cue).text for cue in c.cues if has_han(cue)) for c in concepts}

    def needs_cue(self, concept: Concept, designation: Designation) -> bool:
        """Return whether this name of concept counts only with one of its cues nearby."""
        return (concept.id, designation.text) in self.cued

    def cued_near(self, concept: Concept, forms: list[str], first: int, last: int) -> bool:
        """Return whether a cue of concept stands within the window around forms[first:last], outside it."""
        start, stop = max(0, first - self.window), last + self.window
        latin = self._latin[concept.id]
        if latin.found_in(forms, start, first) or latin.found_in(forms[last:stop]):
            return True
        around = "".join(forms[start:first]) + "\n" + "".join(forms[last:stop])
        return any(cue in around for cue in self._han[concept.id])

    def keep(self, readings: Iterable[tuple[Concept, Designation]], forms: list[str], first: int, last: int) -> list:
        """Return the readings that count here: every one not cued, a cued one only with a cue nearby."""
        return [(c, d) for c, d in readings if not self.needs_cue(c, d) or self.cued_near(c, forms, first, last)]

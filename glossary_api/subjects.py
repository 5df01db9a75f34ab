"""News about a vendor: a text that opens with a category as the subject of a news verb.

"The global CRO said today that its chief executive is leaving", "A drug-delivery device CDMO has
won a grant", "韩国生物药CDMO企业宣布完成融资": the text is that vendor's news, and an analyst files
it under the vendor's category though its words (a chief executive leaving, a grant) are no
service's. The weights cannot tell such news from an explainer or a market report that names the
category too ("A CDMO is a company that...", "the CDMO market will grow..."): they weigh words,
not who does what. This reads the one pattern that tells them apart, in the text's opening:

- before the name, at most `lead` characters and nothing but a dateline, a headline tag or the
  name's own modifiers: no sentence end, no word of `not_before` (the first person, prepositions,
  conjunctions: "we chose a CDMO", "signs with a CRO", "与一家CDMO签约") and no news verb (which
  would make the name its object);
- the name in the singular: "Contract manufacturers have signed up to a trade group" is the trade's;
- right after the name, past the vendor's own name in apposition (at most `PROPER_NAME` capitalised
  Latin words, with the points and commas of "Co., Ltd.": "Ohio CRO AmplifyBio has bought", "The CRO
  Parexel will cut"), its abbreviation in brackets and words of `skip` (企业, today, the auxiliaries
  has and will), a news verb of `verbs` (said, announced, has won, 宣布, 完成...); never "is" (a
  definition), "has the expertise", "will help". After such a name the verb must be in lower case:
  in a headline written in title case ("Global CDMO Market Expands") every word is capitalised, and
  the name would be a common noun. A name with a word of `not_names` in it is a collective's, not a
  vendor's: "The CRO Industry Association said".

Words are compared as written (folded), not as base forms: "partners" and "reports" are nouns as
often as verbs ("a CDMO partner", "the CDMO report"), so the verbs list has the inflected forms a
verb of news takes. The phrases are data in terms/_classifier.yaml (`subject`).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .phrases import Phrases
from .text import normalize
from .tokenizer import Tokenizer

if TYPE_CHECKING:
    from .classifier import Reading

# Words a bracket after the name may hold: "(CDMO)", "(NASDAQ: ACME)", "(HKEX: 2269)"
BRACKET = 6
# Capitalised words of a vendor's own name after the category's name: "CRO Charles River Laboratories International Inc."
PROPER_NAME = 5
# Words read after the category's name: the vendor's own name, its bracket, the words of `skip`, the verb
WINDOW = 2 * PROPER_NAME + BRACKET + 4
SENTENCE_ENDS = frozenset("。!?;")  # after NFKC folding: ！？； are !?;
# Words a full stop follows without ending the sentence: "DURHAM, N.C., May 12", "Acme Corp. said"
ABBREVIATED = frozenset(["inc", "corp", "ltd", "llc", "co", "st", "dr", "mr", "ms", "mrs", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs"])


class Subjects:
    """Finds whether a text opens with a name of a category as the subject of a news verb."""

    def __init__(self, rules: dict, tokenizer: Tokenizer) -> None:
        self.lead = rules["lead"]
        self._verbs = Phrases(_written(tokenizer, verb) for verb in rules["verbs"])
        self._not_before = Phrases(_written(tokenizer, word) for word in rules["not_before"])
        self._skip = Phrases(_written(tokenizer, word) for word in rules["skip"])
        self._not_names = Phrases(_written(tokenizer, word) for word in rules["not_names"])

    def opens_with(self, reading: Reading, concept_id: str) -> bool:
        """Return whether a mention of concept_id (the writer's own, not denied) is the subject of the text's opening."""
        folded, tokens = reading.folded.text, reading.tokens
        for mention in reading.mentions:
            first = mention.hit.first
            if tokens[first].start > self.lead:
                return False
            if mention.concept.id != concept_id or mention.negated or mention.other_party:
                continue
            words = [folded[token.start : token.end] for token in tokens[: mention.hit.last + WINDOW]]
            before = words[:first]
            if any(_ends_sentence(words, index) for index in range(first)):
                return False
            if self._not_before.found_in(before) or self._verbs.found_in(before):
                return False
            if words[mention.hit.last - 1].endswith("s") and not tokens[mention.hit.last - 1].form.endswith("s"):
                return False  # "CDMOs", "contract manufacturers": the trade, not one vendor
            named_after = self._past_proper_name(reading, words, mention.hit.last)
            if self._not_names.found_in(words[mention.hit.last : named_after]):
                return False  # "The CRO Industry Association said": the trade's body, not a vendor
            after = self._after(words, named_after)
            if after >= len(words) or not self._verbs.length_at(words, after):
                return False
            return named_after == mention.hit.last or not _capitalised(reading, after)
        return False

    def _past_proper_name(self, reading: Reading, words: list[str], index: int) -> int:
        """Return the index past a vendor's own name at index: capitalised Latin words, none a news verb, and the
        points and commas of its "Co., Ltd." between them; index itself when none is there."""
        capitals = 0
        while index < len(words):
            if capitals < PROPER_NAME and _capitalised(reading, index) and not self._verbs.length_at(words, index):
                capitals += 1
            elif not (capitals and _joins_name(words, index)):
                break
            index += 1
        return index

    def _after(self, words: list[str], index: int) -> int:
        """Return the index of the first word after the name's bracketed abbreviation and the words of `skip`."""
        while index < len(words):
            if words[index] == "(" and ")" in words[index : index + BRACKET]:
                index = words.index(")", index) + 1
            elif length := self._skip.length_at(words, index):
                index += length
            else:
                return index
        return index


def _ends_sentence(words: list[str], index: int) -> bool:
    """Return whether the word at index ends a sentence: 。!?; always, a full stop unless it abbreviates or joins digits."""
    word = words[index]
    if word in SENTENCE_ENDS:
        return True
    if word != "." or index == 0:
        return False
    previous, following = words[index - 1], words[index + 1] if index + 1 < len(words) else ""
    initial = len(previous) == 1 and previous.isalpha()  # "N.C.", "J.P. Morgan"
    return not (initial or previous in ABBREVIATED or following in (",", ".") or following.isdigit())


def _capitalised(reading: Reading, index: int) -> bool:
    """Return whether token index is written with a capital Latin letter first in the input (full width too)."""
    start, _ = reading.span(index, index + 1)
    return "A" <= unicodedata.normalize("NFKC", reading.text[start])[:1] <= "Z"


def _joins_name(words: list[str], index: int) -> bool:
    """Return whether the word at index is the point after an abbreviation ("Corp.") or the comma before one (", Inc.")."""
    if words[index] == ".":
        return words[index - 1] in ABBREVIATED
    return words[index] == "," and index + 1 < len(words) and words[index + 1] in ABBREVIATED


def _written(tokenizer: Tokenizer, phrase: str) -> tuple[str, ...]:
    """Return a phrase of the rules as its words are written, folded (lower case, simplified script)."""
    folded = normalize(phrase).text
    return tuple(folded[token.start : token.end] for token in tokenizer.tokens(folded))

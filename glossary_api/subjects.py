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
- right after the name, past its abbreviation in brackets and words of `skip` (企业, today), a
  news verb of `verbs` (said, announced, has won, 宣布, 完成...); never "is" (a definition).

The phrases are data in terms/_classifier.yaml (`subject`).
"""

from __future__ import annotations

from .features import Mention
from .phrases import Phrases
from .tokenizer import Token, Tokenizer

SENTENCE_ENDS = frozenset("。！？；!?;")
# Words a full stop follows without ending the sentence: "DURHAM, N.C., May 12", "Acme Corp. said"
ABBREVIATED = frozenset(["inc", "corp", "ltd", "llc", "co", "st", "dr", "mr", "ms", "mrs", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs"])


class Subjects:
    """Finds whether a text opens with a name of a category as the subject of a news verb."""

    def __init__(self, rules: dict, tokenizer: Tokenizer) -> None:
        self.lead = rules["lead"]
        self._verbs = Phrases(tokenizer.forms(verb) for verb in rules["verbs"])
        self._not_before = Phrases(tokenizer.forms(word) for word in rules["not_before"])
        self._skip = Phrases(tokenizer.forms(word) for word in rules["skip"])

    def opens_with(self, folded: str, tokens: list[Token], mentions: list[Mention], concept_id: str) -> bool:
        """Return whether a mention of concept_id (the writer's own, not denied) is the subject of the text's opening."""
        forms = [token.form for token in tokens]
        for mention in mentions:
            first = mention.hit.first
            if tokens[first].start > self.lead:
                return False
            if mention.concept.id != concept_id or mention.negated or mention.other_party:
                continue
            before = forms[:first]
            if any(_ends_sentence(forms, index) for index in range(first)):
                return False
            if self._not_before.found_in(before) or self._verbs.found_in(before):
                return False
            last = tokens[mention.hit.last - 1]
            if folded[last.start : last.end].endswith("s") and not last.form.endswith("s"):
                return False  # "CDMOs", "contract manufacturers": the trade, not one vendor
            after = self._after(forms, mention.hit.last)
            return after < len(forms) and self._verbs.length_at(forms, after) > 0
        return False

    def _after(self, forms: list[str], index: int) -> int:
        """Return the index of the first token after the name's bracketed abbreviation and the words of `skip`."""
        while index < len(forms):
            if forms[index] in ("(", "（") and ")" in forms[index : index + 4]:
                index = forms.index(")", index) + 1
            elif length := self._skip.length_at(forms, index):
                index += length
            else:
                return index
        return index


def _ends_sentence(forms: list[str], index: int) -> bool:
    """Return whether the token at index ends a sentence: 。！？； always, a full stop after a word not abbreviated."""
    form = forms[index]
    if form in SENTENCE_ENDS:
        return True
    if form != "." or index == 0:
        return False
    word, following = forms[index - 1], forms[index + 1] if index + 1 < len(forms) else ""
    return len(word) >= 2 and word.isalnum() and word not in ABBREVIATED and following not in (",", ".") and not following.isdigit()

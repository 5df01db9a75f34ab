"""Term check of a translation: the glossary terms of a source segment set against its translation.

As translation QA tools check terms against a termbase (Xbench's key-term mismatch, Verifika's
terminology check), with what this glossary knows besides: statuses, regions and the senses of
an ambiguous abbreviation. Four rules, each an issue kind:

- `missing`: a term of the source whose concept has no name in the translation: none of its
  names in the target language (in either Chinese script, or of the other variety, which the
  next rules judge), nor an abbreviation of it; an ambiguous abbreviation that the translation
  writes as a name of one of its senses (CMO as 行銷長) is translated, unless the source says
  another sense itself (names it in full, or has a cue of it: Sense.stated); a Chinese name
  inside a longer word of the translation (原料药 in 原料药厂) counts, as Xbench finds it;
- `avoided`: a name in the translation that is deprecated or superseded, with the one to use,
  unless the source uses an avoided name of that concept too (a faithful "CFDA" for "CFDA");
- `wrong-region`: a name of the other Chinese variety (a mainland-only name, one that is not
  also a zh-Hant name, in a zh-Hant translation, or a Taiwan or Hong Kong one in zh-Hans),
  or a name of another region than the one the target declares (zh-Hant-TW, zh-Hant-HK), unless
  the concept is that region's own (all its zh-Hant names carry the region: TFDA, the Drug Office);
- `ambiguous-abbreviation`: an abbreviation with several senses left as it is in the
  translation, no name of its sense beside it, where the sense matters: the classifier's sense
  reader (senses.py) reads the source's abbreviation in an out-of-domain sense (the source names
  it, "Chief Marketing Officer (CMO)", calls it a role, "joins as CMO", or has one of its cues),
  or the senses left are more than one in-domain concept (CDE: China's or Taiwan's), and no cue
  beside the abbreviation in the translation says which (国家药监局CDE).

Both texts are matched with the same matcher (annotation.find_terms), so script, width and
spacing differences are not issues.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .annotation import Sense, find_terms, senses
from .classifier import Classifier
from .errors import InvalidText
from .glossary import Concept
from .matcher import TermMatch
from .senses import Sense as ReadSense
from .termbase.languages import Language
from .text import is_blank
from .translation_names import CHINESE, TranslationNames, counts_in
from .vocabulary import AVOIDED_STATUSES

RULES = ("missing", "avoided", "wrong-region", "ambiguous-abbreviation")
# The tags offered by the check page (parse_language(), which the CLI and the HTTP API use, reads more: any case,
# any English locale, names such as "Chinese (Taiwan)").
LANGUAGE_TAGS = (
    "en", "en-US", "en-GB",
    "zh-Hans", "zh-Hans-CN", "zh-Hans-SG", "zh-CN", "zh-SG",
    "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "zh-Hant-MO", "zh-TW", "zh-HK", "zh-MO",
)  # fmt: skip
REGION_NAMES = {"CN": "mainland China", "TW": "Taiwan", "HK": "Hong Kong", "MO": "Macao", "SG": "Singapore", "US": "the US", "GB": "the UK"}


@dataclass(frozen=True, slots=True)
class TermIssue:
    """One problem with a term: the rule, the concept, where it is in the source and the translation, what to use."""

    rule: str
    concept_id: str
    message: str
    source: TermMatch | None
    target: TermMatch | None
    suggestions: tuple[str, ...]
    # later places of the same name with the same issue in the translation: a name is one issue however often it
    # is written (as a source term is), so a short regional name repeated does not make an answer of thousands
    repeated: tuple[TermMatch, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceTerm:
    """A glossary term of the source: the match, the senses it is read as, and whether the translation has one."""

    match: TermMatch
    senses: tuple[Concept, ...]
    translated: bool


@dataclass(frozen=True, slots=True)
class TermCheck:
    """The terms found in a source segment and the issues of its translation."""

    terms: tuple[SourceTerm, ...]
    issues: tuple[TermIssue, ...]


class TermChecker:
    """Checks translations against the glossary through one matcher (built once with the core)."""

    def __init__(self, classifier: Classifier) -> None:
        self.matcher = classifier.matcher
        self._read = classifier.read  # the classifier's reading of a text: the sense of each shared abbreviation

    def check(self, source: str, target: str, source_language: Language, target_language: Language) -> TermCheck:
        """Return the source's glossary terms and every issue of the translation.

        Issues of the source's terms (missing, ambiguous-abbreviation) come first, in source order,
        then those of the translation's names (avoided, wrong-region), in translation order: one
        issue per name as written, at its first place, its later places in `repeated`.
        """
        for name, text in (("source", source), ("target", target)):
            if not isinstance(text, str) or is_blank(text):
                raise InvalidText(f"{name} is empty.")
        found = [m for m in (_in_language(m, source_language.lang) for m in find_terms(self.matcher, source)) if m]
        reading = self._read(source)
        read_as = {reading.span(m.hit.first, m.hit.last): m.sense for m in reading.mentions}
        translation = TranslationNames(find_terms(self.matcher, target), target_language.lang, target)
        terms, issues, reported, cache = [], [], set(), {}
        for match in found:
            read = read_as.get((match.start, match.end))
            intended = _intended(senses(match), read)
            wanted = frozenset(c.id for c in intended)
            present = translation.present(wanted)
            if not present and not (read and read.stated) and (rendered := _rendered_as(match, translation)):
                intended, wanted, present = rendered  # the translator's name of another sense settles what the source left open
            kept = _left_as_is(match, intended, wanted, translation)
            if kept and not any(c.out_of_domain for c in intended) and (told := self._sense_in(target, kept, cache)) in intended:
                intended, kept = (told,), None  # the translation's own context says which (国家药监局CDE): its readers can tell
            translated = bool(present) or translation.written_within(intended)
            terms.append(SourceTerm(match, intended, translated))
            rule = "ambiguous-abbreviation" if kept else None if translated else "missing"
            if rule and (rule, intended[0].id) not in reported:  # a term written many times is one issue: built once
                reported.add((rule, intended[0].id))
                issues.append(_ambiguity(match, intended, kept, target_language) if kept else _missing(match, intended, target_language))
        source_ids = {c.id for term in terms for c in term.senses}
        avoided_in_source = {s.concept.id for m in found for s in senses(m) if all(d.status in AVOIDED_STATUSES for d in s.matched)}
        first: dict[tuple[str, str, str], int] = {}  # (rule, concept, name as written) -> its issue's index in issues
        repeated: dict[int, list[TermMatch]] = {}
        for match in translation.matches:
            issue = _name_issue(match, source_ids, avoided_in_source, target_language)
            if issue is None or (issue.rule, issue.concept_id, match.start) in reported:  # two readings of one place
                continue
            reported.add((issue.rule, issue.concept_id, match.start))
            key = (issue.rule, issue.concept_id, match.text)
            if key in first:
                repeated.setdefault(first[key], []).append(match)
            else:
                first[key] = len(issues)
                issues.append(issue)
        for index, later in repeated.items():
            issues[index] = replace(issues[index], repeated=tuple(later))
        return TermCheck(tuple(terms), tuple(issues))

    def _sense_in(self, target: str, kept: TermMatch, cache: dict) -> Concept | None:
        """Return the sense the translation's own context states for the abbreviation at kept (a cue beside it), else None;
        the translation is read once, and only when an abbreviation it keeps has several in-domain senses."""
        if "read" not in cache:
            reading = self._read(target)
            cache["read"] = {reading.span(m.hit.first, m.hit.last): m.sense for m in reading.mentions}
        told = cache["read"].get((kept.start, kept.end))
        return told.concept if told is not None and told.stated else None


def _left_as_is(match: TermMatch, intended: tuple[Concept, ...], wanted: frozenset[str], translation: TranslationNames) -> TermMatch | None:
    """Return where the translation leaves an ambiguous abbreviation as it is, no name of its sense beside it,
    where the sense matters (an out-of-domain sense, or more than one left); None when it does not."""
    if not all(d.type == "abbreviation" for _, d in match.readings) or len({c.id for c, _ in match.readings}) < 2:
        return None
    if not (len(intended) > 1 or any(c.out_of_domain for c in intended)) or translation.has_full_name(wanted):
        return None
    return translation.first_kept(wanted, match.text)


def _rendered_as(match: TermMatch, translation: TranslationNames) -> tuple[tuple[Concept, ...], frozenset[str], tuple[int, ...]] | None:
    """Return the senses of an ambiguous abbreviation that the translation names (CMO as 首席营销官, CSO as
    合同销售组织), with their ids and places; None when it names none, or the name has one sense."""
    concepts = tuple(s.concept for s in senses(match))
    named = tuple(c for c in concepts if len(concepts) > 1 and translation.present(frozenset((c.id,))))
    return (named, frozenset(c.id for c in named), translation.present(frozenset(c.id for c in named))) if named else None


def _ambiguity(match: TermMatch, intended: tuple[Concept, ...], kept: TermMatch, language: Language) -> TermIssue:
    """Return the issue of an ambiguous abbreviation the translation keeps as it is (at kept)."""
    meant = " or ".join(f"{c.name('en')} ({(_usable((c,), language) or (c.name(language.lang),))[0]})" for c in intended)  # the region's name
    message = f"{match.text!r} is left as it is, but it has several senses; here it means {meant}: write the name, or add it beside."
    return TermIssue("ambiguous-abbreviation", intended[0].id, message, match, kept, _usable(intended, language))


def _intended(found: tuple[Sense, ...], read_as: ReadSense | None) -> tuple[Concept, ...]:
    """Return the senses the source means: the one the classifier's sense reader chose for a reason
    (named in full, a role, a cue), else the in-domain ones (CDE: China's or Taiwan's), else all."""
    concepts = tuple(s.concept for s in found)
    if len(concepts) == 1:
        return concepts
    if read_as is not None and read_as.reason and any(c.id == read_as.concept.id for c in concepts):
        return (read_as.concept,)
    return tuple(c for c in concepts if not c.out_of_domain) or concepts


def _in_language(match: TermMatch, lang: str) -> TermMatch | None:
    """Return match with only the readings that can stand in a text of lang (None when none can)."""
    readings = tuple(r for r in match.readings if counts_in(r[1], lang))
    return TermMatch(match.text, match.start, match.end, readings) if readings else None


def _usable(concepts: tuple[Concept, ...], language: Language) -> tuple[str, ...]:
    """Return the names to use in the target for concepts: not avoided, of the target's region or of none
    (with no region asked, as zh-Hant alone, every region's when the concept has only regional names)."""
    names = []
    for concept in concepts:
        lang = language.lang if language.lang in concept.languages else "zh-Hans" if language.lang in CHINESE else "en"
        usable = [d for d in concept.designations() if d.lang == lang and d.type != "abbreviation" and d.status not in AVOIDED_STATUSES]
        fitting = [d for d in usable if d.region in (None, language.region)]
        names += [d.text for d in (fitting or (usable if language.region is None else []))]
    return tuple(dict.fromkeys(names))


def _missing(match: TermMatch, intended: tuple[Concept, ...], language: Language) -> TermIssue:
    suggestions = _usable(intended, language)
    use = f": use {' or '.join(suggestions[:3])}" if suggestions else ""
    message = f"{match.text!r} ({intended[0].id}) has no glossary name in the translation{use}."
    return TermIssue("missing", intended[0].id, message, match, None, suggestions)


def _name_issue(match: TermMatch, source_ids: set[str], avoided_in_source: set[str], language: Language) -> TermIssue | None:
    """Return the issue of a name in the translation: avoided, or of the wrong variety or region; None when it is fine."""
    relevant = [(c, d) for c, d in match.readings if c.id in source_ids] or list(match.readings)
    concept = relevant[0][0]
    native = [d for c, d in relevant if d.lang == language.lang or d.type == "abbreviation"]
    if not native:
        others = [d for _, d in relevant if language.lang in CHINESE and d.lang in CHINESE]
        if not others or language.lang not in concept.languages:
            return None
        variety = "a mainland Chinese" if others[0].lang == "zh-Hans" else "a Taiwan or Hong Kong"
        return _issue("wrong-region", concept, match, language, f"{match.text!r} is {variety} name ({others[0].lang}), not {language.lang}")
    if all(d.status in AVOIDED_STATUSES for d in native) and concept.id not in avoided_in_source:
        name = native[0]
        message = f"{match.text!r} is a {name.status} name of {concept.id}: use {name.preferred}."
        return TermIssue("avoided", concept.id, message, None, match, (name.preferred,))
    regional = [d for c, d in relevant if d in native and d.region and language.region and d.region != language.region and not _own_region(c)]
    if regional and len(regional) == len(native):
        where = REGION_NAMES.get(regional[0].region, regional[0].region)
        return _issue("wrong-region", concept, match, language, f"{match.text!r} is {where} usage ({regional[0].region}), not {language.lang}-{language.region}")
    return None


def _own_region(concept: Concept) -> str | None:
    """Return the region whose own body or scheme concept is, or None: every Traditional Chinese name of it
    carries that one region (TFDA's 衛生福利部食品藥物管理署, Hong Kong's 衞生署藥物辦公室). Such a mark says
    whose the thing is, not how a region words it: these are the only names it has, in any region's text."""
    regions = {d.region for d in concept.designations() if d.lang == "zh-Hant" and d.type != "abbreviation"}
    return next(iter(regions)) if len(regions) == 1 and None not in regions else None


def _issue(rule: str, concept: Concept, match: TermMatch, language: Language, problem: str) -> TermIssue:
    suggestions = _usable((concept,), language)
    use = f": use {' or '.join(suggestions[:3])}" if suggestions else ""
    return TermIssue(rule, concept.id, f"{problem}{use}.", None, match, suggestions)

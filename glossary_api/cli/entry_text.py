"""A concept as `cxo lookup` prints it: every name with its status and region, the name to use
beside an avoided one, definitions, usage notes and sources, wrapped to the terminal's width.

Chinese takes two columns a character and has no spaces to break at, so lines are filled by
display width, breaking between any two Chinese characters or at a space, and never putting
closing punctuation (，。）) at the start of a line or an opening one (（「) at its end.
"""

from __future__ import annotations

import re
import shutil
import unicodedata

from ..glossary import Concept, Designation, LookupMatch
from ..vocabulary import AVOIDED_STATUSES

INDENT = 11  # the names and texts of a language start under the first name
_PIECES = re.compile(r"\s+|[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
_NO_LINE_START = set("，。、；：？！）」』》〉】,.;:?!)]")
_NO_LINE_END = set("（「『《〈【“‘")


def terminal_width() -> int:
    """Return the width to wrap to: the terminal's (or $COLUMNS), at least 40 columns."""
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def display_width(text: str) -> int:
    """Return how many columns text takes on a terminal: two for a wide (Chinese, full-width) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int, first: str = "", indent: int = INDENT) -> list[str]:
    """Return first + text as lines of at most width columns, the lines after the first indented.

    A closing mark that does not fit takes the character before it to the next line, and an
    opening one at the end of a line moves to the next; only a single word wider than the line
    overflows it.
    """
    margin = " " * indent
    lines: list[list[str]] = [[]]

    def used(line: list[str]) -> int:
        return display_width("".join(line)) + (indent if len(lines) > 1 else 0)

    def new_line(*carried: str) -> None:
        while lines[-1] and lines[-1][-1].isspace():
            lines[-1].pop()
        lines.append([p for p in carried if p])

    for piece in _PIECES.findall(first) + _PIECES.findall(" ".join(text.split())):
        line = lines[-1]
        if used(line) + display_width(piece) <= width or not "".join(line).strip():
            if not (piece.isspace() and not line and len(lines) > 1):
                line.append(piece)
        elif piece.isspace():
            new_line()
        elif piece[0] in _NO_LINE_START:  # take the character before along, or let the mark hang
            if len(line) > 1 and not line[-1].isspace() and display_width(line[-1]) == 2:
                new_line(line.pop(), piece)
            else:
                line.append(piece)
        elif line[-1] in _NO_LINE_END and len(line) > 1:
            new_line(line.pop(), piece)
        else:
            new_line(piece)
    return ["".join(line).rstrip() if number == 0 else (margin + "".join(line)).rstrip() for number, line in enumerate(lines)]


def describe_name(name: Designation) -> str:
    """Return 'text (lang, type[, region])', with the status and the name to use instead for an avoided one."""
    region = f", {name.region}" if name.region else ""
    if name.status in AVOIDED_STATUSES:
        return f"{name.text} ({name.lang}, {name.type}{region}, {name.status}: use {name.preferred})"
    return f"{name.text} ({name.lang}, {name.type}{region})"


def describe_match(match: LookupMatch, width: int | None = None) -> str:
    """Return a looked-up concept as text: what matched, then the whole entry."""
    width = width or terminal_width()
    concept = match.concept
    out = concept.out_of_domain and concept.category != "out-of-domain"  # the category mostly says it already
    state = f"{concept.category}{', out of domain' if out else ''}"
    matched = ", ".join(describe_name(d) for d in match.matched)
    folded = " (English inflection ignored)" if match.match == "inflection" else ""
    lines = wrap(f"matched: {matched}{folded}", width, f"{concept.id}  [{state}]  ", indent=2)
    lines += _names_and_texts(concept, width)
    for source in concept.sources:
        lines += wrap(f"{source.title} <{source.url}>", width, "  source: ", indent=10)
    return "\n".join(lines)


def _names_and_texts(concept: Concept, width: int) -> list[str]:
    names = concept.designations()
    lines = []
    abbreviations = [_short(d) for d in names if d.type == "abbreviation"]
    if abbreviations:
        lines += wrap("; ".join(abbreviations), width, "  abbreviations: ", indent=17)
    for lang, section in concept.languages.items():
        in_lang = [d for d in names if d.lang == lang and d.type != "abbreviation"]
        usable = [_with_region(d) for d in in_lang if d.status not in AVOIDED_STATUSES]
        lines += wrap(" / ".join(usable), width, f"  {lang:8} ", indent=INDENT)
        for status in AVOIDED_STATUSES:
            avoided = [_with_region(d) for d in in_lang if d.status == status]
            if avoided:
                lines += wrap(f"{', '.join(avoided)}: use {section.term}", width, " " * INDENT + f"{status}: ")
        for label, text in (("", section.definition), ("note: ", section.note)):
            if text:
                lines += wrap(text, width, " " * INDENT + label)
    return lines


def _with_region(name: Designation) -> str:
    return f"{name.text} ({name.region})" if name.region else name.text


def _short(name: Designation) -> str:
    text = _with_region(name)
    return f"{text} ({name.status}: use {name.preferred})" if name.status in AVOIDED_STATUSES else text

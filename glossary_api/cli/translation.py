"""`cxo check-translation`: the term check of a bilingual file (CSV/TSV, XLIFF, TMX), reported as a table, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from ..bilingual import FORMATS, BilingualFile, read_bilingual
from ..errors import CXOError, InvalidLanguage
from ..extras import MissingExtra
from ..term_check import RULES, TermCheck, TermChecker
from ..termbase.languages import Language, parse_language
from .entry_text import display_width, terminal_width, wrap
from .lazy_core import LazyCore, pass_core

REPORT_COLUMNS = ("segment", "rule", "concept_id", "source_term", "target_term", "suggestions", "message")


@click.command("check-translation")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source-lang", metavar="TAG", help="Language of the source, over what the file says (en, zh-Hans, zh-Hant, zh-CN...).")
@click.option("--target-lang", metavar="TAG", help="Language of the translation, over what the file says; with a region where it matters: zh-Hant-TW, zh-Hant-HK.")
@click.option("--format", "report_format", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True, help="How to print the report.")
@click.option("--input-format", type=click.Choice(sorted(set(FORMATS.values()))), help="Format of FILE when its extension does not say.")
@pass_core
def check_translation(core: LazyCore, path: Path, source_lang: str | None, target_lang: str | None, report_format: str, input_format: str | None) -> None:
    """Check the glossary terms of every translated segment of FILE; exit status 1 when there are issues, 2 on an error.

    \b
    FILE is a two-column CSV or TSV (source, translation; a first row of language tags names
    the languages), XLIFF 1.2 or 2.0, or TMX (the last two need the translators extra).
    Reported: a source term with no glossary name in the translation (missing), a deprecated or
    superseded name (avoided), a name of the other Chinese variety or of another region
    (wrong-region), an ambiguous abbreviation left as it is (ambiguous-abbreviation).
    \b
      cxo check-translation press-release.xlf
      cxo check-translation pairs.csv --source-lang en --target-lang zh-Hant-HK --format csv
    """
    try:
        segments = read_bilingual(path, input_format, target_lang)
        source, target = _languages(segments, source_lang, target_lang)
        checker = TermChecker(core.classifier)  # the glossary is read here: a broken one is an error, not issues found
        checks = [(segment.where, checker.check(segment.source, segment.target, source, target)) for segment in segments.segments]
    except MissingExtra:
        raise  # the group says which extra, exit status 2 too
    except (CXOError, OSError) as error:
        raise CheckFailed(str(error)) from None
    if report_format == "json":
        click.echo(json.dumps(_json_report(checks, segments, source, target), ensure_ascii=False, indent=2))
    elif report_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(REPORT_COLUMNS)
        writer.writerows(_rows(checks))
    else:
        click.echo("\n".join(_table(list(_rows(checks)), terminal_width())))
    issues = sum(len(check.issues) for _, check in checks)
    by_rule = ", ".join(f"{rule} {n}" for rule in RULES if (n := sum(i.rule == rule for _, c in checks for i in c.issues)))
    untranslated = f"; {segments.untranslated} untranslated left out" if segments.untranslated else ""
    click.echo(f"{path.name}: {len(checks)} segments checked, {issues} issue{'s' * (issues != 1)}{f' ({by_rule})' if by_rule else ''}{untranslated}.", err=True)
    if issues:
        sys.exit(1)


class CheckFailed(click.ClickException):
    """An error of `cxo check-translation`: status 2, since 1 says the check found issues (as diff's and grep's 1 does)."""

    exit_code = 2


def _languages(segments: BilingualFile, source_lang: str | None, target_lang: str | None) -> tuple[Language, Language]:
    """Return the source and target languages: the options', else the file's; one line of error when neither says."""
    found = []
    for option, given, from_file in (("--source-lang", source_lang, segments.source_lang), ("--target-lang", target_lang, segments.target_lang)):
        tag = given or from_file
        if not tag:
            raise CheckFailed(f"the file does not name its languages; give {option}.")
        try:
            found.append(parse_language(tag))
        except InvalidLanguage as error:
            raise CheckFailed(f"{option if given else 'the file'}: {error}") from None
    return found[0], found[1]


def _rows(checks: list[tuple[str, TermCheck]]) -> list[list[str]]:
    return [
        [where, issue.rule, issue.concept_id, issue.source.text if issue.source else "", issue.target.text if issue.target else "", "; ".join(issue.suggestions), issue.message]
        for where, check in checks
        for issue in check.issues
    ]


def _table(rows: list[list[str]], width: int) -> list[str]:
    """Return the issues as a table: segment, rule and term in columns, the message wrapped under them."""
    if not rows:
        return ["No issues."]
    header = [REPORT_COLUMNS[0], REPORT_COLUMNS[1], *[""] * 4, REPORT_COLUMNS[-1]]
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in (0, 1)]
    lines = []
    for row in [header, *rows]:
        first = "".join(cell + " " * (w + 2 - display_width(cell)) for cell, w in zip(row[:2], widths))
        lines += wrap(row[-1], width, first, indent=len(first))
    return lines


def _json_report(checks: list[tuple[str, TermCheck]], segments: BilingualFile, source: Language, target: Language) -> dict:
    from ..web.api.translation_schemas import CheckBatchResultSchema

    results = [{"index": index, "id": where, "issues": check.issues, "terms": check.terms} for index, (where, check) in enumerate(checks)]
    return {
        "source_lang": _tag(source),
        "target_lang": _tag(target),
        "untranslated": segments.untranslated,
        "results": CheckBatchResultSchema(many=True).dump(results),
    }


def _tag(language: Language) -> str:
    return f"{language.lang}-{language.region}" if language.region else language.lang


COMMANDS = (check_translation,)

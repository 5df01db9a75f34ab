"""`cxo export`, `cxo import`, `cxo check`: the glossary as a termbase, from the shell."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..termbase import FORMATS, check_glossary, export_termbase, plan_import, read_termbase
from ..terms_format import load_glossary
from ..vocabulary import CATEGORIES, LANGUAGES
from .lazy_core import LazyCore, pass_core


@click.command()
@click.option("--format", "-f", "export_format", required=True, type=click.Choice(list(FORMATS)), help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))
@click.option("--source", default="en", show_default=True, type=click.Choice(LANGUAGES), help="Source language.")
@click.option("--target", type=click.Choice(LANGUAGES), help="Target language.  [default: every other language; the first for tsv]")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="File to write.  [default: standard output]")
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
@pass_core
def export(core: LazyCore, export_format: str, source: str, target: str | None, output: Path | None, force: bool) -> None:
    """Write the glossary as a termbase for CAT tools: TBX v3 or v2, CSV or Excel (memoQ, Trados), OmegaT TSV.

    \b
      cxo export -f tbx -o cxo.tbx
      cxo export -f tsv --source en --target zh-Hant > glossary.utf8
    """
    _refuse_overwrite(output, force)  # before the export is built: a translator's edited termbase is not lost
    result = export_termbase(core.glossary, export_format, source, target)
    if output is None:
        if FORMATS[export_format].binary and sys.stdout.isatty():
            raise click.UsageError(f"{export_format} is a binary file; give --output FILE (e.g. --output {result.filename}).")
        click.echo(result.content, nl=False)  # bytes go to the binary stream as they are
    else:
        try:
            output.write_bytes(result.content)
        except OSError as error:
            raise click.ClickException(f"--output: cannot write {output}: {error.strerror or error}.") from None
        click.echo(f"Wrote {output} ({FORMATS[export_format].description}, {len(core.glossary)} concepts).", err=True)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="YAML file to write.  [default: standard output]")
@click.option("--category", type=click.Choice(CATEGORIES), help="Category of new concepts whose entry names no known subject field.")
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
@pass_core
def import_command(core: LazyCore, path: Path, output: Path | None, category: str | None, force: bool) -> None:
    """Turn a termbase (TBX, CSV/TSV, Excel) into terms/ entries to review: new concepts, new names, conflicts.

    Nothing in terms/ changes: the entries go to --output or standard output, the report to
    standard error. New concepts are complete entries; an existing concept is shown whole with
    the names added, to replace its entry in the file its comment names.
    """
    if output is not None:
        terms_dir = Path(core.settings["TERMS_DIR"]).resolve()
        if output.resolve().parent == terms_dir:
            raise click.UsageError(f"--output: {output} is in the glossary folder; write the import elsewhere and review it first.")
        _refuse_overwrite(output, force)
    plan = plan_import(read_termbase(path), core.glossary, path.name, category)
    if output is None:
        click.echo(plan.to_yaml(), nl=False)
    else:
        output.write_text(plan.to_yaml(), encoding="utf-8")
    for conflict in plan.conflicts:
        click.echo(f"Conflict: {conflict}", err=True)
    click.echo(plan.summary() + (f" Written to {output}." if output else ""), err=True)


@click.command()
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@pass_core
def check(core: LazyCore, folder: Path | None) -> None:
    """Check the glossary (FOLDER, or the configured terms/) for consistency; exit 1 on any error.

    Both definitions, subject fields without an ambiguous abbreviation, existing broader and
    related ids, traditional script in zh-Hant names and simplified in zh-Hans, definitions that
    say more than the term, no name both fine and avoided, no stray spaces in Chinese text,
    sources for every in-domain concept.
    """
    glossary = load_glossary(folder) if folder else core.glossary
    findings = check_glossary(glossary)
    for finding in findings:
        click.echo(str(finding))
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    click.echo(f"{len(glossary)} concepts: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}.", err=True)
    if errors:
        sys.exit(1)


COMMANDS = (export, import_command, check)


def _refuse_overwrite(output: Path | None, force: bool) -> None:
    """Raise a one-line error when --output is a file that exists and --force was not given (/dev/null and pipes are no files)."""
    if output is not None and output.is_file() and not force:
        raise click.ClickException(f"--output: {output} exists; give --force to overwrite it.")

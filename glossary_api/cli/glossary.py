"""`cxo serve`, `lookup`, `search`, `classify`, `eval`: the glossary and the classifier from the shell."""

from __future__ import annotations

import json
import sys

import click

from ..classifier import Decision
from ..glossary import Designation, LookupMatch
from ..vocabulary import AVOIDED_STATUSES, LANGUAGES
from .lazy_core import LazyCore, pass_core

GUNICORN_CONF = "glossary_api.web.gunicorn_conf"  # the serving settings, shared with the Docker image


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="gunicorn worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the HTTP API with gunicorn as the Docker image does (glossary_api/web/gunicorn_conf.py)."""
    from gunicorn import util
    from gunicorn.app.base import Application

    class Server(Application):
        def load_config(self) -> None:
            self.load_config_from_module_name_or_filename(f"python:{GUNICORN_CONF}")
            self.cfg.set("bind", [f"{host}:{port}"])
            self.cfg.set("workers", workers)

        def load(self):  # noqa: ANN202 - gunicorn's hook; runs once, in the master (preload)
            return util.import_app(self.cfg.wsgi_app)

    Server().run()


@click.command()
@click.argument("term")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@pass_core
def lookup(core: LazyCore, term: str, as_json: bool) -> None:
    """Show every concept one of whose names is TERM (English, 简体 or 繁體)."""
    matches = core.glossary.lookup(term)
    if as_json:
        from ..web.api.schemas import LookupOutSchema

        click.echo(json.dumps(LookupOutSchema().dump({"query": term, "matches": matches}), ensure_ascii=False, indent=2))
    elif not matches:
        raise click.ClickException(f"No concept is called {term!r}; try `cxo search {term!r}` for near matches.")
    else:
        click.echo("\n\n".join(_describe_match(m) for m in matches))


@click.command()
@click.argument("query")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Only names in this language.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@pass_core
def search(core: LazyCore, query: str, lang: str | None, limit: int) -> None:
    """List concepts whose names match QUERY exactly, by prefix, inside, or with a typo."""
    hits = core.glossary.search(query, lang, limit)
    if not hits:
        raise click.ClickException(f"Nothing in the glossary matches {query!r}.")
    for hit in hits:
        click.echo(f"{hit.score:5.2f}  {hit.match:9}  {hit.concept.id:32}  {hit.matched.text} ({hit.matched.lang})")


@click.command()
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON, as POST /v1/classify returns it.")
@pass_core
def classify(core: LazyCore, text: str | None, as_json: bool) -> None:
    """Label TEXT (or standard input) as CRO, CMO, CDMO, CSO or NONE, and show the evidence."""
    if text is None:
        text = sys.stdin.read()
    decision = core.classifier.classify(text)
    if as_json:
        from ..web.api.schemas import DecisionSchema

        click.echo(json.dumps(DecisionSchema().dump(decision), ensure_ascii=False, indent=2))
    else:
        click.echo(_describe_decision(decision))


@click.command("eval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@pass_core
def evaluate_command(core: LazyCore, path: str) -> None:
    """Score the classifier on a labelled JSON Lines file ({"id", "text", "label"} per line)."""
    from ..evaluation import evaluate, format_report, read_labelled

    click.echo(format_report(evaluate(core.classifier, read_labelled(path))))


def _describe_decision(decision: Decision) -> str:
    scores = "  ".join(f"{label} {score:g}" for label, score in decision.scores.items())
    lines = [f"{decision.label}" + (f"  (also: {', '.join(decision.labels[1:])})" if len(decision.labels) > 1 else ""), f"scores: {scores}"]
    for item in decision.evidence:
        state = item.reason_ignored or ""
        signals = ", ".join(f"{facet} +{weight:g}" for facet, weight in item.signals.items()) or "no signal"
        lines.append(f"  [{item.start}:{item.end}] {item.text!r} -> {item.concept_id} ({signals}){'  ' + state if state else ''}")
    return "\n".join(lines)


def _describe_name(name: Designation) -> str:
    """Return 'text (lang, type)', with the status and the term to use instead for an avoided name."""
    if name.status in AVOIDED_STATUSES:
        return f"{name.text} ({name.lang}, {name.type}, {name.status}: use {name.preferred})"
    return f"{name.text} ({name.lang}, {name.type})"


def _describe_match(match: LookupMatch) -> str:
    concept = match.concept
    matched = ", ".join(_describe_name(d) for d in match.matched)
    lines = [f"{concept.id}  [{concept.category}{', out of domain' if concept.out_of_domain else ''}]  matched: {matched}"]
    if concept.abbreviations:
        lines.append(f"  abbreviations: {', '.join(concept.abbreviations)}")
    for lang, section in concept.languages.items():
        names = " / ".join((section.term, *section.synonyms))
        lines.append(f"  {lang:8} {names}")
        if section.definition:
            lines.append(f"           {section.definition}")
    return "\n".join(lines)


COMMANDS = (serve, lookup, search, classify, evaluate_command)

"""`cxo serve`, `lookup`, `search`, `classify`, `eval`: the glossary and the classifier from the shell."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..classifier import Decision
from ..config import web_concurrency
from ..text import is_blank
from ..vocabulary import LANGUAGES
from .entry_text import describe_match
from .lazy_core import LazyCore, pass_core

GUNICORN_CONF = "glossary_api.web.gunicorn_conf"  # the serving settings, shared with the Docker image


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="gunicorn worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the HTTP API with gunicorn as the Docker image does (glossary_api/web/gunicorn_conf.py)."""
    web_concurrency()  # --workers sets the count, but gunicorn reads WEB_CONCURRENCY when imported: a word there is a traceback
    from gunicorn import util
    from gunicorn.app.base import Application

    check_can_listen(host, port)

    class Server(Application):
        def load_config(self) -> None:
            self.load_config_from_module_name_or_filename(f"python:{GUNICORN_CONF}")
            self.cfg.set("bind", [f"{host}:{port}"])
            self.cfg.set("workers", workers)

        def load(self):  # gunicorn's hook; runs once, in the master (preload)
            return util.import_app(self.cfg.wsgi_app)

    Server().run()


def check_can_listen(host: str, port: int) -> None:
    """Raise a one-line ClickException when host:port cannot be listened on, before gunicorn tries.

    gunicorn logs every failed bind and retries five times, a second apart, before giving up. This
    binds a socket the way gunicorn does (its address parsing and socket family, SO_REUSEADDR) and
    closes it again. It is a check, not a reservation: a server that takes the port in between still
    meets gunicorn's own messages.
    """
    import errno
    import socket

    from gunicorn import util

    address = util.parse_address(f"{host}:{port}")  # as gunicorn reads the bind cxo serve gives it
    family = socket.AF_INET6 if util.is_ipv6(address[0]) else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            reason = "the address is in use (another server is running there?); give another --port"
        else:  # a host not on this machine, a port below 1024, a name that does not resolve
            reason = error.strerror or str(error)
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}.") from None


@click.command()
@click.argument("term")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@pass_core
def lookup(core: LazyCore, term: str, as_json: bool) -> None:
    """Show every concept one of whose names is TERM (English, 简体 or 繁體): names with status and region, notes, sources."""
    _not_blank(term, "TERM")
    matches = core.glossary.lookup(term)
    if as_json:
        from ..web.api.schemas import LookupOutSchema

        click.echo(json.dumps(LookupOutSchema().dump({"query": term, "matches": matches}), ensure_ascii=False, indent=2))
    elif matches:
        click.echo("\n\n".join(describe_match(m) for m in matches))
    if not matches:  # with --json too: the status says it, as the empty list does
        raise click.ClickException(f"No concept is called {term!r}; try `cxo search {term!r}` for near matches.")


def _not_blank(value: str, name: str, wanted: str = "a name, an abbreviation or words to look for") -> None:
    """Refuse an empty or blank argument as a usage error (status 2), as the API refuses it (422)."""
    if is_blank(value):
        raise click.BadParameter(f"it is empty; give {wanted}.", param_hint=name)


@click.command()
@click.argument("query")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Only names in this language.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@pass_core
def search(core: LazyCore, query: str, lang: str | None, limit: int) -> None:
    """List concepts whose names match QUERY exactly, by prefix, inside, or with a typo."""
    _not_blank(query, "QUERY")
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
    source = "TEXT" if text is not None else "standard input"
    text = text if text is not None else _read_stdin()
    _not_blank(text, source, "a service description to classify")
    decision = core.classifier.classify(text)
    if as_json:
        from ..web.api.classify_schemas import DecisionSchema

        click.echo(json.dumps(DecisionSchema().dump(decision), ensure_ascii=False, indent=2))
    else:
        click.echo(_describe_decision(decision))


def _read_stdin() -> str:
    """Return standard input decoded as UTF-8 (a byte-order mark allowed); a ClickException when it is not UTF-8."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(
            f"standard input is not UTF-8 text (byte {error.start}); convert it first, e.g. iconv -f GB18030 -t UTF-8."
        ) from None


@click.command("eval")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_core
def evaluate_command(core: LazyCore, paths: tuple[Path, ...]) -> None:
    """Score the classifier on labelled JSON Lines files ({"id", "text", "label"} per line), each on its own.

    A folder is one set: its .jsonl files together. For each set: macro-F1 and accuracy overall,
    per language, with the category names masked and on acronym traps; then per-label precision,
    recall and F1 and the confusion matrix. The labelled sets are in the repository's tests/data/
    (not in the installed package):
    `cxo eval tests/data/train tests/data/dev` from the root of a clone.
    """
    from ..evaluation import evaluate, format_report, format_slices, read_labelled, slices

    for path in paths:
        if not path.exists():
            raise click.UsageError(
                f"{path}: no such file or folder. The labelled sets are in the repository's tests/data/, not in the installed package: "
                "run cxo eval from the root of a clone, or give the file's full path."
            )
    for number, path in enumerate(paths):
        items = read_labelled(path)
        if not items:
            raise click.ClickException(f"{path}: no labelled items (a JSON object per line: id, text, label).")
        heading = f"== {path}\n" if len(paths) > 1 else ""
        click.echo(("\n" if number else "") + heading + format_slices(slices(core.classifier, items)) + "\n")
        click.echo(format_report(evaluate(core.classifier, items)))


SHOWN_EVIDENCE = 12  # pieces of evidence `cxo classify` prints; --json gives every piece the decision lists (CXO_MAX_EVIDENCE)


def _describe_decision(decision: Decision) -> str:
    """Return a decision for people: the label, each label's confidence, and the evidence that weighed most for the label."""
    also = f"  (also: {', '.join(decision.labels[1:])})" if len(decision.labels) > 1 else ""
    if decision.outside_pharma:
        also += "  (no sign of medicines in the text, so outside the sector; the confidences are the weights' own reading)"
    elif decision.overruled:
        why = f"the text opens as a {decision.label}'s news" if decision.named_subject else "the category the text names"
        also += f"  ({why}; the weights' strongest is {decision.overruled})"
    confidence = "  ".join(f"{label} {p:.2f}" for label, p in decision.confidence.items())
    lines = [decision.label + also, f"confidence: {confidence}", f"evidence, strongest for {decision.label} first:"]
    ranked = sorted(decision.evidence, key=lambda item: -abs(item.weights.get(decision.label, 0.0)))
    for item in ranked[:SHOWN_EVIDENCE]:
        where = f"[{item.start}:{item.end}] {item.text!r}" if item.text is not None else "(whole text)"
        states = [f"read as {item.concept_id}: {item.sense}" if item.sense else "", "negated" if item.negated else ""]
        state = "; ".join(s for s in states if s)
        lines.append(f"  {item.weights.get(decision.label, 0.0):+.2f}  {where} {item.feature}{'  (' + state + ')' if state else ''}")
    shown = min(len(ranked), SHOWN_EVIDENCE)
    hidden, listed = decision.evidence_total - shown, len(decision.evidence) - shown  # --json lists the decision's evidence
    if hidden > 0:
        if listed == hidden:
            where = "cxo classify --json lists them with their weights for every label"
        elif listed > 0:
            where = f"cxo classify --json lists the next {listed} with their weights for every label; raise CXO_MAX_EVIDENCE for the rest"
        else:
            where = "raise CXO_MAX_EVIDENCE, and cxo classify --json lists them with their weights for every label"
        lines.append(f"  ... and {hidden} more ({where})")
    return "\n".join(lines)


@click.command()
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("tests/data"), show_default=True,
              help="Folder with train/ (fits the weights) and dev/ (calibrates them): .jsonl files, one per round.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Weights file to write.  [default: _weights.tsv in the glossary folder]")
def train(corpus: Path, output: Path | None) -> None:
    """Learn the classifier's weights from the labelled corpus and write them (needs the train extra).

    The same corpus and the same package versions give the same file, byte for byte on one machine (on
    another, a weight can round one unit off in its last place).
    """
    from ..classifier import load_core
    from ..config import load_settings
    from ..evaluation import read_labelled
    from ..extras import require
    from ..model import WEIGHTS_FILE, write_model
    from ..training import TrainingOptions, corpus_paths
    from ..training import train as fit

    require("sklearn", "cxo train")
    settings = load_settings()
    classifier = load_core(settings, weights=False).classifier
    train_set, dev_set = corpus_paths(corpus)
    model = fit(classifier, read_labelled(train_set), read_labelled(dev_set), TrainingOptions())
    target = output or Path(settings["TERMS_DIR"]) / WEIGHTS_FILE
    write_model(model, target, HEADER)
    click.echo(f"Wrote {target}: {model.settings['features']}; temperature {model.temperature:g}, threshold {model.threshold:g}.", err=True)


HEADER = (
    "The classifier's learned weights: written by `cxo train` from tests/data/train/ (calibrated on tests/data/dev/).",
    "Do not edit by hand: fix the corpus or the glossary and train again. One row per feature: its idf, then its",
    "weight for each label. Features: concept:<id> (a glossary name read in-domain), not:... (denied by a negation),",
    "offtopic:concept:<id>, other:concept:<id> (another party's), sense:out-of-domain, signal:<facet>, w:<word>,",
    "c:<two Han characters>, ctx:<kind of text>.",
)


COMMANDS = (serve, lookup, search, classify, evaluate_command, train)

"""The pages' views: each reads its query or form, makes one core call, and renders a template."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request

from ...errors import InvalidLanguage, InvalidText
from ...term_check import LANGUAGE_TAGS
from ...termbase.languages import parse_language
from ...termbase.script import writing_language
from ...text import is_blank
from ...vocabulary import CATEGORIES, LANGUAGES
from .. import classifier, glossary
from ..api.translation import checker
from .marks import cut, mark_decision

bp = Blueprint("pages", __name__, template_folder="templates", static_folder="static", static_url_path="/assets")

# What a page may load: its own origin's files only, no inline script or style (the production
# policy, web/headers.py in deployment, says the same; a page states it itself so that a browser
# holds it to that wherever it is served).
PAGE_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
# The API reference's also lets Swagger UI's stylesheet draw its icons, which it holds as data: images.
DOCS_POLICY = PAGE_POLICY.replace("default-src 'self';", "default-src 'self'; img-src 'self' data:;")
MAX_QUERY = 200  # characters of a search, as the API's
RESULTS = 20  # search results a page shows


@bp.after_request
def content_security_policy(response: Response) -> Response:
    """Give every page the content security policy, unless the view set its own."""
    response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
    return response


@bp.get("/")
def index() -> str:
    """The home page: a search box and, for ?q=, the results (the form works without JavaScript)."""
    return render_template("index.html", **_search(request.args))


@bp.get("/search")
def search_results() -> str:
    """The results part of the home page alone, which the page's script puts in place as you type."""
    return render_template("results.html", **_search(request.args))


def _search(args: dict) -> dict:
    query, lang = args.get("q", "").strip(), args.get("lang") or None
    if len(query) > MAX_QUERY:
        abort(422, f"A search is at most {MAX_QUERY} characters; this one has {len(query)}.")
    if lang not in (None, *LANGUAGES):
        abort(422, f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}.")
    if not query:
        return {"query": "", "lang": lang, "hits": [], "senses": [], "limit": RESULTS}
    return {"query": query, "lang": lang, "hits": glossary().search(query, lang, RESULTS), "senses": glossary().senses(query), "limit": RESULTS}


@bp.get("/terms/<concept_id>")
def term(concept_id: str) -> str:
    """A concept card: names per language with status and region, definitions side by side, notes, relations, sources."""
    concept = glossary().get(concept_id)  # ConceptNotFound: the 404 page, with suggestions
    names = {lang: [n for n in concept.designations() if n.lang == lang and n.type != "abbreviation"] for lang in concept.languages}
    abbreviations = [n for n in concept.designations() if n.type == "abbreviation"]
    related = {relation: [glossary().get(i) for i in getattr(concept, relation)] for relation in ("broader", "related")}
    return render_template(
        "term.html", concept=concept, names=names, abbreviations=abbreviations, related=related, other_senses=glossary().other_senses(concept)
    )


@bp.get("/browse")
def browse() -> str:
    """Every concept by category, or those of one (?category=)."""
    category = request.args.get("category") or None
    if category not in (None, *CATEGORIES):
        abort(404, f"There is no category {category!r}; the categories are {', '.join(CATEGORIES)}.")
    groups = {c: glossary().concepts(c) for c in CATEGORIES if category in (None, c)}
    counts = {c: len(glossary().concepts(c)) for c in CATEGORIES}
    return render_template("browse.html", category=category, groups=groups, counts=counts, total=len(glossary()))


@bp.route("/classify", methods=["GET", "POST"])
def classify() -> tuple[str, int] | str:
    """Classify descriptions pasted one per line: each one's label, other labels, and its text with the evidence marked."""
    text = request.form.get("text", "")
    limit = current_app.config["MAX_PAGE_DESCRIPTIONS"]
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1) if not is_blank(line)]
    results, error = [], None
    for number, line in lines[:limit]:
        try:
            decision = classifier().classify(line)
        except InvalidText as invalid:
            results, error = [], f"Line {number}: {invalid}"  # numbered as the box shows it, blank lines too
            break
        results.append({"text": line, "lang": writing_language(line), "decision": decision, "marked": mark_decision(line, decision)})
    if request.method == "POST" and not lines:
        error = "Paste a description to classify: one per line."
    page = render_template("classify.html", text=text, results=results, error=error, left_out=max(0, len(lines) - limit), limit=limit)
    return (page, 422) if error else page


@bp.route("/check", methods=["GET", "POST"])
def check() -> tuple[str, int] | str:
    """The term check of a translation: the source's glossary terms, and the translation's issues, marked in both texts."""
    form = {"source": "", "target": "", "source_lang": "en", "target_lang": "zh-Hans", **request.form.to_dict()}
    result, error = None, None
    if request.method == "POST":
        try:
            for name in ("source", "target"):
                _within_limit(name, form[name])
            languages = parse_language(form["source_lang"]), parse_language(form["target_lang"])
            result = checker().check(form["source"], form["target"], *languages)
        except (InvalidLanguage, InvalidText) as invalid:
            error = str(invalid)
    marked = None
    if result is not None:
        source_marks = [(t.match.start, t.match.end, t) for t in result.terms]
        target_marks = [(m.start, m.end, i) for i in result.issues if i.target is not None for m in (i.target, *i.repeated)]
        marked = {"source": cut(form["source"], source_marks), "target": cut(form["target"], target_marks)}
    page = render_template("check.html", form=form, tags=LANGUAGE_TAGS, result=result, marked=marked, error=error)
    return (page, 422) if error else page


def _within_limit(name: str, text: str) -> None:
    """Raise InvalidText when a text of the check form is longer than a text may be (CXO_MAX_TEXT_LENGTH, as /v1/check and /classify)."""
    limit = classifier().max_text_length
    if len(text) > limit:
        raise InvalidText(f"{name} is {len(text)} characters long; the limit is {limit}.")


@bp.get("/docs")
def docs() -> tuple[str, dict]:
    """The API reference: Swagger UI, vendored in static/swagger-ui/, over /openapi.json."""
    return render_template("docs.html"), {"Content-Security-Policy": DOCS_POLICY}

"""terms/ on disk: the file formats and load_terms() -> Terms (termbase/terms_yaml.py writes entries back).

The folder holds the glossary (every `*.yaml` file not starting with "_", a list of concepts
each) and the classifier's rules (`_classifier.yaml`). This module is the one place that reads
it: every file is parsed here, validated with marshmallow, and refused with a message that
names the file, the line or the entry, and the field. One fingerprint covers the whole folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .classifier_rules import RulesSchema
from .errors import GlossaryFileError
from .glossary import Concept, Glossary, LanguageSection, Source
from .text import FORMAT_CHARACTERS
from .vocabulary import AVOIDED_STATUSES, CATEGORIES, FACETS, LANGUAGES, REGIONS, SLUG

RULES_FILE = "_classifier.yaml"  # the classifier's rules (classifier_rules.py); every other *.yaml holds concepts
# libyaml's safe loader when PyYAML was built with it: ten times faster at start-up.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# As a pattern it matches any text with a character that is neither a space nor an invisible format
# character (which text.normalize() drops, so "\u200b" alone is as blank as " "); "" too is blank. The
# spaces are spelled out (those str.isspace() knows) because \s differs between Python and the
# ECMA-262 regexes of clients.
_BLANK = "\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000" + FORMAT_CHARACTERS
NOT_BLANK = validate.Regexp(f"[{_BLANK}]*[^{_BLANK}]", error="Must not be blank.")


@dataclass(frozen=True)
class Terms:
    """Everything terms/ holds: the concepts, the classifier's rules, and one fingerprint of the folder.

    The fingerprint is a digest of the name and bytes of every file the core reads from the
    folder (concept files, the rules, learned weights): the ETag of the API and the resume check
    of bulk runs both use it, so either changes whenever anything that could change an answer does.
    """

    folder: Path
    concepts: list[Concept]
    rules: dict | None  # None when the folder has no rules file: a glossary to look up, nothing to classify with
    fingerprint: str

    def glossary(self) -> Glossary:
        """Return the glossary of these concepts (the index is built here: a few milliseconds).

        The glossary's own checks (a full name of two concepts, a reference to no concept) name a concept's
        file as the concepts know it, by its name; here it is given its folder, as the loader's messages are.
        """
        try:
            return Glossary(self.concepts, fingerprint=self.fingerprint)
        except GlossaryFileError as error:
            raise GlossaryFileError(f"{self.folder / str(error)}") from None


# --- the concept files ------------------------------------------------------------------------


class NameField(fields.Field):
    """A name: a string, or a mapping {text, region} (and `status` for an abbreviation)."""

    def __init__(self, *, with_status: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.with_status = with_status

    def _deserialize(self, value: object, attr: str | None, data: object, **kwargs: object) -> dict:
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict):
            raise ValidationError("Must be a string or a mapping with 'text'.")
        allowed = {"text", "region"} | ({"status"} if self.with_status else set())
        unknown = set(value) - allowed
        if unknown:
            raise ValidationError(f"Unknown key(s) {', '.join(sorted(map(str, unknown)))}; allowed: {', '.join(sorted(allowed))}.")
        text = value.get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > 200:
            raise ValidationError("'text' must be a non-blank string of at most 200 characters.")
        region = value.get("region")
        if region is not None and region not in REGIONS:
            raise ValidationError(f"region must be one of {', '.join(REGIONS)}.")
        status = value.get("status", "admitted")
        if status not in ("admitted", *AVOIDED_STATUSES):
            raise ValidationError(f"status must be one of admitted, {', '.join(AVOIDED_STATUSES)}.")
        return {"text": text.strip(), "region": region, "status": status}


def _names(**kwargs: object) -> fields.List:
    return fields.List(NameField(**kwargs), load_default=list)


class LanguageSectionSchema(Schema):
    """The names and definition a concept has in one language."""

    term = NameField(required=True)
    synonyms = _names()  # admitted
    deprecated = _names()
    superseded = _names()  # former names, replaced by the term
    definition = fields.String(validate=[validate.Length(min=10, max=1200), NOT_BLANK])
    note = fields.String(validate=validate.Length(min=1, max=1200))


class SourceSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=3, max=300))
    url = fields.Url(required=True, schemes={"http", "https"})


class ConceptEntrySchema(Schema):
    """One concept as written in a terms/*.yaml file."""

    id = fields.String(required=True, validate=validate.Regexp(SLUG, error="Must be a slug like 'process-development'."))
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    out_of_domain = fields.Boolean(load_default=False)
    abbreviations = _names(with_status=True)
    en = fields.Nested(LanguageSectionSchema, required=True)
    zh_hans = fields.Nested(LanguageSectionSchema, required=True, data_key="zh-Hans")
    zh_hant = fields.Nested(LanguageSectionSchema, data_key="zh-Hant")
    broader = fields.List(fields.String(validate=validate.Regexp(SLUG)), load_default=list)
    related = fields.List(fields.String(validate=validate.Regexp(SLUG)), load_default=list)
    sources = fields.List(fields.Nested(SourceSchema), load_default=list)
    signals = fields.Dict(
        keys=fields.String(validate=validate.OneOf(FACETS)),
        values=fields.Float(validate=validate.Range(min=0, max=10)),
        load_default=dict,
    )
    cues = fields.List(fields.String(validate=validate.Length(min=1, max=200)), load_default=list)
    cued = fields.List(fields.String(validate=validate.Length(min=1, max=200)), load_default=list)
    generic = fields.Boolean(load_default=False)

    @validates_schema
    def _definitions_required(self, data: dict, **_: object) -> None:
        for key, lang in (("en", "en"), ("zh_hans", "zh-Hans")):
            if key in data and "definition" not in data[key]:
                raise ValidationError({"definition": ["Missing data for required field."]}, lang)

    @validates_schema
    def _cued_names_are_names_with_cues(self, data: dict, **_: object) -> None:
        names = {n["text"] for key in ("en", "zh_hans", "zh_hant") for kind in ("term", "synonyms", "deprecated", "superseded")
                 for n in _as_list(data.get(key, {}).get(kind, []))} | {a["text"] for a in data.get("abbreviations", [])}
        unknown = [name for name in data.get("cued", []) if name not in names]
        if unknown:
            raise ValidationError(f"{', '.join(map(repr, unknown))}: not a name of this concept.", "cued")
        if data.get("cued") and not data.get("cues"):
            raise ValidationError("Cued names need cues: the words that show the concept is meant.", "cues")

    @validates_schema
    def _signals_only_in_domain(self, data: dict, **_: object) -> None:
        if data.get("out_of_domain") and data.get("signals"):
            raise ValidationError("An out-of-domain concept gives no classification signals.", "signals")


def _as_list(names: object) -> list:
    return names if isinstance(names, list) else [names]


class TermsFileSchema(Schema):
    """A terms/*.yaml file: a list of concepts under `concepts`."""

    concepts = fields.List(fields.Nested(ConceptEntrySchema), required=True, validate=validate.Length(min=1))


# --- loading ------------------------------------------------------------------------------------


def load_terms(folder: str | Path) -> Terms:
    """Return the concepts and rules of folder; raise GlossaryFileError naming what is wrong and where."""
    folder = Path(folder)
    concept_files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))
    if not concept_files:
        raise GlossaryFileError(f"{folder}: no terms files (*.yaml) found.")
    concepts: list[Concept] = []
    seen_ids: dict[str, Path] = {}
    for path in concept_files:
        document = read_yaml(path)
        try:
            entries = TermsFileSchema().load(document if isinstance(document, dict) else {"": document})
        except ValidationError as error:
            raise GlossaryFileError(_describe(path, document, error.messages)) from None
        for entry in entries["concepts"]:
            if entry["id"] in seen_ids:
                raise GlossaryFileError(f"{path}: concept {entry['id']!r}: id: already used in {seen_ids[entry['id']]}.")
            seen_ids[entry["id"]] = path
            concepts.append(_concept(entry, path))
    rules_file = folder / RULES_FILE
    rules = load_rules(rules_file) if rules_file.exists() else None
    return Terms(folder, concepts, rules, fingerprint(folder))


def load_glossary(folder: str | Path) -> Glossary:
    """Return the glossary of folder's concept files (a rules file, if there is one, is read and checked too)."""
    return load_terms(folder).glossary()


def load_rules(path: Path) -> dict:
    """Return the validated classifier rules of path; raise GlossaryFileError naming the file and field."""
    try:
        return RulesSchema().load(read_yaml(path))
    except ValidationError as error:
        field_path, problem = next(flatten(error.messages))
        raise GlossaryFileError(f"{path}: {field_path}: {problem}") from None


def fingerprint(folder: Path) -> str:
    """Return a digest of every file of folder the core reads (*.yaml, *.tsv): names and contents."""
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.tsv")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def read_yaml(path: Path) -> object:
    """Return the YAML document at path; raise GlossaryFileError with the line and column of a syntax error."""
    try:
        return yaml.load(path.read_bytes().decode("utf-8"), Loader=YAML_LOADER)
    except UnicodeDecodeError as error:
        raise GlossaryFileError(f"{path}: not UTF-8 text (byte {error.start}).") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise GlossaryFileError(f"{path}:{where}: not valid YAML: {getattr(error, 'problem', error)}.") from None


def _describe(path: Path, document: object, messages: dict) -> str:
    """Return the first validation message as 'file: concept #n (id 'x'): field.path: message'."""
    concepts = messages.get("concepts") if isinstance(messages, dict) else None
    if not isinstance(concepts, dict) or not concepts:
        first_field, problem = next(iter(flatten(messages)))
        return f"{path}: {first_field or 'top level'}: {problem} (a terms file is a mapping with a 'concepts' list)."
    indices = [k for k in concepts if isinstance(k, int)]
    if not indices:
        return f"{path}: concepts: {'; '.join(f'{k}: {v}' if k else v for k, v in flatten(concepts))}"
    index = min(indices)
    entry = document["concepts"][index] if isinstance(document, dict) else None
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    where = f"concept #{index + 1}" + (f" (id {entry_id!r})" if entry_id else "")
    field_path, problem = next(iter(flatten(concepts[index])))
    return f"{path}: {where}: {field_path}: {problem}"


def flatten(messages: object, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        yield prefix, " ".join(messages)
    else:
        yield prefix, str(messages)


def _concept(entry: dict, path: Path) -> Concept:
    sections = {}
    for lang, key in zip(LANGUAGES, ("en", "zh_hans", "zh_hant")):
        if entry.get(key):
            section = entry[key]
            names = [section["term"], *section["synonyms"], *section["deprecated"], *section["superseded"]]
            sections[lang] = LanguageSection(
                term=section["term"]["text"],
                synonyms=tuple(n["text"] for n in section["synonyms"]),
                deprecated=tuple(n["text"] for n in section["deprecated"]),
                superseded=tuple(n["text"] for n in section["superseded"]),
                definition=section.get("definition", "").strip() or None,
                note=section.get("note", "").strip() or None,
                regions={n["text"]: n["region"] for n in names if n["region"]},
            )
    abbreviations = entry["abbreviations"]
    return Concept(
        id=entry["id"],
        category=entry["category"],
        languages=sections,
        abbreviations=tuple(a["text"] for a in abbreviations),
        abbreviation_status={a["text"]: a["status"] for a in abbreviations if a["status"] != "admitted"},
        abbreviation_regions={a["text"]: a["region"] for a in abbreviations if a["region"]},
        out_of_domain=entry["out_of_domain"],
        broader=tuple(entry["broader"]),
        related=tuple(entry["related"]),
        sources=tuple(Source(s["title"], s["url"]) for s in entry["sources"]),
        signals=dict(entry["signals"]),
        cues=tuple(entry["cues"]),
        cued=tuple(entry["cued"]),
        generic=entry["generic"],
        file=path.name,
    )

"""Settings: each declared once with its default and meaning; CXO_<NAME> environment variables override."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import SettingsError

DEFAULT_TERMS_DIR = Path(__file__).resolve().parent / "terms"  # package data: every install has it


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    minimum: int = 1  # for a whole number: a limit below it would refuse every request (or, negative, cut lists from the end)


SETTINGS = (
    Setting("TERMS_DIR", str(DEFAULT_TERMS_DIR), "Folder of the glossary's terms/*.yaml files."),
    Setting("MAX_TEXT_LENGTH", 10_000, "Longest text, in characters, that /v1/classify accepts."),
    Setting("MAX_BATCH_ITEMS", 1_000, "Most items one /v1/classify/batch request may carry."),
    Setting("MAX_EVIDENCE", 20, "Most pieces of evidence a decision lists (the strongest); evidence_total counts them all.", minimum=0),
    Setting("MAX_CONTENT_LENGTH", 4 * 1024 * 1024, "Largest request body, in bytes."),
    Setting(
        "MAX_BATCH_CHARACTERS",
        100_000,
        "Most characters of text, all items together, that one /v1/classify/batch request may carry.",
    ),
    Setting("CORS_ORIGINS", "", "Origins (space- or comma-separated) whose web pages may call the API; empty: none."),
    Setting("CACHE_DIR", "", "Folder for jieba's dictionary cache; empty means a private folder per user."),
    Setting(
        "MAX_HEAVY_REQUESTS",
        2,
        "Most heavy requests (batches, term checks, annotations, the pages' forms) one worker process runs at once; "
        "more are answered 503 with Retry-After straight away, so health checks never wait behind them.",
    ),
    Setting("MAX_PAGE_DESCRIPTIONS", 10, "Most descriptions the /classify page classifies at once (one per line); the rest are left out, saying so."),
)
_BY_NAME = {s.name: s for s in SETTINGS}
SETTING_NAMES = frozenset(_BY_NAME)


def load_settings(overrides: dict | None = None, environ: os._Environ | dict | None = None) -> dict:
    """Return every setting: defaults, then CXO_* environment variables, then overrides.

    Raise CXOError for an unknown setting name, a value of the wrong type or a whole number under
    its minimum, so a typo fails at start-up, naming the setting, instead of being silently ignored.
    """
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    for key, raw in environ.items():
        if key.startswith("CXO_"):
            name = key[4:]
            if name not in _BY_NAME:
                raise SettingsError(f"Unknown setting {key}; known: {', '.join('CXO_' + n for n in _BY_NAME)}.")
            values[name] = _coerce(name, raw, key)
    for name, value in (overrides or {}).items():
        if name not in _BY_NAME:
            raise SettingsError(f"Unknown setting {name!r}; known: {', '.join(_BY_NAME)}.")
        values[name] = _coerce(name, value, name)
    return values


def _coerce(name: str, value: object, where: str) -> object:
    setting = _BY_NAME[name]
    if not isinstance(setting.default, int):
        return value
    if not isinstance(value, int):
        try:
            value = int(str(value).replace("_", ""))
        except ValueError:
            raise SettingsError(f"{where} must be a whole number, not {value!r}.") from None
    if value < setting.minimum:
        raise SettingsError(f"{where} must be at least {setting.minimum}, not {value}.")
    return value


def web_concurrency(environ: os._Environ | dict | None = None) -> int:
    """Return WEB_CONCURRENCY, gunicorn's worker processes (2 when unset); raise SettingsError when it is not a number over 0.

    Unchecked, gunicorn starts a master with 0 workers that listens and never answers, and reads a word with a traceback.
    """
    raw = (os.environ if environ is None else environ).get("WEB_CONCURRENCY", "2")
    try:
        count = int(raw.strip())
    except ValueError:
        count = 0
    if count < 1:
        raise SettingsError(f"WEB_CONCURRENCY must be a whole number of worker processes, at least 1, not {raw!r}.")
    return count

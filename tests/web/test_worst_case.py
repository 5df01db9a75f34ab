"""The heaviest valid requests, at every limit the settings allow, against the real server (slow).

Each must answer 200 within TIME_BOUND seconds with at most SIZE_BOUND bytes, and /healthz must
still answer within a second while the heaviest one runs. The texts are the worst the audit
found: one ambiguous abbreviation repeated ("CRO CRO ..."), the glossary's names back to back
(the most evidence), and rare Han characters (the most work for jieba); for the term check, pairs
of one abbreviation repeated in both texts, of the glossary's names in both languages, and of a
short name of another region repeated in the translation (the most issues); for the annotation,
two ambiguous abbreviations repeated and the glossary's names. An annotation may be at most
ANNOTATION_RATIO times its request.
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.request

import pytest

from glossary_api import load_settings

pytestmark = pytest.mark.slow
TIME_BOUND = 10.0  # seconds, on a shared 2-core machine; gunicorn's worker timeout is 30
SIZE_BOUND = 8 * 2**20  # bytes of response: twice the largest request body
ANNOTATION_RATIO = 10  # an annotation's bytes per request byte: each term and concept is listed once

LIMITS = load_settings(environ={})
TEXT, ITEMS, CHARACTERS = LIMITS["MAX_TEXT_LENGTH"], LIMITS["MAX_BATCH_ITEMS"], LIMITS["MAX_BATCH_CHARACTERS"]


def fill(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def heaviest(glossary) -> dict[str, tuple[str, dict]]:
    names = " ".join(d.text for c in glossary if not c.out_of_domain for d in c.designations())
    rng = random.Random(11)
    rare = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(TEXT))
    per_item, long_items = CHARACTERS // ITEMS, CHARACTERS // TEXT
    zh_names = " ".join(d.text for c in glossary if not c.out_of_domain for d in c.designations() if d.lang == "zh-Hant")
    pair = lambda source, target: {"source": fill(source, TEXT), "target": fill(target, TEXT)}
    checked = {"source_lang": "en", "target_lang": "zh-Hant-TW"}
    return {
        "one text of CRO CRO ...": ("/v1/classify", {"text": fill("CRO ", TEXT)}),
        "one text of glossary names": ("/v1/classify", {"text": fill(names, TEXT)}),
        "most items of CRO CRO ...": ("/v1/classify/batch", {"items": [{"id": i, "text": fill("CRO ", per_item)} for i in range(ITEMS)]}),
        "most items of glossary names": ("/v1/classify/batch", {"items": [{"id": i, "text": fill(names[7 * i :], per_item)} for i in range(ITEMS)]}),
        "longest items of glossary names": ("/v1/classify/batch", {"items": [{"id": i, "text": fill(names[13 * i :], TEXT)} for i in range(long_items)]}),
        "longest items of rare Han": ("/v1/classify/batch", {"items": [{"id": i, "text": rare} for i in range(long_items)]}),
        # the term check, whose pairs count both texts: every CMO of the source against every CMO of the translation was 57.6 s
        "one pair of CMO CMO ...": ("/v1/check", {**pair("CMO ", "CMO "), **checked}),
        "longest pairs of CMO CMO ...": ("/v1/check/batch", {"items": [{"id": i, **pair("CMO ", "CMO ")} for i in range(long_items // 2)], **checked}),
        "longest pairs of glossary names": ("/v1/check/batch", {"items": [{"id": i, **pair(names[13 * i :], zh_names[7 * i :])} for i in range(long_items // 2)], **checked}),
        # annotation: every occurrence of "CMO,CRO " repeated every sense (5.5 MB, 549 times the request)
        "annotation of CMO,CRO ...": ("/v1/annotate", {"text": fill("CMO,CRO ", TEXT)}),
        "annotation of glossary names": ("/v1/annotate", {"text": fill(names, TEXT)}),
        # a short name of another region repeated in the translation: an issue at every place was 15 MiB
        "longest pairs of a regional name": (
            "/v1/check/batch",
            {"items": [{"id": i, "source": "upfront payment", "target": fill("藥證", TEXT - 15)} for i in range(long_items)], "source_lang": "en", "target_lang": "zh-Hant-HK"},
        ),
    }


def send(port: int, path: str, body: dict) -> tuple[int, int, float]:
    """POST body; return status, response bytes and seconds."""
    data = json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"})
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=60) as response:
        size = len(response.read())
        return response.status, size, time.monotonic() - started


def test_the_heaviest_valid_requests_stay_within_the_bounds(server, glossary):
    port = server[0]
    requests = heaviest(glossary)
    measured = {name: send(port, path, body) for name, (path, body) in requests.items()}
    print("\n" + "\n".join(f"{name}: {status}, {size / 2**20:.2f} MiB in {seconds:.2f} s" for name, (status, size, seconds) in measured.items()))
    assert {name: status for name, (status, _, _) in measured.items()} == dict.fromkeys(measured, 200)
    assert {name: seconds for name, (_, _, seconds) in measured.items() if seconds > TIME_BOUND} == {}
    assert {name: size for name, (_, size, _) in measured.items() if size > SIZE_BOUND} == {}
    annotations = {name: size / len(json.dumps(requests[name][1])) for name, (_, size, _) in measured.items() if name.startswith("annotation")}
    assert len(annotations) == 2 and {name: ratio for name, ratio in annotations.items() if ratio > ANNOTATION_RATIO} == {}


def test_healthz_answers_while_the_heaviest_batch_runs(server, glossary):
    port = server[0]
    path, body = heaviest(glossary)["most items of CRO CRO ..."]
    heavy = threading.Thread(target=send, args=(port, path, body))
    heavy.start()
    try:
        time.sleep(0.5)
        started = time.monotonic()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).close()
        assert time.monotonic() - started < 1.0
    finally:
        heavy.join()


def test_one_item_more_or_one_character_more_is_refused(server):
    port = server[0]
    too_long = {"items": [{"id": i, "text": fill("CRO ", CHARACTERS // ITEMS)} for i in range(ITEMS - 1)] + [{"text": "CRO " * 300}]}
    with pytest.raises(urllib.error.HTTPError) as refused:
        send(port, "/v1/classify/batch", too_long)
    assert refused.value.code == 422
    assert json.load(refused.value)["errors"] == {"json": {"items": [f"{CHARACTERS - CHARACTERS // ITEMS + 1200} characters of text in all; the limit is {CHARACTERS} per request."]}}

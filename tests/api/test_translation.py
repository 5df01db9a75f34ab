"""POST /v1/check (one pair), POST /v1/check/batch and POST /v1/annotate."""

from __future__ import annotations

import re

import pytest
from bilingual_fixtures import FORMATS, fixture, planted_issues
from hypothesis import given, settings
from hypothesis.strategies import from_regex

from glossary_api.bilingual import read_bilingual
from glossary_api.termbase.languages import parse_language
from glossary_api.web.api.translation_schemas import LANGUAGE_TAG_PATTERN, CheckInSchema

from .test_errors import assert_problem

PAIR = {"source": "Our CRO runs clinical trials.", "target": "我们的合约研究组织开展研究。", "source_lang": "en", "target_lang": "zh-Hans"}


def test_one_pair_gives_its_issues_and_terms(client):
    assert client.post("/v1/check", json=PAIR).get_json() == {
        "issues": [
            {
                "rule": "missing",
                "concept_id": "clinical-trial",
                "message": "'clinical trials' (clinical-trial) has no glossary name in the translation: use 临床试验 or 药物临床试验 or 干预性临床试验.",
                "source": {"text": "clinical trials", "start": 13, "end": 28},
                "target": None,
                "suggestions": ["临床试验", "药物临床试验", "干预性临床试验"],
                "repeated": [],
            },
            {
                "rule": "avoided",
                "concept_id": "cro",
                "message": "'合约研究组织' is a deprecated name of cro: use 合同研究组织.",
                "source": None,
                "target": {"text": "合约研究组织", "start": 3, "end": 9},
                "suggestions": ["合同研究组织"],
                "repeated": [],
            },
        ],
        "terms": [
            {"text": "CRO", "start": 4, "end": 7, "concept_ids": ["cro"], "translated": True},
            {"text": "clinical trials", "start": 13, "end": 28, "concept_ids": ["clinical-trial"], "translated": False},
        ],
    }


def test_a_batch_answers_each_item_in_place(client):
    body = {
        "items": [{"id": "a", "source": "Our CRO runs clinical trials.", "target": "我们的CRO开展临床试验。"}, 5, {"id": 7, "source": "CRO"}],
        "source_lang": "en",
        "target_lang": "zh-CN",
    }
    results = client.post("/v1/check/batch", json=body).get_json()["results"]
    assert results[0] == {
        "index": 0,
        "id": "a",
        "issues": [],
        "terms": [
            {"text": "CRO", "start": 4, "end": 7, "concept_ids": ["cro"], "translated": True},
            {"text": "clinical trials", "start": 13, "end": 28, "concept_ids": ["clinical-trial"], "translated": True},
        ],
    }
    assert results[1] == {
        "index": 1,
        "id": None,
        "error": {
            "status": 422,
            "detail": 'item (items[1]): Must be an object {"id": ..., "source": ..., "target": ...}, not a number.',
            "errors": {"item": ['Must be an object {"id": ..., "source": ..., "target": ...}, not a number.']},
        },
    }
    assert results[2] == {
        "index": 2,
        "id": 7,
        "error": {"status": 422, "detail": "target (items[2]): Missing data for required field.", "errors": {"target": ["Missing data for required field."]}},
    }


def test_a_check_batch_answers_an_id_given_twice_with_an_error_in_place(client):
    pair = {"source": "Our CRO runs clinical trials.", "target": "我们的CRO开展临床试验。"}
    body = {"items": [{"id": 7, **pair}, {"id": 7, **pair}], "source_lang": "en", "target_lang": "zh-CN"}
    results = client.post("/v1/check/batch", json=body).get_json()["results"]
    assert (results[0]["issues"], results[1]["error"]["errors"]) == ([], {"id": ["The id of items[0] too; give each item its own id, or none."]})


@pytest.mark.parametrize(
    ("url", "body", "field", "message"),
    [
        ("/v1/check", {**PAIR, "target_lang": "zh"}, "target_lang", "'zh' is not a language of the glossary: give en, zh-Hans or zh-Hant"),
        ("/v1/check/batch", {"items": [PAIR], "source_lang": "fr-FR", "target_lang": "zh-Hans"}, "source_lang", "'fr-FR' is not a language of the glossary"),
        ("/v1/check", {k: v for k, v in PAIR.items() if k != "source_lang"}, "source_lang", "Missing data for required field."),
        ("/v1/check", {k: v for k, v in PAIR.items() if k != "target"}, "target", "Missing data for required field."),
        ("/v1/check", {**PAIR, "target": "  "}, "target", "Must not be blank."),
        ("/v1/check", {**PAIR, "source": "x" * 10_001}, "source", "Longer than the limit of 10000 characters (10001)."),
        ("/v1/check/batch", {"items": [], "source_lang": "en", "target_lang": "zh-Hans"}, "items", "Shorter than minimum length 1."),
        ("/v1/check/batch", {"items": [PAIR], "source_lang": "en"}, "target_lang", "Missing data for required field."),
        ("/v1/check", {**PAIR, "target_lang": "x" * 1_000_000}, "target_lang", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (1,000,000 characters) is not"),
    ],
)
def test_a_bad_request_is_422_problem_json_naming_the_field(client, url, body, field, message):
    response = client.post(url, json=body)
    problem = assert_problem(response, 422)
    assert message in " ".join(problem["errors"]["json"][field])
    assert len(response.data) < 2_000  # what was sent is echoed, cut short


@pytest.mark.parametrize(("source_lang", "target_lang"), [("EN", "ZH-hant-tw"), ("en-us", "zh-tw"), ("En", "zh_TW")])
def test_language_tags_are_read_in_any_case_as_the_cli_reads_them(client, source_lang, target_lang):
    # BCP 47 tags are case-insensitive: the answer is the one for en -> zh-Hant-TW, region included
    pair = {"source": "The CRO and the US FDA", "target": "美國食品及藥物管理局與合同研究組織"}
    expected = client.post("/v1/check", json={**pair, "source_lang": "en", "target_lang": "zh-Hant-TW"})
    answer = client.post("/v1/check", json={**pair, "source_lang": source_lang, "target_lang": target_lang})
    assert (answer.status_code, answer.get_json()) == (200, expected.get_json())
    assert {issue["rule"] for issue in answer.get_json()["issues"]} == {"wrong-region"}
    batch = client.post("/v1/check/batch", json={"items": [pair], "source_lang": source_lang, "target_lang": target_lang})
    assert batch.get_json()["results"][0]["issues"] == expected.get_json()["issues"]


@given(tag=from_regex(LANGUAGE_TAG_PATTERN, fullmatch=True))
@settings(max_examples=200, deadline=None)
def test_every_tag_the_spec_pattern_allows_is_accepted(tag):
    # What keeps the spec truthful: schemathesis sends such tags and expects them taken, by the schema as by parse_language()
    assert CheckInSchema(only=("target_lang",)).validate({"target_lang": tag}) == {}
    assert parse_language(tag).lang in ("en", "zh-Hans", "zh-Hant")


@pytest.mark.parametrize("tag", ["English", "CHINESE (TAIWAN)", "繁體中文", "zh_tw", "ZH-hans-CN"])
def test_names_and_locales_in_the_pattern_are_taken(client, tag):
    assert re.fullmatch(LANGUAGE_TAG_PATTERN, tag)
    assert client.post("/v1/check", json={**PAIR, "target_lang": tag}).status_code == 200


@pytest.mark.parametrize("tag", ["english ", " zh-TW", "en\n", "zh", "Chinese_(Taiwan)", "chinese"])
def test_a_language_outside_the_pattern_is_refused_as_the_spec_says(client, tag):
    # The other way round from the test above: schemathesis sends strings the pattern rejects and expects a 4xx. parse_language()
    # alone would take the first three (it strips the spaces around a tag).
    assert not re.fullmatch(LANGUAGE_TAG_PATTERN, tag)
    problem = assert_problem(client.post("/v1/check", json={**PAIR, "target_lang": tag}), 422)
    assert "target_lang" in problem["errors"]["json"]


def test_the_spec_gives_the_language_pattern_not_an_enum_of_one_case(client):
    properties = client.get("/openapi.json").get_json()["components"]["schemas"]["CheckIn"]["properties"]
    assert "enum" not in properties["target_lang"] and properties["target_lang"]["pattern"] == LANGUAGE_TAG_PATTERN
    assert re.search(LANGUAGE_TAG_PATTERN, "ZH-hant-tw") and not re.search(LANGUAGE_TAG_PATTERN, "zh")


def test_the_limits_are_settings(app_with):
    client = app_with(MAX_BATCH_ITEMS=2, MAX_TEXT_LENGTH=20).test_client()
    items = [{"source": "CRO", "target": "CRO"}] * 3
    problem = assert_problem(client.post("/v1/check/batch", json={"items": items, "source_lang": "en", "target_lang": "zh-Hans"}), 422)
    assert problem["errors"] == {"json": {"items": ["3 items; the limit is 2 per request."]}}
    problem = assert_problem(client.post("/v1/check", json={**PAIR}), 422)
    assert problem["errors"]["json"]["source"] == ["Longer than the limit of 20 characters (29)."]

def test_the_spec_states_the_limits_as_configured(app_with):
    settings = {"MAX_TEXT_LENGTH": 500, "MAX_BATCH_ITEMS": 7, "MAX_BATCH_CHARACTERS": 900}
    schemas = app_with(**settings).test_client().get("/openapi.json").get_json()["components"]["schemas"]
    lengths = {(schema, field): schemas[schema]["properties"][field]["maxLength"]
               for schema, field in [("CheckIn", "source"), ("CheckIn", "target"), ("AnnotateIn", "text")]}
    assert set(lengths.values()) == {500}
    items = schemas["CheckBatchIn"]["properties"]["items"]
    assert (items["maxItems"], items["x-max-characters"]) == (7, 900)



@pytest.mark.parametrize("format", list(FORMATS))
def test_the_planted_issues_of_each_fixture_are_found_and_none_in_the_clean_one(client, format):
    for kind, expected in (("planted", planted_issues()), ("clean", [])):
        segments = read_bilingual(fixture(kind, format))
        items = [{"id": number, "source": s.source, "target": s.target} for number, s in enumerate(segments.segments, start=1)]
        body = {"items": items, "source_lang": "en", "target_lang": "zh-Hant-TW"}
        results = client.post("/v1/check/batch", json=body).get_json()["results"]
        found = [
            (result["id"], issue["rule"], issue["concept_id"], (issue["source"] or {}).get("text", ""), (issue["target"] or {}).get("text", ""))
            for result in results
            for issue in result["issues"]
        ]
        assert found == expected, kind


def test_annotate_lists_every_term_with_its_senses_and_preferred_names(client):
    body = client.post("/v1/annotate", json={"text": "The CDMO ran PPQ batches; 衛福部食藥署 inspected."}).get_json()
    assert [(t["text"], t["start"], t["end"], t["spans"], t["concepts"]) for t in body["terms"]] == [
        ("CDMO", 4, 8, [[4, 8]], ["cdmo", "chief-digital-marketing-officer"]),
        ("PPQ", 13, 16, [[13, 16]], ["process-performance-qualification"]),
        ("batches", 17, 24, [[17, 24]], ["batch"]),
        ("衛福部食藥署", 26, 32, [[26, 32]], ["tfda"]),
    ]
    assert list(body["concepts"]) == ["cdmo", "chief-digital-marketing-officer", "process-performance-qualification", "batch", "tfda"]
    assert body["concepts"]["tfda"] == {
        "id": "tfda",
        "category": "regulatory",
        "out_of_domain": False,
        "matched": [{"text": "衛福部食藥署", "lang": "zh-Hant", "type": "variant", "status": "admitted", "region": "TW"}],
        "preferred": {"en": "Taiwan Food and Drug Administration", "zh-Hans": "台湾地区食品药物管理署", "zh-Hant": "衛生福利部食品藥物管理署"},
    }


def test_annotate_gives_every_sense_of_an_ambiguous_abbreviation_in_domain_first(client):
    body = client.post("/v1/annotate", json={"text": "CMO"}).get_json()
    ids = body["terms"][0]["concepts"]
    assert ids[0] == "cmo" and body["concepts"]["cmo"]["preferred"]["zh-Hans"] == "合同生产组织"
    assert set(ids[1:]) >= {"chief-marketing-officer", "chief-medical-officer"}
    assert all(body["concepts"][cid]["out_of_domain"] for cid in ids[1:])


def test_a_term_written_many_times_is_listed_once_with_every_span_and_the_answer_stays_near_the_texts_size(client):
    text = ("CMO,CRO " * 1250)[:10_000]  # each occurrence repeated every sense: 5.5 MB for this text, 549 times its size
    response = client.post("/v1/annotate", json={"text": text})
    body = response.get_json()
    assert [(t["text"], len(t["spans"])) for t in body["terms"]] == [("CMO", 1250), ("CRO", 1250)]
    assert body["terms"][1]["spans"][:2] == [[4, 7], [12, 15]]
    assert len(response.data) < 5 * len(text)
    matched = client.post("/v1/annotate", json={"text": "A CRO, and CROs; contract research organization."}).get_json()
    assert [t["text"] for t in matched["terms"]] == ["CRO", "CROs", "contract research organization"]
    assert [name["text"] for name in matched["concepts"]["cro"]["matched"]] == ["CRO", "contract research organization"]


@pytest.mark.parametrize(("body", "message"), [({}, "Missing data for required field."), ({"text": "   "}, "Must not be blank.")])
def test_annotate_refuses_a_missing_or_blank_text(client, body, message):
    problem = assert_problem(client.post("/v1/annotate", json=body), 422)
    assert message in problem["errors"]["json"]["text"]


def test_an_abbreviation_counts_only_as_the_glossary_writes_it(client):
    terms = client.post("/v1/annotate", json={"text": "We will be there with the BE study and CROs."}).get_json()["terms"]
    assert [t["text"] for t in terms] == ["BE study", "CROs"]


def test_a_check_batch_over_the_character_budget_is_422_naming_items(app_with):
    client = app_with(MAX_BATCH_CHARACTERS=30).test_client()
    body = {"source_lang": "en", "target_lang": "zh-Hans", "items": [{"source": "contract research organization", "target": "合同研究组织"}]}
    problem = assert_problem(client.post("/v1/check/batch", json=body), 422)
    assert problem["detail"] == "Invalid request: items (json): 36 characters of text in all; the limit is 30 per request."

"""GET /v1/export: the termbase for CAT tools, with its media type and a download file name."""

import pytest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("query", "media_type", "filename", "starts"),
    [
        ("format=tbx&source=en&target=zh-Hans", "application/x-tbx", "cxo-termbase_en_zh-Hans.tbx", b'<?xml version="1.0" encoding="UTF-8"?>'),
        ("format=tbx-v2", "application/x-tbx", "cxo-termbase_en_zh-Hans_zh-Hant.tbx", b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif'),
        ("format=csv&target=zh-Hant", "text/csv; charset=utf-8", "cxo-termbase_en_zh-Hant.csv", b"\xef\xbb\xbfEntry_ID,Entry_Subject,"),
        ("format=tsv&source=zh-Hans&target=en", "text/tab-separated-values; charset=utf-8", "cxo-termbase_zh-Hans_en.utf8", "首付款\tupfront payment\t".encode()),
        ("format=xlsx", XLSX, "cxo-termbase_en_zh-Hans_zh-Hant.xlsx", b"PK\x03\x04"),
        ("format=tbx&concept=cmo", "application/x-tbx", "cxo-termbase_cmo_en_zh-Hans_zh-Hant.tbx", b'<?xml version="1.0" encoding="UTF-8"?>'),
        ("format=csv&concept=gmp&target=zh-Hans", "text/csv; charset=utf-8", "cxo-termbase_gmp_en_zh-Hans.csv", b"\xef\xbb\xbfEntry_ID,Entry_Subject,"),
    ],
)
def test_export_sends_the_file_with_its_media_type_and_name(client, query, media_type, filename, starts):
    response = client.get(f"/v1/export?{query}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.data.startswith(starts)


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("format=pdf", "format", "Must be one of: tbx, tbx-v2, csv, tsv, xlsx."),
        ("source=en", "format", "Missing data for required field."),
        ("format=tbx&source=de", "source", "Must be one of: en, zh-Hans, zh-Hant."),
        ("format=csv&target=zh-TW", "target", "Must be one of: en, zh-Hans, zh-Hant."),
        ("format=tbx&concept=Not%20an%20id", "concept", "Must be a concept id like 'process-development'."),
    ],
)
def test_a_bad_parameter_is_a_422_problem_naming_it(client, query, parameter, message):
    response = client.get(f"/v1/export?{query}")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["errors"] == {"query": {parameter: [message]}}
    assert body["detail"] == f"Invalid request: {parameter} (query): {message}"


def test_the_openapi_spec_declares_every_media_type_of_the_export(client):
    operation = client.get("/openapi.json").get_json()["paths"]["/v1/export"]["get"]
    content = operation["responses"]["200"]["content"]
    assert set(content) == {"application/x-tbx", "text/csv", "text/tab-separated-values", XLSX}
    assert content[XLSX]["schema"] == {"type": "string", "format": "binary"}
    assert [p["name"] for p in operation["parameters"]] == ["format", "source", "target", "concept"]


def test_one_concept_of_the_export_has_one_row_and_an_unknown_one_is_a_404_problem(client):
    rows = client.get("/v1/export?format=csv&concept=gmp").data.decode("utf-8-sig").splitlines()
    assert [row.split(",")[0] for row in rows] == ["Entry_ID", "gmp"]
    missing = client.get("/v1/export?format=tbx&concept=nothing")
    assert (missing.status_code, missing.mimetype) == (404, "application/problem+json")
    assert missing.get_json()["detail"] == "No concept has the id 'nothing'."

"""/metrics: requests and latency by route and status, decisions by label, in Prometheus' text format."""

import re

from prometheus_client.parser import text_string_to_metric_families


def samples(client) -> dict:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.data.decode())
        for sample in family.samples
    }


def test_requests_latency_and_decisions_are_counted(client):
    before = samples(client)
    client.post("/v1/classify", json={"text": "Phase I-III clinical trial management"})
    client.post("/v1/classify/batch", json={"items": [{"text": "GMP manufacturing of APIs"}, {"text": "Our CMO leads brand marketing"}, 7]})
    client.get("/v1/terms/no-such-concept")
    client.get("/no/such/page/42")
    after = samples(client)

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    assert grew("cxo_http_requests_total", route="/v1/classify", method="POST", status="200") == 1
    assert grew("cxo_http_requests_total", route="/v1/terms/<string:concept_id>", method="GET", status="404") == 1
    assert grew("cxo_http_requests_total", route="unmatched", method="GET", status="404") == 1
    assert grew("cxo_http_request_duration_seconds_count", route="/v1/classify/batch", method="POST", status="200") == 1
    assert grew("cxo_http_request_duration_seconds_bucket", route="/v1/classify", method="POST", status="200", le="+Inf") == 1
    assert [grew("cxo_decisions_total", label=label) for label in ("CRO", "CMO", "NONE")] == [1, 1, 1]


def test_no_series_names_a_raw_url(client):
    client.get("/v1/terms/a-made-up-id-123")
    text = client.get("/metrics").data.decode()
    assert "a-made-up-id-123" not in text and not re.search(r'route="/no/such', text)


def test_a_made_up_method_is_counted_as_other_not_as_a_new_series(client):
    before = samples(client)
    for method in ("ZSQUDVHR", "QWERTYUI", "DELETE"):
        assert client.open("/", method=method).status_code == 405
    after = samples(client)
    assert not any(method in name_labels for key in after for name_labels in key[1] for method in ("ZSQUDVHR", "QWERTYUI", "DELETE"))
    key = ("cxo_http_requests_total", (("method", "other"), ("route", "unmatched"), ("status", "405")))
    assert after[key] - before.get(key, 0) == 3

"""Admission control (web/admission.py): heavy requests beyond MAX_HEAVY_REQUESTS per worker get 503 at once; others pass."""

import threading

from glossary_api.web.admission import HEAVY_ENDPOINTS


def test_a_heavy_request_beyond_the_limit_is_503_with_retry_after_and_light_ones_still_answer(app_with):
    app = app_with(MAX_HEAVY_REQUESTS=1)
    client = app.test_client()
    slots = app.extensions["cxo.heavy_slots"]
    assert slots.acquire(blocking=False)  # another thread's batch is running
    try:
        shed = client.post("/v1/classify/batch", json={"items": [{"text": "CRO"}]})
        assert (shed.status_code, shed.mimetype, shed.headers["Retry-After"]) == (503, "application/problem+json", "1")
        assert shed.json["detail"].startswith("The server is busy")
        assert client.post("/v1/annotate", json={"text": "CRO"}).status_code == 503
        assert client.get("/healthz").status_code == 200
        assert client.post("/v1/classify", json={"text": "CRO"}).status_code == 200  # one text is light
    finally:
        slots.release()
    assert client.post("/v1/classify/batch", json={"items": [{"text": "CRO"}]}).status_code == 200


def test_every_request_gives_its_slot_back_even_when_it_fails(app_with):
    app = app_with(MAX_HEAVY_REQUESTS=1)
    client = app.test_client()
    for body in ({"items": [{"text": "CRO"}]}, {"items": "not a list"}, {"unknown": 1}):
        client.post("/v1/classify/batch", json=body)
    client.post("/v1/classify/batch", data="{not json", content_type="application/json")
    slots = app.extensions["cxo.heavy_slots"]
    assert slots.acquire(blocking=False)
    slots.release()


def test_the_heavy_endpoints_exist(app):
    assert HEAVY_ENDPOINTS <= {rule.endpoint for rule in app.url_map.iter_rules()}


def test_concurrent_heavy_requests_within_the_limit_all_succeed(app_with):
    app = app_with(MAX_HEAVY_REQUESTS=3)
    statuses = []
    barrier = threading.Barrier(3)

    def send():
        barrier.wait()
        statuses.append(app.test_client().post("/v1/classify/batch", json={"items": [{"text": "CRO " * 200}] * 1}).status_code)

    threads = [threading.Thread(target=send) for _ in range(3)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert statuses == [200] * 3

"""The access log's client address (web/access_log.py): X-Forwarded-For only from a trusted proxy, and only its last address."""

import pytest
from gunicorn.config import Config

from glossary_api.web.access_log import addresses


def config(allowed: str) -> Config:
    cfg = Config()
    cfg.set("forwarded_allow_ips", allowed)
    return cfg


@pytest.mark.parametrize(
    ("allowed", "peer", "forwarded", "expected"),
    [
        ("127.0.0.1", "127.0.0.1", "203.0.113.7", {"remote": "203.0.113.7", "proxy": "127.0.0.1"}),
        ("10.0.0.0/8", "10.1.2.3", "198.51.100.1, 203.0.113.7", {"remote": "203.0.113.7", "proxy": "10.1.2.3"}),  # the client wrote the first
        ("*", "192.0.2.9", "2001:db8::1", {"remote": "2001:db8::1", "proxy": "192.0.2.9"}),
        ("127.0.0.1", "192.0.2.9", "203.0.113.7", {"remote": "192.0.2.9"}),  # not a trusted proxy: the header is the client's word
        ("127.0.0.1", "127.0.0.1", "unknown", {"remote": "127.0.0.1"}),
        ("127.0.0.1", "127.0.0.1", None, {"remote": "127.0.0.1"}),
    ],
)
def test_the_client_address_comes_from_a_trusted_proxy_only(allowed, peer, forwarded, expected):
    environ = {"REMOTE_ADDR": peer, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}
    assert addresses(environ, config(allowed)) == expected

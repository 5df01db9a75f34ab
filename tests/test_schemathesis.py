"""Property-based tests generated from the OpenAPI spec: no 5xx, every response as documented (slow suite).

schemathesis reads the spec at collection time; the app it reads it from serves the session's
one core (conftest.shared_core), so collecting this module costs no extra jieba build.
"""

import pytest
import schemathesis
from conftest import shared_core
from hypothesis import HealthCheck, settings

from glossary_api import create_app

# A request the spec rules out may also be refused as 412: If-Match documents `*` only (the tags are weak, so any
# tag fails the strong comparison), and a 412 is that refusal, as RFC 9110 says, not an accepted request.
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "412", "415", "422", "428", "429"]}}}
)
core = shared_core()
schema = schemathesis.openapi.from_wsgi(
    "/openapi.json", create_app({"TESTING": True}, glossary=core.glossary, classifier=core.classifier), config=CONFIG
)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_spec(case):
    case.call_and_validate()

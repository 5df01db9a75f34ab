"""Property-based tests generated from the OpenAPI spec: no 5xx, every response as documented."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from glossary_api import create_app

schema = schemathesis.openapi.from_wsgi("/openapi.json", create_app({"TESTING": True}))


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_spec(case):
    case.call_and_validate()

"""JSON responses through orjson: about ten times faster than the json module on a decision or a lookup.

What orjson will not write (an integer over 64 bits, a string holding a lone surrogate) falls back
to Flask's own provider, so every answer the json module could give is still given.
"""

from __future__ import annotations

import orjson
from flask import Response
from flask.json.provider import DefaultJSONProvider


class FastJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider with orjson for responses and dumps; keys in the order the schemas give them."""

    ensure_ascii = False
    sort_keys = False

    def dumps(self, obj: object, **kwargs: object) -> str:
        if not kwargs:
            try:
                return orjson.dumps(obj).decode()
            except TypeError:  # orjson.JSONEncodeError
                pass
        return super().dumps(obj, **kwargs)

    def response(self, *args: object, **kwargs: object) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        try:
            body = orjson.dumps(obj)
        except TypeError:
            return super().response(obj)
        return self._app.response_class(body, mimetype=self.mimetype)

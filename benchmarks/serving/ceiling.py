"""The ceiling for the load benchmark: a trivial Flask app served by the same gunicorn settings.

GET /ping answers a small JSON object; POST /echo answers the JSON it was sent. Whatever the
service spends beyond these is its own work (parsing, classifying, serializing, logging).
"""

from __future__ import annotations

from flask import Flask, request

app = Flask(__name__)


@app.get("/ping")
def ping() -> dict:
    return {"status": "ok"}


@app.post("/echo")
def echo() -> dict:
    return request.get_json()

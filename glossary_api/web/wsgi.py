"""The WSGI entry point for servers: `gunicorn -c python:glossary_api.web.gunicorn_conf` serves `app`.

Building the app loads the glossary and the jieba dictionary (a second or two); gunicorn preloads
this module in its master, so the workers share what was loaded.
"""

from __future__ import annotations

from . import create_app

app = create_app()

"""WSGI entry point from a checkout: `gunicorn wsgi:app`; an installed package uses `navi.web.wsgi:app`."""

from navi.web.wsgi import app

__all__ = ["app"]

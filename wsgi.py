"""WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from navi import create_app

app = create_app()

"""Todokede Navi (届出ナビ): the application factory."""

from __future__ import annotations

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the web app for the configured role (kiosk, counter or all)."""
    from navi.web.app import build_app

    return build_app(test_config)

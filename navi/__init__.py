"""Todokede Navi (届出ナビ): the application factory."""

from __future__ import annotations

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the web app for the configured role: the wizard (kiosk), the counter and its editor (counter),
    or both (all)."""
    from navi.web.app import build_app

    def blueprints(role) -> list:
        from navi import catalog_admin, counter, wizard

        return [*([wizard.bp] if role.serves_residents else []),
                *([counter.bp, catalog_admin.bp] if role.serves_staff else [])]

    return build_app(test_config, blueprints)

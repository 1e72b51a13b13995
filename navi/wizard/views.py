"""Wizard pages: thin views that read the session, call the domain and render."""

from __future__ import annotations

from flask import current_app, render_template

from navi.wizard import bp


@bp.get("/")
def start():
    """Start page: what the service does, how long it takes, what to have at hand."""
    catalog = current_app.extensions["navi.catalog"]
    minutes = current_app.config["KIOSK_IDLE_SECONDS"] // 60
    return render_template("wizard/start.html", catalog=catalog, idle_minutes=minutes)

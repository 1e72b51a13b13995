"""Staff-assisted mode (北見 model): a clerk runs the wizard for a resident; the case is made directly."""

from __future__ import annotations

from flask import current_app

from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts


def available() -> bool:
    """Assisted mode needs the counter in the same app (role `all`); a lobby kiosk never offers it."""
    return current_app.config["NAVI_ROLE"] == "all"


def clerk():
    """The signed-in clerk helping the resident, or None."""
    if not available():
        return None
    from navi.web.staff_auth import assisting_staff

    return assisting_staff()


def create_case(db, facts: Facts, catalog: Catalog, staff) -> int:
    """Record the resident's case at once (no QR code needed); returns its id."""
    from navi.records.cases import create_case_from_facts

    return create_case_from_facts(db, facts, catalog, staff, source="assisted").id

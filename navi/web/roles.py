"""The role this app serves (design.md §1), chosen once in `create_app`: which users it serves and which
blueprints it registers."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

ROLES = ("kiosk", "counter", "all")


@dataclass(frozen=True)
class Role:
    """`kiosk` (residents only), `counter` (staff only) or `all` (both, for a demo or a small office)."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in ROLES:
            raise ValueError(f"NAVI_ROLE must be one of {', '.join(ROLES)}")

    @property
    def serves_residents(self) -> bool:
        """Whether the resident wizard runs here."""
        return self.name in ("kiosk", "all")

    @property
    def serves_staff(self) -> bool:
        """Whether the counter and the catalog editor run here (private keys, case records)."""
        return self.name in ("counter", "all")

    @property
    def assisted_entry(self) -> bool:
        """Whether a clerk can run the wizard for a resident: both sides must be in the same app."""
        return self.name == "all"


def current_role() -> Role:
    """The role of the app serving this request."""
    return current_app.extensions["navi.role"]

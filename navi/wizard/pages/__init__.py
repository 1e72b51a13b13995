"""The wizard's page kinds: one class per kind of step, each with its form, its partial template
(templates/wizard/pages/<name>.html) and how an answer updates the draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from navi.domain.catalog.model import Catalog
from navi.domain.steps import Draft, Step


@dataclass
class Page:
    """A page ready to render or to take an answer."""

    step: Step
    kind: PageKind
    form: Any
    title: str
    hint: str | None = None
    # A page of several questions: (field, question, hint) for each.
    questions: list = field(default_factory=list)

    @property
    def template(self) -> str:
        """The partial template that lays out this page's fields."""
        return f"wizard/pages/{self.kind.template}.html"


class PageKind:
    """How one kind of step is asked: build its page from the draft, apply a valid answer to the draft."""

    kinds: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[str] = ""

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The page for `step`, its form bound to `formdata` (a POST) or filled from the draft."""
        raise NotImplementedError

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Copy a validated answer into the draft; False (with errors on the form) if it doesn't fit."""
        raise NotImplementedError


def bind(form_class: type, formdata) -> Any:
    """An instance of a per-request form class, bound to the POST or empty."""
    return form_class(formdata=formdata)


def _registry() -> dict[str, PageKind]:
    from navi.wizard.pages import address, choices, filers, people

    kinds: dict[str, PageKind] = {}
    for cls in (*choices.KINDS, *people.KINDS, *filers.KINDS, address.AddressPage):
        for kind in cls.kinds:
            kinds[kind] = cls()
    return kinds


KINDS: dict[str, PageKind] = {}


def build(step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
    """The page for a step, its form bound to `formdata` (a POST) or filled from the draft."""
    if not KINDS:
        KINDS.update(_registry())
    return KINDS[step.kind].build(step, draft, catalog, formdata)


def apply(page: Page, draft: Draft, catalog: Catalog) -> bool:
    """Copy a validated answer into the draft; False (with errors on the form) if it doesn't fit."""
    return page.kind.apply(page, draft, catalog)

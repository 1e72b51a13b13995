"""What the wizard never asked a member, so the counter shows 未確認 instead of a value it cannot know."""

from __future__ import annotations

from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.interview import ATTRIBUTES, form_facts, plausible_values, relevant_members


def unasked_attributes(facts: Facts, catalog: Catalog) -> dict[str, set[str]]:
    """Per member, the household-wide attributes the wizard never asked them (no answer could change the plan
    or a form), leaving out those their age fixes (no pension before 20): those are known all the same."""
    printed = form_facts(facts, catalog)  # one full plan for every attribute (each reads it)
    asked = {fact: set(relevant_members(facts, catalog, fact, printed)) for fact in ATTRIBUTES}
    field_of = {"foreign": "nationality"}
    return {m.id: {field_of.get(fact, fact) for fact, members in asked.items()
                   if m.id not in members and len(plausible_values(fact, m, facts.event_date)) > 1}
            for m in facts.members}

"""Who files (届出人) and who claims (請求者): the members who may, and whether the wizard must ask.

Only members of the household are offered. Someone from outside it (a relative filing a death, a 代理人)
writes their own name in the form's 届出人 boxes at the counter.
"""

from __future__ import annotations

from dataclasses import dataclass

from navi.domain.catalog.model import Catalog, Form
from navi.domain.dates import legal_age
from navi.domain.facts import Facts, Member, Relation
from navi.domain.interview import signature

# 住民基本台帳法 sets no filing age (a filer needs 意思能力; city pages accept 本人・世帯主・同一世帯の方 and
# some name 15 or 16 and over). Until the city says, the wizard offers adults (成年, 民法4条): a catalog
# parameter, `filer_min_age`, changes it.
DEFAULT_FILER_MIN_AGE = 18
PARENTS = (Relation.HEAD, Relation.SPOUSE)


@dataclass(frozen=True)
class WhoQuestions:
    """The questions a draft needs on the check page, each with the member ids to choose from (empty: not
    asked), and the claim form whose catalog entry words the claimant question."""

    notifier: tuple[str, ...] = ()
    claimant: tuple[str, ...] = ()
    claim_form: Form | None = None


def present(facts: Facts) -> list[Member]:
    """The members who can act at the counter after the event: never the deceased of a death, and for a
    転入 only those moving in (the others are not in the new household)."""
    people = [m for m in facts.members if not (facts.event == "death" and m.subject)]
    return [m for m in people if m.moving] if facts.event == "moving_in" else people


def parents(facts: Facts) -> list[Member]:
    """The head and the spouse (世帯主・配偶者) among those present, head first; none after a divorce (the
    two no longer raise the children together: the one who files for them claims)."""
    if facts.event == "divorce":
        return []
    return sorted((m for m in present(facts) if m.relation in PARENTS), key=lambda m: PARENTS.index(m.relation))


def possible_notifiers(facts: Facts, catalog: Catalog) -> tuple[str, ...]:
    """The members who may file: those present of the filing age on the event date."""
    age = catalog.info.parameters_on(facts.event_date).get("filer_min_age", DEFAULT_FILER_MIN_AGE)
    return tuple(m.id for m in present(facts) if legal_age(m.birth_date, facts.event_date) >= int(age))


def possible_claimants(facts: Facts, children: set[str]) -> tuple[str, ...]:
    """The parents who may claim for these children: the head and the spouse when the children are theirs
    (続柄「子」; grandchildren's parents are not told apart by 続柄 to the head)."""
    kids = [m for m in facts.members if m.id in children]
    if not kids or any(m.relation is not Relation.CHILD for m in kids):
        return ()
    return tuple(m.id for m in parents(facts))


def reads(form: Form, role: str) -> bool:
    """Whether a form prints a fact of this role (`notifier.*`, `claimant.*`)."""
    return any(f.source.startswith(f"{role}.") for f in form.fields)


def filed_forms(facts: Facts, catalog: Catalog, planned: frozenset) -> dict[str, set[str]]:
    """The forms the plan files (`planned`: interview.signature), each with the members its procedures concern."""
    forms: dict[str, set[str]] = {}
    for procedure_id, member_ids in planned:
        procedure = catalog.procedure(procedure_id)
        for form_id in () if procedure.automatic else procedure.forms:
            forms.setdefault(form_id, set()).update(member_ids)
    return forms


def who_questions(facts: Facts, catalog: Catalog, planned: frozenset | None = None) -> WhoQuestions:
    """Who files is asked when a filed form prints the 届出人 and several members may file; who claims, when
    a filed form has a claimant question and both parents may claim (`planned`: the plan's signature)."""
    planned = signature(facts, catalog) if planned is None else planned
    known = {f.id: f for f in catalog.forms}
    filed = {form_id: members for form_id, members in filed_forms(facts, catalog, planned).items()
             if form_id in known}
    notifiers = possible_notifiers(facts, catalog)
    asks_notifier = len(notifiers) > 1 and any(reads(known[form_id], "notifier") for form_id in filed)
    claim = next((known[form_id] for form_id in filed if known[form_id].claimant is not None), None)
    claimants = possible_claimants(facts, filed[claim.id]) if claim is not None else ()
    return WhoQuestions(notifiers if asks_notifier else (), claimants if len(claimants) > 1 else (),
                        claim if len(claimants) > 1 else None)

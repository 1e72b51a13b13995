"""Which steps share a page (several event questions; the yes/no attributes of a household), when a shared
page counts as answered, and on which page the fact behind a household problem is fixed."""

from __future__ import annotations

from navi.domain.steps import Step


def question_steps(questions: list, reads: dict[str, set[str]]) -> list[Step]:
    """The pages that ask these questions: those answered by a choice share one page (`qs`, ids joined by
    "+"), unless asking one depends on the answer to another (that one gets its own page after)."""
    radio = [q for q in questions if q.kind in ("yes_no", "choice")]
    ids = {f"answer.{q.id}" for q in radio}
    together = [q for q in radio if not ids & reads[q.id]]
    if len(together) < 2:
        return [Step("q", q.id) for q in questions]
    rest = [Step("q", q.id) for q in questions if q not in together]
    return [Step("qs", "+".join(q.id for q in together)), *rest]


def shared_flags(pages: list[Step], yes_no: set[str]) -> list[Step]:
    """Yes/no attributes (国籍, マイナンバーカード, 障害者手帳…) asked of the same household share one page
    (`flags`, members as "fact/member id"), where the first of them was asked."""
    flags = [s for s in pages if s.kind == "attr" and s.arg in yes_no]
    if len(flags) < 2:
        return pages
    shared = Step("flags", members=tuple(f"{s.arg}/{m}" for s in flags for m in s.members))
    first = pages.index(flags[0])
    rest = [s for s in pages if s not in flags]
    return [*rest[:first], shared, *rest[first:]]


def answered(step: Step, done: set[str]) -> bool:
    """Whether a step's answer is in (a shared page: each of its questions or attributes)."""
    if step.kind == "flags":
        return all(f"flag-{pair}" in done for pair in step.members)
    if step.kind == "qs":
        return all(f"q-{question_id}" in done for question_id in step.arg.split("+"))
    return step.id in done


# Household-wide problems and the page whose answer settles them.
PROBLEM_PAGES = {"no_moving_member": "moving", "one_subject_needed": "subject", "several_heads": "person-0"}


def step_for_problem(path: str, code: str = "") -> str:
    """The page where the fact at a problem's JSON path is entered (`$.members[2].birth_date` → person-2)."""
    if code in PROBLEM_PAGES:
        return PROBLEM_PAGES[code]
    if path.startswith("$.members["):
        return f"person-{path[len('$.members['):].split(']', 1)[0]}"
    if path == "$.members":
        return "count"
    head = path.removeprefix("$.").split(".", 1)
    if head[0] == "answers" and len(head) > 1:
        return f"q-{head[1]}"
    if head[0] in ("from_address", "to_address", "address"):
        return f"address-{head[0]}"
    # Who files and who claims are chosen on the check page itself.
    return {"event_date": "date", "event": "event", "office": "office", "notifier": "check",
            "claimant": "check"}.get(head[0], "event")

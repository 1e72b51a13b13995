"""Conditions as editable rows: a tree of groups (all, any, not, some member, count of members) and rows of
fact / operator / value, converted to and from the catalog's condition data and from posted form fields.

The editor never takes a condition as code: every row is a fact from `FACTS` (or `answer.<question>`), an
operator, and a value of that fact (or a catalog parameter). Problems come back as codes by field name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from navi.domain.catalog.model import Catalog
from navi.domain.conditions import FACTS

GROUPS = ("all", "any", "not", "some_member", "count_members")
OPERATORS = ("eq", "ne", "in", "not_in", "lt", "le", "gt", "ge")
COUNT_OPERATORS = ("eq", "ne", "lt", "le", "gt", "ge")
LIST_OPERATORS = ("in", "not_in")
PREFIX = "c"
_SPLIT = re.compile(r"[,、，\s]+")


@dataclass
class Node:
    """One row (kind `leaf`) or group of the editor; values are kept as the strings the form shows."""

    kind: str
    fact: str = ""
    op: str = "eq"
    values: list[str] = field(default_factory=list)
    param: str = ""
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class FactChoice:
    """A fact the editor offers: its scope, its values for a select (None: typed in) and how to read them."""

    name: str
    scope: str
    kind: type
    values: tuple[Any, ...] | None
    ordered: bool = False


def fact_choices(catalog: Catalog) -> dict[str, FactChoice]:
    """Every fact a condition may name: the interpreter's facts, then one per catalog question."""
    choices = {name: FactChoice(name, spec.scope, spec.kind,
                                spec.values if spec.values is not None else (False, True) if spec.kind is bool
                                else None, spec.ordered)
               for name, spec in FACTS.items()}
    for question in catalog.questions:
        if question.kind == "yes_no":
            values: tuple[Any, ...] | None = (True, False)
        elif question.kind == "choice":
            values = tuple(choice.value for choice in question.choices)
        else:
            values = None
        kind = int if question.kind == "number" else bool if question.kind == "yes_no" else str
        choices[f"answer.{question.id}"] = FactChoice(f"answer.{question.id}", "household", kind, values,
                                                      question.kind == "number")
    return choices


def text(value: Any) -> str:
    """A value as the form shows it (true/false, digits, or the string)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def node_from_condition(condition: dict[str, Any]) -> Node:
    """The editor tree of a condition document."""
    for kind in ("all", "any"):
        if kind in condition:
            return Node(kind, children=[node_from_condition(part) for part in condition[kind]])
    if "not" in condition:
        return Node("not", children=[node_from_condition(condition["not"])])
    if "some_member" in condition:
        return Node("some_member", children=[node_from_condition(condition["some_member"])])
    if "count_members" in condition:
        node = Node("count_members", op=condition.get("op", "ge"),
                    children=[node_from_condition(condition["count_members"])])
        _set_value(node, condition.get("value"))
        return node
    node = Node("leaf", fact=condition.get("fact", ""), op=condition.get("op", "eq"))
    _set_value(node, condition.get("value"))
    return node


def _set_value(node: Node, value: Any) -> None:
    if isinstance(value, dict) and "param" in value:
        node.param = str(value["param"])
    elif isinstance(value, list):
        node.values = [text(item) for item in value]
    elif value is not None:
        node.values = [text(value)]


def node_at(root: Node, path: str) -> Node | None:
    """The node at a path such as `r.0.2` (`r` is the root)."""
    node = root
    for part in path.split(".")[1:]:
        if not part.isdigit() or int(part) >= len(node.children):
            return None
        node = node.children[int(part)]
    return node


def node_from_fields(fields: Mapping[str, list[str]]) -> Node:
    """The editor tree from posted fields named `c.<path>.<part>` (kind, fact, op, value, param)."""
    nodes: dict[tuple[int, ...], Node] = {}
    for name in fields:
        parts = name.split(".")
        if len(parts) >= 3 and parts[0] == PREFIX and parts[1] == "r" and parts[-1] == "kind":
            if not all(p.isdigit() for p in parts[2:-1]):
                continue
            path = tuple(int(p) for p in parts[2:-1])
            base = ".".join(parts[:-1])
            kind = _first(fields, f"{base}.kind")
            values = [v for raw in fields.get(f"{base}.value", []) for v in _SPLIT.split(raw.strip()) if v]
            nodes[path] = Node(kind if kind in (*GROUPS, "leaf") else "leaf", _first(fields, f"{base}.fact"),
                               _first(fields, f"{base}.op") or "eq", values, _first(fields, f"{base}.param"))
    root = nodes.get((), Node("all"))
    for path in sorted(p for p in nodes if p):
        parent = nodes.get(path[:-1])
        if parent is not None:
            parent.children.append(nodes[path])
    return root


def _first(fields: Mapping[str, list[str]], name: str) -> str:
    found = fields.get(name) or [""]
    return found[0].strip()


def apply_action(root: Node, action: str) -> Node:
    """The tree after an editor button: `add:<path>` a row, `group:<path>` a group, `remove:<path>`."""
    verb, _, path = action.partition(":")
    target = node_at(root, path) if path else None
    if target is None:
        return root
    if verb in ("add", "group"):
        new = Node("leaf") if verb == "add" else Node("any", children=[Node("leaf")])
        if target.kind == "leaf":
            # A single row becomes a group of two, so a second row can join it.
            wrapped = Node(target.kind, target.fact, target.op, target.values, target.param)
            target.kind, target.fact, target.op, target.values, target.param = "all", "", "eq", [], ""
            target.children = [wrapped, new]
        else:
            target.children.append(new)
    elif verb == "remove" and path != "r":
        parent = node_at(root, path.rsplit(".", 1)[0])
        index = int(path.rsplit(".", 1)[1])
        if parent is not None and index < len(parent.children):
            del parent.children[index]
    return root


def condition_from_node(root: Node, choices: Mapping[str, FactChoice],
                        parameters: Mapping[str, Any]) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """The condition document of an editor tree, or None and every problem as (field name, code)."""
    problems: list[tuple[str, str]] = []
    condition = _convert(root, "r", choices, parameters, problems)
    return (None if problems else condition), problems


def _convert(node: Node, path: str, choices: Mapping[str, FactChoice], parameters: Mapping[str, Any],
             problems: list[tuple[str, str]]) -> dict[str, Any]:
    name = f"{PREFIX}.{path}"
    if node.kind == "leaf":
        if not node.fact:
            problems.append((f"{name}.fact", "fact_missing"))
            return {}
        if node.op not in OPERATORS:
            problems.append((f"{name}.op", "op_unknown"))
            return {}
        return {"fact": node.fact, "op": node.op, "value": _value(node, name, choices.get(node.fact), parameters,
                                                                   problems)}
    parts = [_convert(child, f"{path}.{i}", choices, parameters, problems) for i, child in enumerate(node.children)]
    if not parts:
        problems.append((f"{name}.kind", "group_empty"))
        return {}
    if node.kind in ("all", "any"):
        return {node.kind: parts}
    single = parts[0] if len(parts) == 1 else {"all": parts}
    if node.kind != "count_members":
        return {node.kind: single}
    if node.op not in COUNT_OPERATORS:
        problems.append((f"{name}.op", "op_unknown"))
    count = _value(node, name, FactChoice("count", "household", int, None, True), parameters, problems)
    return {"count_members": single, "op": node.op, "value": count}


def _value(node: Node, name: str, choice: FactChoice | None, parameters: Mapping[str, Any],
           problems: list[tuple[str, str]]) -> Any:
    if node.param:
        if node.param not in parameters:
            problems.append((f"{name}.param", "param_unknown"))
        return {"param": node.param}
    many = node.kind == "leaf" and node.op in LIST_OPERATORS
    if not node.values or (not many and len(node.values) > 1):
        problems.append((f"{name}.value", "value_missing" if not node.values else "value_one"))
        return None
    typed = [_typed(item, choice) for item in node.values]
    if any(item is None for item in typed):
        problems.append((f"{name}.value", "value_invalid"))
        return None
    return typed if many else typed[0]


def _typed(raw: str, choice: FactChoice | None) -> Any:
    """A form string as the fact's value; None when the fact has no such value."""
    if choice is None:  # a fact the interpreter doesn't know: keep what was there (the checks name it)
        return {"true": True, "false": False}.get(raw, int(raw) if raw.lstrip("-").isdigit() else raw)
    if choice.values is not None:
        return next((value for value in choice.values if text(value) == raw), None)
    if choice.kind is int:
        return int(raw) if raw.lstrip("-").isdigit() else None
    return raw

"""A blueprint's URL table: (rule, view, methods) rows, readable in one place in its __init__.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Blueprint


def add_urls(blueprint: Blueprint, urls: Iterable[tuple[str, Callable, list[str]]]) -> None:
    """Register every row of a URL table; each view's endpoint is its function's name."""
    for rule, view, methods in urls:
        blueprint.add_url_rule(rule, view_func=view, methods=methods)

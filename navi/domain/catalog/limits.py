"""Limits on what a supervisor or another office hands in (catalog folders, zips, bundles): sizes and nesting
checked before anything is parsed or validated, so a hostile file is refused in words, quickly.
"""

from __future__ import annotations

from typing import Any

import yaml

# Bytes one YAML file may have (the largest of the default catalog has 13 KB) and all of them together: bounds
# the time reading them takes (PyYAML reads about 2 MB a second).
MAX_YAML_BYTES = 1024 * 1024
MAX_YAML_TOTAL = 4 * 1024 * 1024
# Levels of nesting any catalog value may have (a condition of groups within groups is a few levels deep).
MAX_DEPTH = 64


class TooDeep(ValueError):
    """A value nested more than MAX_DEPTH levels; `path` says where."""

    def __init__(self, path: str):
        super().__init__(f"nested more than {MAX_DEPTH} levels deep")
        self.path = path


def check_depth(data: Any, root: str = "$") -> None:
    """Raise TooDeep naming the first place `data` nests past MAX_DEPTH (walked without recursion)."""
    pending = [(data, root, 0)]
    while pending:
        value, path, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise TooDeep(path)
        if isinstance(value, dict):
            pending += [(item, f"{path}.{key}", depth + 1) for key, item in value.items()]
        elif isinstance(value, list):
            pending += [(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value)]


class CatalogYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases (an alias bomb multiplies a small file a billion times)
    and refusing nesting past MAX_DEPTH while composing (before any Python object is built)."""

    def compose_node(self, parent, index):
        """PyYAML's hook for each node: refuse an anchor, an alias or one level too many."""
        if self.check_event(yaml.AliasEvent) or getattr(self.peek_event(), "anchor", None):
            raise yaml.composer.ComposerError(None, None, "anchors and aliases (& and *) are not allowed",
                                              self.peek_event().start_mark)
        self._navi_depth = getattr(self, "_navi_depth", 0) + 1
        try:
            if self._navi_depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._navi_depth -= 1

"""Charts as SVG drawn on the server by matplotlib's SVG backend, made CSP-clean: no <style> block and no
style="" attribute (each declaration becomes the SVG presentation attribute of the same name)."""

from __future__ import annotations

import io
import re
import threading
from functools import cache
from pathlib import Path

from markupsafe import Markup

FONT = Path(__file__).resolve().parent.parent / "pdf" / "fonts" / "BIZUDGothic-Regular.ttf"
# pyplot keeps global state; the figures page may be drawn by two threads of one worker at once.
_LOCK = threading.Lock()
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_BLOCK = re.compile(r"<style[^>]*>.*?</style>", re.S)
_BAR = "#1d4f91"


@cache
def _font_family() -> str:
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT))
    return font_manager.FontProperties(fname=str(FONT)).get_name()


def _attributes(match: re.Match) -> str:
    pairs = [part.split(":", 1) for part in match.group(1).split(";") if ":" in part]
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def csp_clean(svg: str) -> str:
    """The SVG with its style block and style attributes turned into presentation attributes."""
    svg = _STYLE_BLOCK.sub("", svg)
    svg = _STYLE.sub(_attributes, svg)
    # The style block only set these defaults for every shape; on the root they are inherited the same way.
    svg = svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return svg[svg.index("<svg"):]  # no XML declaration or doctype inside an HTML page


def _own_ids(svg: str, prefix: str) -> str:
    """Every id of the chart prefixed, so several charts on one page never share one."""
    svg = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    return re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}-{m.group(1)}"', svg)


def bar_chart(chart_id: str, labels: list[str], values: list[float], title: str, unit: str) -> Markup:
    """A horizontal bar chart as inline SVG; the page shows the same figures in a table beside it."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.figure import Figure

    with _LOCK, matplotlib.rc_context({"font.family": _font_family(), "svg.hashsalt": "navi",
                                       "svg.fonttype": "path", "font.size": 11}):
        figure = Figure(figsize=(6, 1.4 + 0.4 * max(len(labels), 1)), dpi=72, layout="constrained")
        axes = figure.add_subplot()
        axes.barh(range(len(values)), values, color=_BAR)
        axes.set_yticks(range(len(labels)), labels)
        axes.invert_yaxis()
        axes.set_xlabel(unit)
        axes.set_title(title)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    svg = _own_ids(csp_clean(out.getvalue()), chart_id)
    svg = svg.replace("<svg ", f'<svg id="{chart_id}" role="img" aria-label="{Markup.escape(title)}" class="chart" ', 1)
    return Markup(svg)  # noqa: S704 - drawn here from numbers and escaped labels, no user markup

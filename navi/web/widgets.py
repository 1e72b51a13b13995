"""WTForms' attribute writer swapped for one that writes the same HTML in a fraction of the time.

WTForms writes each attribute of every input, option and select through `Markup.format`: a fifth of a wizard
page's CPU (bench/cpu_profile.py). `install()` puts `html_params` in its place once, when the app is made;
tests/test_widgets.py holds it to WTForms' own output.
"""

from __future__ import annotations

import wtforms.widgets
from markupsafe import Markup, escape
from wtforms.widgets import core

WTFORMS_HTML_PARAMS = core.html_params  # kept: the reference the tests compare with


def html_params(**kwargs) -> Markup:
    """HTML attributes from keyword arguments exactly as WTForms writes them: sorted by name, `class_` as
    `class`, `data_`/`aria_` with hyphens, True as a bare attribute, False left out, values escaped."""
    params = []
    for key, value in sorted(kwargs.items()):
        if value is False:
            continue
        name = escape(core.clean_key(key))
        if value is True:
            params.append(name)
        else:
            # escape() leaves a Markup value as it is: WTForms writes its double quotes as &quot; all the same.
            params.append(f'{name}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return Markup(" ".join(params))  # noqa: S704 -- every name and value escaped above


def install() -> None:
    """Make WTForms' widgets (and their labels) write attributes with `html_params`."""
    core.html_params = html_params  # Select, TextArea, options, lists: a module-level name in WTForms
    core.Input.html_params = staticmethod(html_params)  # every <input>: a class attribute
    wtforms.widgets.html_params = html_params  # Label

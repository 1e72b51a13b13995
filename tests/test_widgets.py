"""navi.web.widgets writes the attributes WTForms would, character for character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from wtforms import Form, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from navi.web import widgets

NAMES = st.sampled_from(["class_", "id", "name", "value", "for_", "data_step_id", "aria_describedby", "required",
                         "autocomplete", "inputmode", "maxlength", "type", "checked", "x"])
VALUES = st.one_of(st.booleans(), st.integers(-5, 500), st.none(), st.text(max_size=12),
                   st.text(alphabet='<>&"\' a', max_size=8).map(Markup))


@given(st.dictionaries(NAMES, VALUES, max_size=8))
def test_same_attributes_as_wtforms(attributes):
    ours, theirs = widgets.html_params(**attributes), widgets.WTFORMS_HTML_PARAMS(**attributes)
    assert ours == theirs
    assert type(ours) is type(theirs) is Markup


def test_quotes_and_markup_escaped():
    written = widgets.html_params(value='"><script>', title=Markup('a "b"'), hidden=True, disabled=False)
    assert written == 'hidden title="a &quot;b&quot;" value="&#34;&gt;&lt;script&gt;"'


class _Sample(Form):
    name = StringField("Name", validators=[InputRequired(), Length(max=20)])
    era = SelectField("Era", choices=[SelectChoice("r", "令和"), SelectChoice("h", "平成 & <>")])
    kind = RadioField("Kind", choices=[SelectChoice("a", "A"), SelectChoice("b", "B")])


def _rendered() -> str:
    form = _Sample(data={"name": 'O"Brien <x>', "era": "h", "kind": "b"})
    return "".join([form.name(class_="input", aria_describedby="name-hint"), form.era(class_="select"),
                    *(str(option(class_="choice-input")) for option in form.kind), form.name.label(for_="x")])


def test_installed_widgets_render_as_wtforms_does(monkeypatch):
    # WTForms' own writer first (an app made earlier in the run has installed ours), then ours.
    monkeypatch.setattr(widgets.core, "html_params", widgets.WTFORMS_HTML_PARAMS)
    monkeypatch.setattr(widgets.core.Input, "html_params", staticmethod(widgets.WTFORMS_HTML_PARAMS))
    monkeypatch.setattr(widgets.wtforms.widgets, "html_params", widgets.WTFORMS_HTML_PARAMS)
    theirs = _rendered()
    widgets.install()
    assert widgets.core.html_params is widgets.html_params
    assert _rendered() == theirs
    assert 'maxlength="20"' in theirs and "required" in theirs and 'selected value="h"' in theirs

"""The warm-up before gunicorn forks: every template compiled, the PDF font parsed, in the master."""

from __future__ import annotations

from navi.pdf import fonts
from navi.web.warmup import warm


def test_every_template_is_compiled_before_the_first_request(app):
    names = app.jinja_env.list_templates(extensions=["html"])
    assert len(names) > 20
    warm(app)
    compiled = {template.name for template in app.jinja_env.cache.values()}
    assert compiled >= set(names)
    assert fonts.font().face.charToGlyph  # parsed once, here


def test_pages_still_render_after_the_warm_up(app, client_request):
    warm(app)
    assert client_request.get("/").h1.get_text(strip=True)

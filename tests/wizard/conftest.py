"""Wizard fixtures: a kiosk app with CSRF off for form posts from the test client."""

import pytest

from navi import create_app
from navi.instance import prepare_instance


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False})
    prepare_instance(app)
    return app

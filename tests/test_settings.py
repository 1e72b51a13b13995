"""<instance>/settings.py overrides the defaults (docs/operations.md says what belongs there)."""

from __future__ import annotations

from navi import create_app
from navi.instance.layout import InstanceLayout


def test_the_instance_settings_file_is_read(tmp_path, monkeypatch):
    layout = InstanceLayout(tmp_path / "instance")
    layout.root.mkdir()
    layout.settings_file.write_text('KIOSK_IDLE_SECONDS = 14\nSECRET_KEY = "shared by every host"\n'
                                    "HSTS_SECONDS = 0\n", encoding="utf-8")
    monkeypatch.setenv("NAVI_INSTANCE", str(layout.root))
    app = create_app()
    assert app.config["KIOSK_IDLE_SECONDS"] == 14
    assert app.config["SECRET_KEY"] == "shared by every host"
    assert app.config["HSTS_SECONDS"] == 0
    assert not layout.secret_key_file.exists()  # the shared key is used, none is made for this host


def test_settings_given_by_a_test_still_win_over_the_file(tmp_path, monkeypatch):
    layout = InstanceLayout(tmp_path / "instance")
    layout.root.mkdir()
    layout.settings_file.write_text("KIOSK_IDLE_SECONDS = 14\n", encoding="utf-8")
    monkeypatch.setenv("NAVI_INSTANCE", str(layout.root))
    assert create_app({"KIOSK_IDLE_SECONDS": 90, "SECRET_KEY": "t"}).config["KIOSK_IDLE_SECONDS"] == 90

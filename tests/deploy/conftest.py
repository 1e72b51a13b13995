"""The installed wheel, built once per test session and shared by the packaging and the namespace tests."""

from __future__ import annotations

import pytest

from tests.deploy.wheel import build_wheel, install_in_fresh_venv


@pytest.fixture(scope="session")
def installed_navi(tmp_path_factory) -> object:
    """The bin folder of a fresh virtualenv holding only the wheel and its dependencies."""
    scratch = tmp_path_factory.mktemp("wheel")
    return install_in_fresh_venv(build_wheel(scratch), scratch / "venv")

"""The installed wheel and the city deployed from it (hosts in namespaces), once for the tests in this folder."""

from __future__ import annotations

import pytest

from tests.deploy.city import deploy, open_counter
from tests.deploy.netns import City
from tests.deploy.wheel import build_wheel, install_in_fresh_venv


@pytest.fixture(scope="package")
def installed_navi(tmp_path_factory) -> object:
    """The bin folder of a fresh virtualenv holding only the wheel and its dependencies."""
    scratch = tmp_path_factory.mktemp("wheel")
    return install_in_fresh_venv(build_wheel(scratch), scratch / "venv")


@pytest.fixture(scope="package")
def city(installed_navi, tmp_path_factory):
    """Every host running, the clerks' accounts made; everything stopped and deleted afterwards."""
    deployment = deploy(City(), tmp_path_factory.mktemp("city"), installed_navi)
    try:
        open_counter(deployment)
        yield deployment
    finally:
        deployment.stop()

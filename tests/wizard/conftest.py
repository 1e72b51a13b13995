"""Wizard tests post forms from the test client, so CSRF tokens are off here (the browser tests keep them)."""

import pytest


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}

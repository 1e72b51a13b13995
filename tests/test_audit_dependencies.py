"""The CI dependency audit (scripts/audit_dependencies.py): fails on a vulnerability, only warns when the
vulnerability service cannot be reached, and audits exactly what the project installs."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def test_a_known_vulnerability_fails_the_build_and_names_the_fix():
    report = {"dependencies": [
        {"name": "flask", "version": "3.1.3", "vulns": []},
        {"name": "jinja2", "version": "2.10", "vulns": [{"id": "PYSEC-2019-217", "fix_versions": ["2.10.1"]}]},
    ]}
    status, message = audit.verdict(report, "")
    assert status == 1 and "jinja2 2.10: PYSEC-2019-217 (fixed in 2.10.1)" in message


def test_a_clean_report_passes():
    status, message = audit.verdict({"dependencies": [{"name": "flask", "version": "3.1.3", "vulns": []}]}, "")
    assert status == 0 and "no known vulnerabilities in 1 dependencies" in message


def test_an_unreachable_service_warns_without_failing():
    status, message = audit.verdict(None, "requests.exceptions.ConnectionError: Max retries exceeded with url")
    assert status == 0 and message.startswith("WARNING") and "NOT audited" in message
    skipped = {"dependencies": [{"name": "flask", "skip_reason": "Dependency not found on PyPI"}]}
    status, message = audit.verdict(skipped, "")
    assert status == 0 and message.startswith("WARNING") and "could not audit any" in message


def test_any_other_failure_of_pip_audit_fails_the_build():
    status, message = audit.verdict(None, "usage: pip-audit: error: unrecognized arguments")
    assert status == 1 and "unrecognized arguments" in message


def test_the_audit_covers_the_project_dependencies_and_nothing_else():
    closure = audit.installed_closure()
    assert {"flask", "sqlalchemy", "cryptography", "gunicorn", "flask-limiter", "pytest", "pip-audit"} <= set(closure)
    assert "todokede-navi" not in closure and "py-spy" not in closure


def test_the_lock_pins_with_hashes_exactly_what_the_tests_run_with():
    text = audit.LOCK.read_text(encoding="utf-8")
    locked = audit.locked_versions(text)
    assert audit.lock_differences(audit.installed_closure(), locked) == []
    assert {"flask", "werkzeug", "pillow", "pypdf", "gunicorn", "pip-audit"} <= set(locked)
    assert text.count("==") == len(locked) and text.count("--hash=sha256:") >= len(locked)
    assert "\n--find-links" not in text and "\n--index-url" not in text  # no package source of this machine


def test_a_lock_that_differs_from_what_is_installed_is_named():
    assert audit.lock_differences({"flask": "3.1.3", "pillow": "13.0.0"}, {"flask": "3.1.2", "pypdf": "7.1.1"}) == [
        "flask 3.1.3 installed, the lock pins 3.1.2", "pillow 13.0.0 installed, the lock pins nothing",
        "pypdf 7.1.1 is pinned but not installed"]

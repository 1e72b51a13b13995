"""Checks the lock file (requirements.lock: every dependency of todokede-navi with its test and postgresql extras,
pinned with hashes) for known vulnerabilities with pip-audit, after checking that what is installed is exactly
what the lock pins. Exit 1 on any vulnerability found or any difference; a vulnerability service that cannot be
reached (or knows none of our packages) is reported clearly and does not fail the build.

Usage (from .ci/run, after installing): python3 scripts/audit_dependencies.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

PROJECT = "todokede-navi"
LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*)==([^\s\\;]+)", re.M)
EXTRAS = ("test", "postgresql")
NETWORK_SIGNS = ("ConnectionError", "ProxyError", "Max retries exceeded", "Name or service not known",
                 "Temporary failure in name resolution", "timed out", "SSLError", "Connection refused",
                 "Network is unreachable")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_closure(project: str = PROJECT, extras: tuple[str, ...] = EXTRAS) -> dict[str, str]:
    """Every installed distribution the project needs (transitively), as name → version."""
    found: dict[str, str] = {}
    pending = [(project, extras)]
    while pending:
        name, wanted = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency for another platform or Python
        key = normalized(dist.metadata["Name"])
        if key in found:
            continue
        found[key] = dist.version
        for text in dist.requires or []:
            requirement = Requirement(text)
            markers = [{"extra": extra} for extra in (*wanted, "")]
            if requirement.marker is None or any(requirement.marker.evaluate(m) for m in markers):
                pending.append((requirement.name, tuple(requirement.extras)))
    found.pop(normalized(project), None)
    return found


def locked_versions(text: str) -> dict[str, str]:
    """The lock file's pins, as name → version."""
    return {normalized(name): version for name, version in PIN.findall(text)}


def lock_differences(installed: dict[str, str], locked: dict[str, str]) -> list[str]:
    """How the installed dependencies differ from the lock (empty when a city runs exactly what was tested)."""
    found = [f"{name} {version} installed, the lock pins {locked.get(name, 'nothing')}"
             for name, version in sorted(installed.items()) if locked.get(name) != version]
    return found + [f"{name} {locked[name]} is pinned but not installed" for name in sorted(locked.keys() - installed)]


def verdict(report: dict | None, errors: str) -> tuple[int, str]:
    """The exit status and the message for pip-audit's JSON report (None when it wrote none) and stderr."""
    if report is None:
        reason = next((sign for sign in NETWORK_SIGNS if sign in errors), None)
        if reason:
            return 0, (f"WARNING pip-audit could not reach the vulnerability service ({reason}): dependencies "
                       "NOT audited this run; not failing the build for a network problem")
        return 1, f"ERROR pip-audit failed:\n{errors.strip()[-2000:]}"
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    if vulnerable:
        lines = [f"  {d['name']} {d['version']}: " + ", ".join(
            f"{v['id']} (fixed in {', '.join(v.get('fix_versions') or ['no release yet'])})" for v in d["vulns"])
            for d in vulnerable]
        return 1, "ERROR known vulnerabilities in installed dependencies:\n" + "\n".join(lines)
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    if dependencies and not audited:
        return 0, (f"WARNING pip-audit could not audit any of {len(dependencies)} dependencies (the vulnerability "
                   f"service did not answer for them: {skipped[0]['skip_reason']}); not failing the build")
    note = f" ({len(skipped)} not audited: {', '.join(d['name'] for d in skipped)})" if skipped else ""
    return 0, f"pip-audit: no known vulnerabilities in {audited} dependencies{note}"


def main() -> int:
    differences = lock_differences(installed_closure(), locked_versions(LOCK.read_text(encoding="utf-8")))
    if differences:
        print("ERROR the installed dependencies are not the locked ones (install with pip install --require-hashes "
              "-r requirements.lock):\n  " + "\n  ".join(differences), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "report.json"
        # --no-deps --disable-pip: audit exactly the pinned versions, without resolving or installing anything.
        run = subprocess.run([sys.executable, "-m", "pip_audit", "--requirement", str(LOCK), "--no-deps",
                              "--disable-pip", "--progress-spinner", "off", "--format", "json", "--output",
                              str(output)], capture_output=True, text=True, timeout=600, check=False)
        report = json.loads(output.read_text()) if output.exists() and output.stat().st_size else None
    status, message = verdict(report, run.stderr + run.stdout)
    print(message, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main())

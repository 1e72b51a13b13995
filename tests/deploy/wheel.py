"""A city's installation for the tests: the wheel built from this checkout, installed in a fresh virtualenv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What a checkout holds besides the sources, at its top and anywhere: never copied into the build folder.
TOP_NOT_SOURCES = {".git", ".venv", "build", "dist", "test-artifacts", "instance", ".hypothesis", ".pytest_cache",
                   ".ruff_cache"}
ANYWHERE_NOT_SOURCES = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def not_sources(folder: str, names: list[str]) -> set[str]:
    """shutil.copytree's ignore: the top-level folders above (navi/instance is a package), caches anywhere."""
    ignored = set(ANYWHERE_NOT_SOURCES(folder, names))
    return ignored | (TOP_NOT_SOURCES & set(names) if Path(folder) == ROOT else set())


def build_wheel(scratch: Path) -> Path:
    """The wheel `pip wheel` builds from a copy of the checkout (so the checkout gets no build/ folder)."""
    source = scratch / "source"
    shutil.copytree(ROOT, source, ignore=not_sources)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(scratch / "dist"),
                    str(source)], check=True, capture_output=True, timeout=300)
    (wheel,) = (scratch / "dist").glob("todokede_navi-*.whl")
    return wheel


def install_in_fresh_venv(wheel: Path, venv: Path, extras: str = "postgresql") -> Path:
    """A new virtualenv with the wheel (and its dependencies) installed; its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"{wheel}[{extras}]"],
                   check=True, capture_output=True, timeout=600)
    return venv / "bin"


def clean_environment(**extra: str) -> dict[str, str]:
    """An environment with nothing of this checkout or the tests' virtualenv in it."""
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", "/root"), **extra}

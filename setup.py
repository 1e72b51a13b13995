"""Build hook: the wheel carries the checkout's top-level templates/ and forms_catalog/ inside the package.

Everything else about the build is declared in pyproject.toml; navi.domain.catalog.loader.shipped_folder finds
these folders both in an installed wheel and in a source checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# Folders that stay at the top of the checkout (the catalog is edited there) and ship as navi/<name>.
SHIPPED = ("templates", "forms_catalog")


class BuildPyWithShippedFolders(build_py):
    """build_py, then a copy of each shipped folder into the built navi package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's folders themselves (shipped_folder)
        for name in SHIPPED:
            target = Path(self.build_lib) / "navi" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithShippedFolders})

"""`python -m navi` runs the `navi` command."""

from navi.cli import main

main()

"""`python -m dlcat_cli`: the same as the `dlcat` command."""

from dlcat_cli.cli import main

main()

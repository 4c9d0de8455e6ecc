"""The `dlcat` command line: the typer app (app.py) with every command module's commands on it.

Commands parse, call the pure core, and render; errors become one line and exit code 1 in app.py.
"""

from dlcat_cli import cli_agenda, cli_browse, cli_files
from dlcat_cli.app import app

__all__ = ["app", "cli_agenda", "cli_browse", "cli_files", "main"]


def main() -> None:
    app(prog_name="dlcat")

"""The `dlcat` command line: the typer app (app.py) with every command module's commands on it.

Commands parse, call the pure core, and render; errors become one line and exit code 1 in app.py.
"""

from dlcat_cli.cli import agenda, browse, files, update
from dlcat_cli.cli.app import app

__all__ = ["agenda", "app", "browse", "files", "main", "update"]


def main() -> None:
    app(prog_name="dlcat")

"""cli/update.py: `dlcat update [URL]` against a real server on 127.0.0.1 serving a real schedule, edited
between two fetches; the repair it offers is run and passes."""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path
from typing import Any

from helpers import PROGRAMS, run
from http_servers import Site
from test_program_source import DEMOCON, needs_shared


def edit_democon(document: dict[str, Any]) -> None:
    """v1.2: 25 cancelled, 55 renamed, 57 moved onto 55's half hour; a new hardware talk at 25's time."""
    document["schedule"]["version"] = "v1.2"
    day = document["schedule"]["conference"]["days"][0]
    for events in day["rooms"].values():
        for event in events:
            if event["id"] == 25:
                event["title"] = "CANCELLED: " + event["title"]
            elif event["id"] == 55:
                event["title"] = "Polarized object-oriented toolsets, revised"
            elif event["id"] == 57:
                event["start"], event["date"] = "12:30", event["date"].replace("14:00", "12:30")
    new = {
        **day["rooms"]["Gray Room"][0],
        "id": 999,
        "guid": "new-999",
        "title": "Rugged hardware",
        "room": "Blue Room",
    }
    new["persons"] = []
    day["rooms"]["Blue Room"] = [new]


@needs_shared
def test_update_reports_each_change_for_you_and_one_repair_that_passes(base: str, site: Site) -> None:
    """The issue's done-when: moved, renamed and cancelled picks are each reported, the new session that
    matches the saved interests is named, and the one repair command offered, when run, passes."""
    url = f"{base}/schedule.json"
    site.files["/schedule.json"] = DEMOCON.read_bytes()
    first = run("update", url)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == f"Schedule {url}: fetched, version v1.1\n"
    planned = run("plan", "--like", "toolset,hardware,hub,policy", "--json")  # the default is now the copy
    assert planned.exit_code == 0, planned.stderr
    assert [p["id"] for p in json.loads(planned.stdout)["picks"]] == ["25", "55", "57", "49", "4"]
    document = json.loads(DEMOCON.read_bytes())
    edit_democon(document)
    site.files["/schedule.json"] = json.dumps(document).encode()
    report = run("update")
    assert report.exit_code == 0, report.stderr
    lines = report.stdout.splitlines()
    assert lines == [
        f"Schedule {url}: version v1.1 -> v1.2",
        "Changed for your agenda:",
        "  25 is cancelled: 'CANCELLED: Focused 5thgeneration hardware'",
        "  55 was renamed: 'Polarized object-oriented toolset' is now 'Polarized object-oriented toolsets, revised'",
        "  57 moved from 12-14 14:00–14:30 to 12-14 12:30–13:00",
        "New for your interests (toolset, hardware, hub, policy):",
        "  999  12-14 09:00–09:30  Blue Room  Rugged hardware",
        "Your agenda no longer holds; this repairs it:",
        "  dlcat plan --drop 25,57 --add 999",
    ]
    repaired = run(*shlex.split(lines[-1])[1:])
    assert repaired.exit_code == 0, repaired.stderr
    assert run("agenda").exit_code == 0
    again = run("update", "--json")
    assert again.exit_code == 0
    payload = json.loads(again.stdout)
    assert payload["kind"] == "update"
    assert payload["version"] == {"before": "v1.2", "after": "v1.2"}
    assert (payload["changed"], payload["changes"], payload["repair"]) == (False, [], None)


@needs_shared
def test_update_json_names_the_changes_and_the_repair(base: str, site: Site) -> None:
    url = f"{base}/schedule.json"
    site.files["/schedule.json"] = DEMOCON.read_bytes()
    assert run("update", url).exit_code == 0
    assert run("plan", "--pick", "25,57").exit_code == 0
    document = json.loads(DEMOCON.read_bytes())
    edit_democon(document)
    site.files["/schedule.json"] = json.dumps(document).encode()
    payload = json.loads(run("update", url, "--json").stdout)
    assert [(c["id"], c["change"]) for c in payload["changes"]] == [("25", "cancelled"), ("57", "moved")]
    assert payload["new_sessions"] == []  # no --like interests saved
    assert payload["repair"] == {"drop": ["25"], "add": [], "command": "dlcat plan --drop 25"}
    assert payload["version"] == {"before": "v1.1", "after": "v1.2"}


def test_the_bundled_program_has_no_url() -> None:
    result = run("update")
    assert result.exit_code == 0
    assert result.stderr == (
        "The bundled 2nd DLCAT program has no URL to update from; fetch a schedule with `dlcat update URL`\n"
    )


def test_a_file_is_not_updated() -> None:
    result = run("--program", str(PROGRAMS / "first-dlcat-2018.yaml"), "update")
    assert result.exit_code == 1
    assert "is a file, not a web address" in result.stderr


def test_an_ftp_address_is_not_taken_for_a_file() -> None:
    """`dlcat update ftp://...` said it was a file: it is an address dlcat does not fetch."""
    result = run("update", "ftp://127.0.0.1/x")
    assert result.exit_code == 1
    assert result.stderr == (
        "dlcat: ftp://127.0.0.1/x: dlcat reads only http(s) URLs and files, not ftp:// addresses; give an "
        "https:// address or a file's path\n"
    )


def test_forget_goes_back_to_the_bundled_program(base: str, site: Site) -> None:
    site.files["/p.yaml"] = (PROGRAMS / "first-dlcat-2018.yaml").read_bytes()
    assert run("update", f"{base}/p.yaml").exit_code == 0
    assert "1st DLCAT" in run("list", "--json").stdout
    forgot = run("update", "--forget")
    assert forgot.exit_code == 0
    assert forgot.stderr == f"forgot {base}/p.yaml; the default program is the bundled 2nd DLCAT again\n"
    assert "2nd DLCAT" in run("list", "--json").stdout
    assert run("update", "--forget", f"{base}/p.yaml").exit_code == 1


def test_a_failed_update_keeps_the_copy_and_says_so(base: str, site: Site) -> None:
    url = f"{base}/p.yaml"
    site.files["/p.yaml"] = (PROGRAMS / "first-dlcat-2018.yaml").read_bytes()
    assert run("update", url).exit_code == 0
    site.files["/p.yaml"] = b"<html>maintenance</html>"
    failed = run("update")
    assert failed.exit_code == 1
    line = failed.stderr.strip()
    assert line.startswith(f"dlcat: {url} did not send a schedule dlcat can read (")
    assert "; the copy fetched 0 seconds ago (" in line or "; the copy fetched 1 second ago (" in line
    assert "1st DLCAT" in run("list", "--json").stdout  # still the good copy
    del site.files["/p.yaml"]
    offline = run("--program", url, "list", "--json")
    assert offline.exit_code == 0
    assert offline.stderr.startswith(f"note: can't fetch {url}: the server answered HTTP 404")


def test_a_url_with_no_copy_that_fails_is_one_line(base: str) -> None:
    result = run("--program", f"{base}/nothing.json", "list")
    assert result.exit_code == 1
    assert result.stderr == (
        f"dlcat: can't fetch {base}/nothing.json: the server answered HTTP 404 Not Found; check the address\n"
    )


def test_the_program_option_takes_a_url(base: str, site: Site, tmp_path: Path) -> None:
    """--program URL reads through the same kept copy, and does not become the default."""
    site.files["/p.yaml"] = (PROGRAMS / "first-dlcat-2018.yaml").read_bytes()
    assert "1st DLCAT" in run("--program", f"{base}/p.yaml", "list", "--json").stdout
    assert "2nd DLCAT" in run("list", "--json").stdout


def test_a_change_that_is_not_yours_and_no_change_at_all(base: str, site: Site) -> None:
    """A session you did not pick changes: said in one line; fetched again unchanged: said so."""
    url = f"{base}/p.yaml"
    text = (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8")
    site.files["/p.yaml"] = text.encode()
    assert run("update", url).exit_code == 0
    assert run("plan", "--pick", "A1300").exit_code == 0
    site.files["/p.yaml"] = text.replace("title: Seminar one", "title: Seminar one (renamed)").encode()
    changed = run("update")
    assert changed.exit_code == 0, changed.stderr
    assert changed.stdout.splitlines()[1:] == ["Nothing changed for your agenda."]
    unchanged = run("update")
    assert unchanged.stdout.splitlines()[0].startswith(f"Schedule {url}: unchanged, version ")


def test_a_damaged_agenda_is_not_compared(base: str, site: Site) -> None:
    url = f"{base}/p.yaml"
    site.files["/p.yaml"] = (PROGRAMS / "first-dlcat-2018.yaml").read_bytes()
    assert run("update", url).exit_code == 0
    assert run("plan", "--pick", "A1300").exit_code == 0
    agenda = next((Path(os.environ["DLCAT_HOME"])).glob("agenda-*.json"))
    agenda.write_text("{not json", encoding="utf-8")
    result = run("update")
    assert result.exit_code == 0
    assert result.stderr.startswith("note: your saved agenda was not compared: the saved agenda ")


def test_the_repair_names_the_options_it_needs(base: str, site: Site) -> None:
    """A program given with --program and --time-zone: the repair line carries them."""
    url = f"{base}/p.yaml"
    text = (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8")
    site.files["/p.yaml"] = text.encode()
    options = ["--program", url, "--time-zone", "Asia/Seoul"]
    assert run(*options, "plan", "--pick", "A1010,A1300").exit_code == 0
    site.files["/p.yaml"] = "\n".join(line for line in text.splitlines() if "id: A1010" not in line).encode()
    payload = json.loads(run(*options, "update", "--json").stdout)
    assert payload["repair"]["command"] == f"dlcat --program {url} --time-zone Asia/Seoul plan --drop A1010"

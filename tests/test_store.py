"""store.py: the saved agenda is written atomically, read strictly, and never silently replaced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dlcat_cli.core.agenda import to_saved
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import plan_agenda
from dlcat_cli.core.rules import Pace
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import parse_program
from dlcat_cli.formats.store import agenda_path, changes_since_saved, load_agenda, save_agenda

NOW = datetime(2019, 7, 1, 12, 0, tzinfo=UTC)


def save(program: Program, ids: list[str], pace: Pace | None = None) -> None:
    plan = plan_agenda(program, ids, pace or Pace())
    save_agenda(program, to_saved(program, plan, load_agenda(program), NOW))


def test_agenda_lives_under_dlcat_home_per_conference(dlcat: Program, tmp_path: Path) -> None:
    """DLCAT_HOME (set by conftest) decides the directory; the file is named after the conference id."""
    assert agenda_path(dlcat) == Path(os.environ["DLCAT_HOME"]) / "agenda-2nd-dlcat-2019.json"


def test_dlcat_home_naming_a_file_is_one_line(
    dlcat: Program, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DLCAT_HOME=/some/file: the message says it must be a directory (not 'File exists')."""
    home = tmp_path / "a-file"
    home.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("DLCAT_HOME", str(home))
    said = "part of that path is a file, not a directory; set DLCAT_HOME to a directory"
    with pytest.raises(DlcatError, match=said):
        load_agenda(dlcat)
    with pytest.raises(DlcatError, match=said):
        save_agenda(dlcat, to_saved(dlcat, plan_agenda(dlcat, ["B10"], Pace()), None, NOW))
    assert home.read_text(encoding="utf-8") == "not a directory"


def test_round_trip_with_program_id_fingerprint_rooms_and_options(dlcat: Program) -> None:
    """What is saved is what is read: program id and fingerprint, picks with rooms, options."""
    save(dlcat, ["B10", "D17"], Pace(buffer=3, factor=1.5))
    agenda = load_agenda(dlcat)
    assert agenda is not None
    assert agenda.ids == ("B10", "D17")
    assert [p.room for p in agenda.picks] == ["B", "D"]
    assert agenda.pace == Pace(buffer=3, factor=1.5)
    assert (agenda.program_id, agenda.fingerprint) == ("2nd-dlcat-2019", dlcat.fingerprint)
    document = json.loads(agenda_path(dlcat).read_text(encoding="utf-8"))
    assert document["picks"][1]["start"] == "2019-07-04T17:00:00+09:00"


def test_revision_grows_only_when_the_picks_change(dlcat: Program) -> None:
    """Saving the same picks keeps the revision; switching the simulcast's room bumps it."""
    save(dlcat, ["A17"])
    save(dlcat, ["A17"])
    assert load_agenda(dlcat).revision == 1  # type: ignore[union-attr]
    save(dlcat, ["D17"])
    assert load_agenda(dlcat).revision == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"kind": "dlcat-agenda", "sch', "not JSON"),
        (b"[]", "not a dlcat agenda file"),
        (b'{"kind": "dlcat-agenda", "schema": 1}', "missing 'options'"),
        (b'{"kind": "dlcat-agenda", "schema": 9}', "agenda schema 9"),
    ],
)
def test_a_damaged_agenda_is_reported_in_one_line_and_left_alone(
    dlcat: Program, content: bytes, reason: str
) -> None:
    """The path and what is wrong, and the file is not touched."""
    path = agenda_path(dlcat)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(DlcatError) as raised:
        load_agenda(dlcat)
    message = str(raised.value)
    assert str(path) in message
    assert reason in message
    assert "\n" not in message
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(revision=6.1e16), "revision 6.1e+16 is not a whole number from 1 to 2147483647"),
        (lambda d: d["options"].update(pace=float("nan")), "pace nan is not a number from 0.1 to 100"),
        (lambda d: d["options"].update(buffer="5"), "buffer '5' is not a whole number from 0 to 1440"),
        (lambda d: d["picks"][0].update(end=[]), "end [] is not text"),
        (lambda d: d["picks"][0].update(end="soon"), "Invalid isoformat string: 'soon'"),
        (
            lambda d: d["picks"][0].update(end="2019-07-04T10:50:00"),
            "B10: '2019-07-04T10:50:00' has no UTC offset",
        ),
        (lambda d: d.update(picks={"B10": 1}), "picks is not a list"),
        (lambda d: d.update(program=None), "program is None, not an object"),
    ],
)
def test_a_hand_edited_agenda_is_checked_value_by_value(dlcat: Program, change: Any, reason: str) -> None:
    """Found by fuzzing: wrong types or ranges inside a valid JSON file are 'damaged', not a traceback later."""
    save(dlcat, ["B10", "D11"])
    path = agenda_path(dlcat)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DlcatError, match="is damaged") as raised:
        load_agenda(dlcat)
    assert reason in str(raised.value)


def test_saving_over_a_damaged_agenda_keeps_it_aside(dlcat: Program) -> None:
    """The damaged file is moved next to the new one, byte for byte."""
    path = agenda_path(dlcat)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage")
    plan = plan_agenda(dlcat, ["B10"])
    kept = save_agenda(dlcat, to_saved(dlcat, plan, None, NOW))
    assert kept is not None
    assert kept.read_bytes() == b"garbage"
    assert kept.parent == path.parent
    assert load_agenda(dlcat).ids == ("B10",)  # type: ignore[union-attr]


def test_changes_in_the_program_are_told(dlcat: Program) -> None:
    """A moved, renamed or removed session is named; an unchanged program says nothing."""
    save(dlcat, ["B10", "C11", "D13"])
    saved = load_agenda(dlcat)
    assert saved is not None
    assert changes_since_saved(dlcat, saved) == []
    text = (Path(__file__).parents[1] / "data" / "program.yaml").read_text(encoding="utf-8")
    text = text.replace(
        'id: B10\n    room: B\n    start: "10:00"\n    end: "10:50"',
        'id: B10\n    room: B\n    start: "10:00"\n    end: "10:45"',
    )
    text = text.replace("title: 설명가능한 AI for AI 윤리", "title: 설명가능한 AI")
    text = text.replace("  - id: D13\n", "  - id: D13x\n")
    changed = parse_program(text.encode(), "changed.yaml")
    assert [change.message for change in changes_since_saved(changed, saved)] == [
        "B10 moved from 10:00–10:50 to 10:00–10:45",
        "C11 was renamed: '설명가능한 AI for AI 윤리' is now '설명가능한 AI'",
        "D13 (빽 투 더 Representation Learning: Visual Self-supervision을 중심으로) is no longer in the program",
    ]


def test_concurrent_plans_never_leave_a_half_written_file(tmp_path: Path) -> None:
    """Twelve `dlcat plan` processes at once: every one succeeds and the file parses afterwards."""
    env = {**os.environ, "DLCAT_HOME": str(tmp_path / "home")}
    picks = ["B10,C11", "A10,D11,A13", "E10,E11", "F10,F11,F13,F14"] * 3
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "dlcat_cli", "plan", "--pick", ids],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for ids in picks
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    path = tmp_path / "home" / "agenda-2nd-dlcat-2019.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert ",".join(p["id"] for p in document["picks"]) in picks
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_late_is_saved_and_schema_1_agendas_are_still_read(dlcat: Program) -> None:
    """Schema 2 keeps options.late; a schema-1 file (before --late existed) reads with the default 5."""
    save(dlcat, ["B10"], Pace(late=12))
    path = agenda_path(dlcat)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["schema"], document["options"]["late"]) == (2, 12)
    loaded = load_agenda(dlcat)
    assert loaded is not None
    assert loaded.pace.late == 12
    document["schema"] = 1
    del document["options"]["late"]
    path.write_text(json.dumps(document), encoding="utf-8")
    old = load_agenda(dlcat)
    assert old is not None
    assert old.pace == Pace(buffer=0, factor=1.0, late=5)
    document["schema"] = 3
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(
        DlcatError, match=r"written by a newer dlcat \(agenda schema 3; this one reads up to 2\)"
    ):
        load_agenda(dlcat)


def test_a_writer_that_waits_too_long_changes_nothing_and_says_so(dlcat: Program) -> None:
    """While one change holds the agenda, another gives up after its wait with one line (its change not made)."""
    from dlcat_cli.formats.store import agenda_lock

    with (
        agenda_lock(dlcat),
        pytest.raises(DlcatError, match=r"another dlcat has been changing the agenda for 0.1 s"),
        agenda_lock(dlcat, wait=0.1),
    ):
        pytest.fail("the second change must not get the lock")  # pragma: no cover
    with agenda_lock(dlcat, wait=0.1):  # released: the next change goes ahead
        pass


def test_a_change_is_read_edited_and_written_under_the_lock(dlcat: Program) -> None:
    """change_agenda hands the edit the saved agenda while it holds the lock (another writer gives up), and
    writes what the edit returns; an edit that raises leaves the file byte for byte as it was."""
    from dlcat_cli.core.agenda import PlanRefused, plan_request, revise
    from dlcat_cli.formats.store import agenda_lock, change_agenda

    save(dlcat, ["B10"])
    before = agenda_path(dlcat).read_bytes()
    seen = []

    def edit(saved: Any) -> Any:
        seen.append(saved.ids)
        with (
            pytest.raises(DlcatError, match="another dlcat has been changing the agenda"),
            agenda_lock(dlcat, 0.05),
        ):
            pass  # pragma: no cover
        return revise(dlcat, saved, plan_request(dlcat, add=["D11"]), NOW)

    changed = change_agenda(dlcat, edit, replacing=False)
    assert seen == [("B10",)]
    assert (changed.saved_to, changed.kept_aside) == (agenda_path(dlcat), None)
    assert load_agenda(dlcat).ids == ("B10", "D11")  # type: ignore[union-attr]
    written = agenda_path(dlcat).read_bytes()
    with pytest.raises(PlanRefused):
        change_agenda(
            dlcat, lambda s: revise(dlcat, s, plan_request(dlcat, add=["C11"]), NOW), replacing=False
        )
    assert agenda_path(dlcat).read_bytes() == written != before


def test_a_dry_run_writes_nothing_and_a_new_agenda_replaces_a_damaged_one(dlcat: Program) -> None:
    """save=False: the edit runs, nothing is written; replacing=True: a damaged file is passed as None,
    then kept aside when the new agenda is saved; a change of a damaged one is the one-line error."""
    from dlcat_cli.core.agenda import plan_request, revise
    from dlcat_cli.formats.store import change_agenda

    agenda_path(dlcat).parent.mkdir(parents=True)
    agenda_path(dlcat).write_bytes(b"{oops")
    pick = plan_request(dlcat, picks=["B10"])
    dry = change_agenda(dlcat, lambda s: revise(dlcat, s, pick, NOW), replacing=True, save=False)
    assert (dry.revised.agenda.ids, dry.saved_to) == (("B10",), None)
    assert agenda_path(dlcat).read_bytes() == b"{oops"
    with pytest.raises(DlcatError, match="is damaged"):
        change_agenda(
            dlcat, lambda s: revise(dlcat, s, plan_request(dlcat, add=["D11"]), NOW), replacing=False
        )
    done = change_agenda(dlcat, lambda s: revise(dlcat, s, pick, NOW), replacing=True)
    assert done.kept_aside is not None
    assert done.kept_aside.read_bytes() == b"{oops"
    assert load_agenda(dlcat).ids == ("B10",)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[]", "(dlcat 일정 파일이 아닙니다)"),
        (b'{"kind": "dlcat-agenda", "schema": 1}', "('options'가 없습니다)"),
        (b'{"kind": "dlcat-agenda", "schema": 0}', "(일정 스키마가 0입니다. 이 dlcat은 1부터 "),
    ],
)
def test_why_an_agenda_is_damaged_is_korean_in_a_korean_run(
    dlcat: Program, content: bytes, reason: str, korean: None
) -> None:
    """The reason inside the damaged-agenda line is Korean too, its particle chosen for the key ('options'가)."""
    message = _loaded_damaged(dlcat, content)
    assert reason in message
    assert "망가졌습니다" in message


def _loaded_damaged(dlcat: Program, content: bytes) -> str:
    """The one-line error of load_agenda on a saved agenda holding `content`."""
    path = agenda_path(dlcat)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(DlcatError) as raised:
        load_agenda(dlcat)
    return str(raised.value)

"""cli.py: every command's output, exit codes and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.main import get_command
from typer.testing import CliRunner

from dlcat_cli import __version__
from dlcat_cli.cli import app
from helpers import NIGHT_CAMP_FILE, PROGRAMS, run


def test_version() -> None:
    """--version prints the package version."""
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"dlcat {__version__}"


def test_every_command_has_help_with_an_example() -> None:
    """Each command explains itself and shows an example on -h."""
    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert {"list", "show", "grid", "search", "plan", "agenda", "export"} <= set(commands)
    for name, command in commands.items():
        assert command.help, name
        result = run(name, "-h")
        assert result.exit_code == 0, name
        assert "Example: dlcat" in result.stdout, name


def test_help_lists_every_command_in_the_set_order() -> None:
    """`dlcat --help` lists what is on first, then the agenda, then the file commands; none is left out."""
    from dlcat_cli.cli.app import COMMANDS

    assert set(get_command(app).commands) == set(COMMANDS)  # type: ignore[attr-defined]
    listed = re.findall(r"^│ ([a-z]+) ", run("--help").stdout, re.MULTILINE)
    assert listed == list(COMMANDS)


def test_list_at_ten_shows_the_six_sessions() -> None:
    """`dlcat list --time 10` prints the six 10:00 sessions with rooms, seats and titles, wide characters aligned."""
    result = run("list", "--time", "10")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = [line for line in lines if re.match(r"[A-F]10 ", line)]
    assert [row[:3] for row in rows] == ["A10", "B10", "C10", "D10", "E10", "F10"]
    assert "UST 강당" in rows[0]
    assert "300" in rows[0]
    assert "3분 강화학습 순한맛 SAC" in rows[0]
    assert "hands-on · part 1/2" in result.stdout
    # Wide characters are aligned: every title starts at the same display column.
    titles = ["3분", "AI시대", "케라스 in", "딥러닝과", "(실습)유니티", "아기다리"]
    starts = {cell_len(row[: row.index(title)]) for row, title in zip(rows, titles, strict=True)}
    assert len(starts) == 1


@pytest.mark.parametrize("spelling", ["10:00", "10시", "10:30"])
def test_list_time_spellings_agree(spelling: str) -> None:
    """10:00, 10시 and 10:30 list the same sessions as 10."""
    assert run("list", "--time", spelling).stdout == run("list", "--time", "10").stdout


def test_list_at_lunch_says_so_and_suggests_slots() -> None:
    """Nothing at 12:30: one line naming lunch, the next start and the slot hours; exit 0."""
    result = run("list", "--time", "12:30")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Nothing matches at 12:30 (점심시간 (lunch) 12:00–13:00); the next start at 13:00. "
        "Sessions start at 10:00, 11:00, 13:00, 14:00, 15:00, 16:00, 17:00."
    )


def test_list_on_another_day_names_the_conference_days() -> None:
    """A moment on a day without sessions is shown with its date, beside the days the program has."""
    result = run("list", "--time", "2019-07-05 10:00")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Nothing is on at 2019-07-05 10:00: 2nd DLCAT is on 2019-07-04; give a time on one of those days."
    )


def test_a_terminal_width_of_zero_still_prints_the_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    """COLUMNS=0 made rich print nothing; any width below 40 columns is taken as 40."""
    monkeypatch.setenv("COLUMNS", "0")
    result = run("list", "--time", "10")
    assert result.exit_code == 0
    assert "A10" in result.stdout
    assert "3분 강화학습 순한맛 SAC" in result.stdout


@pytest.mark.parametrize("day", ["¹", "0", "2", "x"])
def test_a_day_that_is_not_one_is_a_one_line_error(day: str) -> None:
    """--day ¹ (a digit, yet no number) used to crash int(); every wrong day lists the real ones."""
    result = run("list", "--day", day)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"dlcat: no day '{day}' in 2nd DLCAT; its days are 1 (2019-07-04)"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["list", "--search", ""], "dlcat: --search is empty; give words to look for, e.g. --search rl"),
        (["search", " "], "dlcat: --search is empty; give words to look for, e.g. --search rl"),
        (["list", "--speaker", ""], "dlcat: --speaker is empty; give part of a name, e.g. --speaker 조수현"),
    ],
)
def test_an_empty_search_is_a_mistake_not_everything_or_nothing(args: list[str], said: str) -> None:
    """--speaker "" listed every session and --search "" none; both are now one line, exit 1."""
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.strip() == said


def test_list_json_is_stable_and_iso() -> None:
    """--json: schema, conference and its days, sessions with ISO 8601 times carrying +09:00 and their day;
    the simulcast once with five rooms."""
    result = run("list", "--time", "17", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == 2
    assert document["kind"] == "sessions"
    assert document["conference"]["time_zone"] == "Asia/Seoul"
    assert document["conference"]["days"] == [
        {
            "number": 1,
            "date": "2019-07-04",
            "start": "2019-07-04T00:00:00+09:00",
            "end": "2019-07-05T00:00:00+09:00",
        }
    ]
    talk, panel = document["sessions"]
    assert talk["start"] == "2019-07-04T17:00:00+09:00"
    assert talk["day"] == panel["day"] == 1
    assert [room["id"] for room in talk["rooms"]] == ["A17", "B17", "C17", "D17", "E17"]
    assert panel["id"] == "F17"
    assert panel["series"] == {
        "key": "ai-governance",
        "title": "대전AI거버넌스 패널",
        "part": 3,
        "of": 3,
        "parts": ["F15", "F16", "F17"],
    }
    assert result.stdout == run("list", "--time", "17", "--json").stdout


def test_list_filters_on_the_command_line() -> None:
    """--track, --building, --speaker and --search combine."""
    result = run("list", "--track", "e", "--search", "강화", "--json")
    assert [s["id"] for s in json.loads(result.stdout)["sessions"]] == ["E10", "E11", "E15", "E16"]
    result = run("list", "--building", "ETRI", "--speaker", "김태영", "--json")
    assert [r["id"] for r in json.loads(result.stdout)["sessions"][0]["rooms"]] == ["D17", "E17"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--time", "25"], "dlcat: can't read time '25': hour 25 is past 23"),
        (["list", "--track", "G"], "dlcat: no track 'G'; tracks are A (A-USTaudi)"),
        (["list", "--building", "KAIST"], "dlcat: no building 'KAIST'; buildings are UST, ETRI"),
        (["show", "B12"], "dlcat: no session 'B12' in 2nd DLCAT; did you mean B11, B13, B10?"),
        (["--program", "/nonexistent.yaml", "list"], "dlcat: can't read program file /nonexistent.yaml"),
    ],
)
def test_user_errors_are_one_line_exit_1(args: list[str], message: str) -> None:
    """A mistake gives one line on stderr naming the culprit, exit 1, no traceback."""
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_binary_program_file_is_one_line(tmp_path: Path) -> None:
    """A file that is not text at all: one line, exit 1."""
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\x00\x01\x02 binary")
    result = run("--program", str(path), "list")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"dlcat: {path}: not valid YAML: unacceptable character #x0000")
    assert result.stderr.count("\n") == 1


def test_usage_errors_keep_exit_2() -> None:
    """An unknown option is typer's usage error."""
    assert run("list", "--when", "10").exit_code == 2


def test_show_everything_about_a_session() -> None:
    """`show e11` gives time in KST, room, building address, series with its other part, prep and links."""
    result = run("show", "e11")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("E11  (실습)유니티 기반 드론 강화학습 (2)")
    for expected in [
        "2019-07-04 (Thu) 11:00–11:50 KST (UTC+0900)",
        "E11: E-ETRI224 · ETRI 224호 중회의실, 50 seats",
        "ETRI 융합기술연구생산센터, 대전광역시 유성구 가정로 218",
        "part 2 of 2: (실습)유니티 기반 드론 강화학습",
        "E10: 10:00–10:50 ETRI 224호 중회의실",
        "Unity 2019+, Visual Studio 2017+, Python 3.6",
        "ISS_2nd_Deep_Learning_Conference_All_Together_hhlee/",
    ]:
        assert expected in out, expected


def test_show_simulcast_names_the_chosen_room_and_the_others() -> None:
    """`show D17` puts the attendee in room D and lists A, B, C and E as the same talk."""
    out = run("show", "D17").stdout
    assert "D17: D-ETRI212 · ETRI 212호 대회의실, 180 seats" in out
    assert "A17: UST 강당, 300 seats" in out
    assert "sit in any one of these rooms" in out


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("A10", "A10"),
        ("b13", "B13"),
        ("C14", "C14"),
        ("d17", "D17"),
        ("E16", "E16"),
        ("F17", "F17"),
        ("Ｅ１６", "E16"),
    ],
)
def test_show_json_resolves_ids(cell: str, expected: str) -> None:
    """Any timetable id resolves (in any case, full-width too), and the JSON's first room is the one named."""
    document = json.loads(run("show", cell, "--json").stdout)
    assert document["session"]["id"] == expected
    assert document["session"]["rooms"][0]["id"] == expected


def test_grid_wide_and_narrow() -> None:
    """At 120 columns a time x room table; at 60 one block per slot; both carry every id and lunch."""
    wide = run("grid")
    assert wide.exit_code == 0
    assert "│10:00 │ A10 조수현" in wide.stdout
    assert "same talk as A17" in wide.stdout
    assert "점심시간 (lunch)" in wide.stdout
    assert max(len(line) for line in wide.stdout.splitlines()) <= 120
    narrow_result = CliRunner().invoke(app, ["grid"], env={"COLUMNS": "60"})
    assert narrow_result.exit_code == 0
    narrow = narrow_result.stdout
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "점심시간 (lunch)" in narrow
    for cell in ("A10", "F11", "C14", "E17", "F17"):
        assert cell in wide.stdout
        assert cell in narrow


def test_program_option_and_env_var_load_another_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """--program and DLCAT_PROGRAM both switch the program; nothing of DLCAT leaks in."""
    path = str(PROGRAMS / "first-dlcat-2018.yaml")
    by_option = run("--program", path, "list", "--time", "10:20", "--json").stdout
    monkeypatch.setenv("DLCAT_PROGRAM", path)
    by_env = run("list", "--time", "10:20", "--json").stdout
    assert by_option == by_env
    document = json.loads(by_env)
    assert document["conference"]["id"] == "1st-dlcat-2018"
    assert [s["id"] for s in document["sessions"]] == ["A1010", "B1010", "C1010"]


def test_broken_program_file_is_one_line(tmp_path: Path) -> None:
    """A YAML error in the program file: file and line, exit 1."""
    text = (
        (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8").replace("rooms:\n", "rooms: [\n", 1)
    )
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("--program", str(path), "grid")
    assert result.exit_code == 1
    assert re.match(rf"dlcat: {re.escape(str(path))}:\d+: not valid YAML", result.stderr)


def test_a_listing_imports_no_heavy_module() -> None:
    """`dlcat list` (program cached) never imports icalendar, dateutil or yaml; the output has no colour codes.

    It runs the console script's entry point, which must leave the garbage collector on.
    """
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "from dlcat_cli.__main__ import main\n"
        "sys.argv = ['dlcat', 'list', '--time', '10']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'icalendar', 'dateutil', 'yaml'})\n"
        "print('HEAVY', heavy, 'GC', gc.isenabled())\n"
    )
    for _ in range(2):  # the first run fills the program cache
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "HEAVY [] GC True" in result.stdout
    assert "A10" in result.stdout
    assert "\x1b[" not in result.stdout


def test_search_lists_what_list_search_lists_and_says_why() -> None:
    """`dlcat search Q` lists the sessions `dlcat list --search Q` lists, in its order, each with why it matched."""
    searched = json.loads(run("search", "ㅋㄹㅅ", "--json").stdout)["sessions"]
    listed = json.loads(run("list", "--search", "ㅋㄹㅅ", "--json").stdout)["sessions"]
    assert [s["id"] for s in searched] == [s["id"] for s in listed] == ["C10", "F10", "F11", "A17"]
    assert {s["matched"]["by"] for s in searched} == {"initials"}
    assert "matched" not in listed[0]
    out = run("search", "ㅋㄹㅅ").stdout
    assert "part 1/2 · matched: Hangul initials" in out


@pytest.mark.parametrize(("number", "said"), [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions")])
def test_counts_take_the_singular_for_one(number: int, said: str) -> None:
    """`Wrote 1 session`, never `1 sessions`."""
    from dlcat_cli.cli.render import counted

    assert counted(number, "session") == said


_WRONG_INPUTS = [
    lambda v: ["list", "--time", v],
    lambda v: ["list", "--track", v],
    lambda v: ["list", "--building", v],
    lambda v: ["list", "--speaker", v],
    lambda v: ["list", "--day", v],
    lambda v: ["search", v],
    lambda v: ["show", v],
    lambda v: ["grid", "--day", v],
    lambda v: ["plan", "--pick", v, "--dry-run"],
    lambda v: ["plan", "--like", v, "--dry-run"],
    lambda v: ["plan", "--pick", "B10", "--buffer", v, "--dry-run"],
    lambda v: ["now", "--at", v],
    lambda v: ["export", "-", "--pick", v],
    lambda v: ["--program", v, "list"],
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(_WRONG_INPUTS),
    st.one_of(
        st.text(max_size=24).filter(lambda v: "\x00" not in v),
        st.sampled_from(["", " ", "-", "¹", "Ｂ１０", "B10,B10", "25:00", "\x1b[31m", "2019-07-05 10:00"]),
    ),
)
def test_no_input_gets_a_traceback(command: Any, value: str) -> None:
    """Whatever a person types into any option, dlcat answers with output or one line, exit 0, 1 or 2."""
    result = run(*command(value))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        command(value),
        result.exception,
    )
    assert result.exit_code in (0, 1, 2)


TWO_DAYS = """\
schema: 1
conference: {id: t, name: Two Days, date: "2020-01-02", time_zone: Asia/Seoul}
buildings:
  MAIN: {name: Main}
rooms:
  - {id: R1, building: MAIN}
sessions:
  - {id: S1, room: R1, start: "10:00", end: "10:50", title: Day one}
  - {id: S2, room: R1, date: "2020-01-03", start: "10:00", end: "10:50", title: Day two}
"""


def test_after_a_days_last_session_it_says_so_not_a_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 12:00 on day one of two, the day is over (not 'a break'); a block without speakers has no stray dot."""
    program = tmp_path / "two.yaml"
    program.write_text(TWO_DAYS, encoding="utf-8")
    result = run("--program", str(program), "list", "--time", "12:00")
    assert result.stderr.strip() == (
        "Nothing matches at 01-02 12:00 (the day's sessions are over); the next start at 01-03 10:00. "
        "Sessions start at 01-02 10:00."
    )
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run("--program", str(program), "list", "--day", "1").stdout.splitlines()
    assert narrow == ["S1  01-02 10:00–10:50", "  Day one", "  MAIN R1"]
    evening = run("--program", str(program), "now", "--at", "2020-01-02 23:00")
    assert evening.stdout.startswith("The day's sessions are over; next at 01-03 10:00: S2;")
    assert "\n2020-01-02 23:00 KST\n" in evening.stdout
    plan = run("--program", str(program), "plan", "--pick", "S1,S2").stdout
    assert "stay in" not in plan  # no move is shown across a night


NIGHT_CAMP = str(NIGHT_CAMP_FILE)  # day 1 runs to 02:00; day 2 is empty


def listed(*args: str) -> list[str]:
    """The ids `dlcat --program NIGHT_CAMP list ARGS --json` lists."""
    result = run("--program", NIGHT_CAMP, "list", *args, "--json")
    assert result.exit_code == 0, result.output
    return [s["id"] for s in json.loads(result.stdout)["sessions"]]


def test_day_n_alone_lists_the_sessions_the_day_holds(machine_zone: str) -> None:
    """--day 1 includes N1 at 01:00 the next morning; --day 3 (or its date) its own two; day numbers stay."""
    assert listed("--day", "1") == ["O1", "L1", "N1"]
    assert listed("--day", "3") == listed("--day", "2024-06-09") == ["M3", "W3"]


def test_an_empty_day_lists_nothing_and_says_so() -> None:
    """--day 2 is the rest day: no table, one line naming the day and the days that have sessions."""
    result = run("--program", NIGHT_CAMP, "list", "--day", "2")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Day 2 (2024-06-08) has no sessions in Night Camp; the days with sessions are 1 (2024-06-07), 3 (2024-06-09)."
    )
    grid = run("--program", NIGHT_CAMP, "grid", "--day", "2")
    assert (grid.exit_code, grid.stdout) == (0, "")
    assert "Day 2 (2024-06-08) has no sessions" in grid.stderr


def test_day_n_with_a_time_is_that_time_of_day_n(machine_zone: str) -> None:
    """--day 1 --time 01:00 is 06-08 01:00 (day 1 runs to 02:00): N1; 00:15 is L1 still running; 23:59 too."""
    assert listed("--day", "1", "--time", "01:00") == ["N1"]
    assert listed("--day", "1", "--time", "00:15") == ["L1"]
    assert listed("--day", "1", "--time", "23:59") == ["L1"]
    assert listed("--day", "3", "--time", "10:30") == ["M3"]
    assert listed("--time", "01:00") == ["N1"]  # without --day, a time is of day 1


def test_a_time_of_a_day_lists_whatever_runs_then_of_any_day(tmp_path: Path) -> None:
    """A session of day 1 that runs into day 2's span is listed at a time of day 2."""
    text = NIGHT_CAMP_FILE.read_text(encoding="utf-8")
    long = text.replace('start: "01:00", end: "01:45"', 'start: "01:00", end: "13:00"')
    path = tmp_path / "long.yaml"
    path.write_text(long, encoding="utf-8")
    result = run("--program", str(path), "list", "--day", "2", "--time", "12:30", "--json")
    assert [(s["id"], s["day"]) for s in json.loads(result.stdout)["sessions"]] == [("N1", 1)]


def test_grid_of_day_1_holds_its_after_midnight_row() -> None:
    """grid --day 1 has rows 06-07 10:00, 23:30 and 06-08 01:00, and none of day 3."""
    grid = run("--program", NIGHT_CAMP, "grid", "--day", "1").stdout
    assert "06-08 01:00" in grid
    assert "N1" in grid
    assert "M3" not in grid


def test_now_with_day_and_at_is_that_time_of_the_day() -> None:
    """now --day 1 --at 01:10 is the next morning, N1 running; at 01:50 day 1 is over; day 3 09:30 is ahead."""
    running = run("--program", NIGHT_CAMP, "now", "--day", "1", "--at", "01:10")
    assert running.stdout.startswith("On now until 06-08 01:45: N1; next at 06-09 10:00: M3;")
    assert "\n2024-06-08 01:10 CEST: on now\n" in running.stdout
    assert "N1" in running.stdout
    over = run("--program", NIGHT_CAMP, "now", "--day", "1", "--at", "01:50")
    assert over.stdout.startswith("The day's sessions are over; next at 06-09 10:00: M3;")
    assert "\n2024-06-08 01:50 CEST\nNext, at 06-09 10:00:" in over.stdout
    ahead = run("--program", NIGHT_CAMP, "now", "--day", "3", "--at", "09:30", "--json")
    assert json.loads(ahead.stdout)["phase"] == "day_ahead"


def test_json_has_the_days_and_each_sessions_day() -> None:
    """conference.days: number, date, start and end with the zone's offset; each session its day."""
    document = json.loads(run("--program", NIGHT_CAMP, "list", "--json").stdout)
    assert document["conference"]["days"] == [
        {
            "number": 1,
            "date": "2024-06-07",
            "start": "2024-06-07T09:00:00+02:00",
            "end": "2024-06-08T02:00:00+02:00",
        },
        {
            "number": 2,
            "date": "2024-06-08",
            "start": "2024-06-08T12:00:00+02:00",
            "end": "2024-06-09T00:00:00+02:00",
        },
        {
            "number": 3,
            "date": "2024-06-09",
            "start": "2024-06-09T09:00:00+02:00",
            "end": "2024-06-09T18:00:00+02:00",
        },
    ]
    assert {s["id"]: s["day"] for s in document["sessions"]} == {"O1": 1, "L1": 1, "N1": 1, "M3": 3, "W3": 3}
    assert {s["id"]: s["start"] for s in document["sessions"]}["N1"] == "2024-06-08T01:00:00+02:00"


def test_a_day_that_does_not_exist_lists_the_days() -> None:
    """--day 4 and --day 2024-06-10 name the three days, the empty one too."""
    for day in ("4", "2024-06-10"):
        result = run("--program", NIGHT_CAMP, "list", "--day", day)
        assert result.exit_code == 1
        assert result.stderr.strip() == (
            f"dlcat: no day '{day}' in Night Camp; its days are 1 (2024-06-07), 2 (2024-06-08), 3 (2024-06-09)"
        )


def test_a_typed_time_with_an_offset_is_of_the_day_given() -> None:
    """`--day 1 --time 01:20-05:00` is the second 01:20 of the night after day 1's date: A2 runs then."""
    program = str(PROGRAMS / "new-york-night-into-the-repeated-hour.yaml")
    result = run("--program", program, "list", "--day", "1", "--time", "01:20-05:00", "--json")
    assert result.exit_code == 0, result.output
    assert [s["id"] for s in json.loads(result.stdout)["sessions"]] == ["A2"]


def test_a_time_outside_the_day_given_says_the_days_hours() -> None:
    """--day 1 --time 03:00: day 1 runs 09:00 to 02:00, so 03:00 of its date is before it; say so."""
    result = run("--program", str(NIGHT_CAMP_FILE), "list", "--day", "1", "--time", "03:00")
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "Nothing is on at 2024-06-07 03:00: day 1 runs from 06-07 09:00 to 06-08 02:00; give a time within it."
    )


def test_show_and_list_read_ids_tracks_and_buildings_typed_on_the_korean_layout() -> None:
    """`show ㄷ10` is E10; `list --track ㅠ --building ㅕㄴㅅ` lists track B at UST."""
    shown = run("show", "ㄷ10")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("E10  (실습)유니티 기반 드론 강화학습 (1)")
    listed = run("list", "--track", "ㅠ", "--building", "ㅕㄴㅅ", "--json")
    assert listed.exit_code == 0, listed.output
    assert {s["rooms"][0]["track"] for s in json.loads(listed.stdout)["sessions"]} == {"B"}


@pytest.mark.parametrize(
    ("query", "first", "why"),
    [
        ("강화학습", "E10", "matched: title"),
        ("김태영", "A17", "matched: speaker 김태영"),
        ("art", "B10", "matched: tag art"),
        ("reinforcement learning", "E15", "matched: topic rl"),
        ("knowledge distilation", "B13", "matched: title or tag, allowing a typo"),
    ],
)
def test_search_says_why_each_result_matched(query: str, first: str, why: str) -> None:
    """Title, speaker, tag, topic or a typo: the reason is on the result's second line (or under its title)."""
    result = run("search", query, "--building", "ETRI" if first in ("E10", "E15") else "UST")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    row = next(n for n, text in enumerate(lines) if text.startswith(first))
    assert why in " ".join(lines[row : row + 3])


def test_search_takes_list_s_time_building_and_track() -> None:
    """search --time, --building and --track filter as list's do (one reading: browse.filters_of)."""

    def ids(*args: str) -> list[str]:
        result = run(*args, "--json")
        assert result.exit_code == 0, result.output
        return [s["id"] for s in json.loads(result.stdout)["sessions"]]

    assert ids("search", "강화 학습", "--building", "etri") == ids(
        "list", "--search", "강화 학습", "--building", "etri"
    )
    assert ids("search", "강화학습", "--time", "16") == ["A16", "D16", "E16"]
    assert ids("search", "강화학습", "--track", "ㄷ") == ["E10", "E11", "E15", "E16"]
    wrong = run("search", "강화학습", "--building", "KAIST")
    assert wrong.exit_code == 1
    assert wrong.stderr.strip() == "dlcat: no building 'KAIST'; buildings are UST, ETRI"


def test_grid_narrowed_to_a_building_a_track_or_a_search() -> None:
    """grid --building ETRI has only ETRI's rooms; --track B one room; --search only the matching cells."""
    etri = run("grid", "--building", "ETRI").stdout
    assert "D-ETRI212" in etri
    assert "A-USTaudi" not in etri
    assert "B10" not in etri
    track = run("grid", "--track", "B").stdout
    assert "B10" in track
    assert "A10" not in track
    found = run("grid", "--building", "etri", "--search", "강화학습").stdout
    for cell in ("E10", "E11", "E15", "E16", "D16"):
        assert cell in found
    assert "D10" not in found
    assert "13:00" not in found  # a slot with no match is left out
    nothing = run("grid", "--search", "xyzzy")
    assert nothing.exit_code == 0
    assert nothing.stdout == ""
    assert nothing.stderr.startswith("No session matches.")

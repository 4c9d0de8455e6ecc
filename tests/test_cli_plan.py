"""cli.py: `dlcat plan` and `dlcat agenda`, their messages and exit codes, with DLCAT_HOME in a temp dir."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import NIGHT_CAMP_FILE, PROGRAMS, run


def first_dlcat_saved(folder: Path, picks: str) -> tuple[Path, str]:
    """A copy of the 1st DLCAT program in `folder` with `picks` saved from it: the copy and its text, to edit."""
    program = folder / "first.yaml"
    text = (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8")
    program.write_text(text, encoding="utf-8")
    assert run("--program", str(program), "plan", "--pick", picks).exit_code == 0
    return program, text


def saved_file() -> Path:
    return Path(os.environ["DLCAT_HOME"]) / "agenda-2nd-dlcat-2019.json"


def test_plan_prints_the_timeline_and_saves() -> None:
    """Ids in any case and spacing; the walk to ETRI is shown with minutes to spare; saved, exit 0."""
    result = run("plan", "--pick", "b10, d11", "--pick", "a13")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2nd DLCAT: your agenda (3 sessions; buffer 0 min, walking pace x1, late at most 5 min)" in out
    assert "10:00–10:50  B10  UST 사이언스홀" in out
    assert "→ walk UST → ETRI, 10 min; 0 min to spare: leave as soon as the Q&A ends" in out
    assert "12:00–13:00" in out
    assert "점심시간 (lunch)" in out
    assert "warning: tight walk: B10 to D11" in result.stderr
    assert f"Saved to {saved_file()}" in result.stderr
    assert [p["id"] for p in json.loads(saved_file().read_text())["picks"]] == ["B10", "D11", "A13"]


@pytest.mark.parametrize(
    "typed", ["B10 D11 A13", "b10;d11;a13", "B10，D11，A13", "B10、D11、A13", "Ｂ１０,Ｄ１１ Ａ１３"]
)
def test_ids_are_separated_and_written_as_people_type_them(typed: str) -> None:
    """Spaces, semicolons and the full-width or ideographic commas of a Korean keyboard separate ids."""
    result = run("plan", "--pick", typed, "--json")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(result.stdout)["picks"]] == ["B10", "D11", "A13"]


def test_free_slots_show_as_free() -> None:
    """Between 10:00 and 15:00 with nothing picked at 11, 13 and 14: free, lunch, free."""
    out = run("plan", "--pick", "A10,A15").stdout
    assert "11:00–12:00" in out
    assert "13:00–15:00" in out
    assert out.count("free") == 2


def test_hard_problems_stop_and_keep_the_saved_agenda() -> None:
    """An impossible walk, a clash and an unknown id are all listed; exit 1; the saved file is untouched."""
    assert run("plan", "--pick", "A10").exit_code == 0
    before = saved_file().read_bytes()
    result = run("plan", "--pick", "B10,D11,C11,Z99", "--buffer", "5")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "dlcat: no session 'Z99'; see `dlcat list` for the ids" in lines
    assert any(
        line.startswith("dlcat: clash: C11 (11:00–11:50, UST 대회의실) overlaps D11") for line in lines
    )
    assert any(line.startswith("dlcat: impossible walk: B10") for line in lines)
    assert lines[-1] == "Nothing was saved; your saved agenda is unchanged."
    assert "Traceback" not in result.stderr
    assert saved_file().read_bytes() == before


def test_add_and_drop_change_the_saved_agenda_with_its_options() -> None:
    """--add and --drop start from the saved agenda and keep its --buffer."""
    run("plan", "--pick", "B10", "--buffer", "5")
    result = run("plan", "--add", "D11")
    assert result.exit_code == 1  # the saved buffer of 5 makes B10 -> D11 impossible
    assert "5 min buffer" in result.stderr
    assert run("plan", "--add", "D11", "--buffer", "0").exit_code == 0
    assert run("plan", "--drop", "b10").exit_code == 0
    assert [p["id"] for p in json.loads(saved_file().read_text())["picks"]] == ["D11"]
    result = run("plan", "--drop", "C11")
    assert result.exit_code == 1
    assert result.stderr.startswith("dlcat: C11 is not in your agenda (D11); nothing was changed")


def test_dry_run_saves_nothing() -> None:
    """--dry-run checks and prints but writes no file."""
    result = run("plan", "--pick", "B10", "--dry-run")
    assert result.exit_code == 0
    assert "nothing saved (--dry-run)" in result.stderr
    assert not saved_file().exists()


def test_plan_json_has_picks_moves_and_problems() -> None:
    """--json gives the picks with their chosen room, the moves with minutes, and the problems."""
    result = run("plan", "--pick", "F16,A17", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["kind"] == "agenda"
    assert document["saved"] is True
    assert [p["id"] for p in document["picks"]] == ["F16", "A17"]
    assert document["picks"][1]["rooms"] == [
        {"building": "UST", "code": "A-USTaudi", "id": "A17", "name": "강당", "seats": 300, "track": "A"}
    ]
    assert document["moves"] == [
        {
            "buffer_minutes": 0,
            "from": "F16",
            "gap_minutes": 10,
            "kind": "walk between buildings",
            "late_minutes": 0,
            "spare_minutes": 0,
            "to": "A17",
            "verdict": "tight",
            "walk_minutes": 10,
        }
    ]
    assert {p["code"] for p in document["problems"]} == {
        "tight-walk",
        "partial-series",
        "farther-room",
        "small-room",
    }


def test_nothing_to_plan_and_nothing_to_change_are_one_line_errors() -> None:
    """No ids, or --add with no saved agenda: one line saying what to do."""
    result = run("plan")
    assert result.exit_code == 1
    assert result.stderr.startswith("dlcat: nothing to plan: give sessions with --pick A10,A11")
    result = run("plan", "--add", "B10")
    assert result.exit_code == 1
    assert result.stderr.startswith("dlcat: there is no saved agenda to change")
    other = run("--program", str(PROGRAMS / "first-dlcat-2018.yaml"), "export", "x.ics")
    assert other.stderr.startswith(
        "dlcat: you have no saved agenda to export; make one with `dlcat plan --pick A0950,A1010`"
    )  # the hint names ids of the program in use, not the bundled one's


def test_agenda_shows_the_saved_plan_and_program_changes(tmp_path: Path) -> None:
    """`dlcat agenda` repeats the timeline; after the program file changes it says what changed."""
    assert run("agenda").exit_code == 1
    program = tmp_path / "program.yaml"
    text = (Path(__file__).parents[1] / "data" / "program.yaml").read_text(encoding="utf-8")
    program.write_text(text, encoding="utf-8")
    assert run("--program", str(program), "plan", "--pick", "B10,C11").exit_code == 0
    shown = run("--program", str(program), "agenda")
    assert shown.exit_code == 0
    assert "B10  UST 사이언스홀" in shown.stdout
    program.write_text(text.replace("title: 설명가능한 AI for AI 윤리", "title: XAI"), encoding="utf-8")
    changed = run("--program", str(program), "agenda")
    assert (
        "changed since you saved: C11 was renamed: '설명가능한 AI for AI 윤리' is now 'XAI'" in changed.stderr
    )


def test_a_saved_pick_the_program_lost_says_how_to_let_it_go(tmp_path: Path) -> None:
    """After the program file drops a saved session: agenda, export and --add name it and the --drop to use."""
    program = tmp_path / "program.yaml"
    text = (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8")
    program.write_text(text, encoding="utf-8")
    assert run("--program", str(program), "plan", "--pick", "A1010,A1300").exit_code == 0
    program.write_text(
        "\n".join(line for line in text.splitlines() if "id: A1010" not in line), encoding="utf-8"
    )
    shown = run("--program", str(program), "agenda")
    assert shown.exit_code == 1
    assert "A1300  ETRI" in shown.stdout or "A1300" in shown.stdout  # the rest of the agenda is shown
    assert shown.stderr.splitlines()[-1] == (
        "Your saved agenda no longer holds as the program is now; this repairs it: "
        f"dlcat --program {program} plan --drop A1010"
    )
    expected = "dlcat: your saved agenda has A1010, which 1st DLCAT no longer has; drop it with `dlcat plan --drop A1010`"
    for command in (["export", str(tmp_path / "a.ics")], ["plan", "--add", "B1010"]):
        result = run("--program", str(program), *command)
        assert result.exit_code == 1
        assert expected in result.stderr.splitlines()
        assert "Traceback" not in result.output
    shown = run("--program", str(program), "agenda")  # the agenda is shown, the lost pick marked
    lines = shown.stdout.splitlines()
    assert (
        lines[0] == "1st DLCAT: your agenda (2 sessions; buffer 0 min, walking pace x1, late at most 5 min)"
    )
    assert lines[1].startswith("13:00–13:45  A1300  UST 강당")
    gone = lines.index("No longer in the program")
    assert lines[gone + 1].startswith("10:10–10:55  A1010  UST 강당")
    assert lines[gone + 2].strip() == "✗ removed from the program"
    dropped = run("--program", str(program), "plan", "--drop", "A1010", "--json")
    assert dropped.exit_code == 0
    assert [p["id"] for p in json.loads(dropped.stdout)["picks"]] == ["A1300"]


def test_damaged_agenda_file_is_reported_kept_and_set_aside_by_a_new_plan() -> None:
    """agenda: one line, exit 1, file untouched; plan --pick: saves and says where the old file went."""
    saved_file().parent.mkdir(parents=True)
    saved_file().write_text("{oops", encoding="utf-8")
    result = run("agenda")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert f"the saved agenda {saved_file()} is damaged" in result.stderr
    assert saved_file().read_text(encoding="utf-8") == "{oops"
    assert run("plan", "--add", "B10").exit_code == 1
    result = run("plan", "--pick", "B10")
    assert result.exit_code == 0
    (kept,) = saved_file().parent.glob("*.damaged-*")
    assert kept.read_text(encoding="utf-8") == "{oops"
    assert f"the damaged agenda file was kept as {kept}" in result.stderr


def test_grid_marks_the_saved_agenda() -> None:
    """With an agenda saved, its sessions carry a marker that shows without colour; the others stay."""
    assert "▶" not in run("grid").stdout
    run("plan", "--pick", "B10,D17")
    result = run("grid")
    assert result.exit_code == 0
    assert "▶ B10 이수진" in result.stdout
    assert "▶ A17 김태영" in result.stdout  # the simulcast's cell, whichever room was picked
    assert "C10 박해선" in result.stdout
    assert result.stdout.count("▶") == 2


def test_back_to_back_program_from_a_file_refuses_room_changes() -> None:
    """A program of our own with zero-minute gaps: a change of building is impossible."""
    path = str(PROGRAMS / "two-buildings-back-to-back.yaml")
    result = run("--program", path, "plan", "--pick", "N1a,S1b")
    assert result.exit_code == 1
    assert "impossible walk: N1a (09:00–10:00, NORTH Big) to S1b (10:00–11:00, SOUTH Hall)" in result.stderr
    assert "takes 6 min, but there are only 0 min between them" in result.stderr


def test_now_at_a_moment_with_and_without_an_agenda() -> None:
    """`now --at`: what runs, what is next, and with an agenda where to go and when to leave."""
    result = run("now", "--at", "10:30")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "On now until 10:50: A10, B10, C10, D10, E10, F10; next at 11:00: A11, B11, C11, D11, E11, F11; "
        "no saved agenda (`dlcat plan --pick A10,A11` makes one, and then this says where to go).\n"
        "2019-07-04 10:30 KST: on now\n"
    )
    run("plan", "--pick", "B10,D11")
    out = run("now", "--at", "10:30").stdout
    assert out.startswith(
        "In B10 (UST 사이언스홀) until 10:50; next D11 at 11:00 in ETRI 212호 대회의실: "
        "walk UST → ETRI, 10 min, leave by 10:50.\nD11: I'm Kaggler - Why need kaggle?\n"
    )
    late = run("now", "--at", "10:53").stdout.splitlines()[0]
    assert late == (
        "Break until 11:00; next D11 at 11:00 in ETRI 212호 대회의실: walk UST → ETRI, 10 min, "
        "leave by 10:50; that was 3 min ago, go now."
    )


def test_now_in_lunch_before_and_after() -> None:
    """Lunch, days before, and the real clock (long after 2019) each get one clear line."""
    assert run("now", "--at", "12:30").stdout.startswith("점심시간 (lunch) until 13:00; next at 13:00: A13,")
    early = run("now", "--at", "2019-07-01 09:00").stdout
    assert early.startswith("2nd DLCAT starts in 3 days, 2019-07-04 10:00; next at 10:00: A10,")
    over = run("now")
    assert over.exit_code == 0
    assert "2nd DLCAT is over; it ended 2019-07-04 17:50." in over.stdout


def test_now_day_without_at_is_an_error_not_ignored() -> None:
    """`now --day 2` would otherwise show today's clock as if --day meant something."""
    result = run("now", "--day", "1")
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "dlcat: --day 1 is the day of a time given with --at: dlcat now --at 10:55 --day 1"
    )


def test_now_json() -> None:
    """--json has the phase, the next start and the move."""
    run("plan", "--pick", "F16,D17")
    document = json.loads(run("now", "--at", "16:55", "--json").stdout)
    assert document["phase"] == "break"
    assert document["next_start"] == "2019-07-04T17:00:00+09:00"
    assert document["upcoming"] == "D17"
    assert document["leave_by"] == "2019-07-04T16:57:00+09:00"
    assert document["previous"] == "F16"
    lunch = json.loads(run("now", "--at", "12:10", "--json").stdout)
    assert lunch["gaps"] == [
        {
            "kind": "break",
            "start": "2019-07-04T12:00:00+09:00",
            "end": "2019-07-04T13:00:00+09:00",
            "break": "점심시간 (lunch)",
        },
        {
            "kind": "free",
            "start": "2019-07-04T13:00:00+09:00",
            "end": "2019-07-04T16:00:00+09:00",
            "break": None,
        },
    ]


def test_plan_like_explains_and_saves() -> None:
    """--like prints why, then the timeline, and saves like plan; --json carries the reasons."""
    result = run("plan", "--like", "강화학습,GAN")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Best agenda for 강화학습, GAN: 4 interest points")
    assert "E10+E11 over A10: it matches fewer of your interests (1 vs 2)" in result.stdout
    assert [p["id"] for p in json.loads(saved_file().read_text())["picks"]] == ["E10", "E11", "E15", "E16"]
    document = json.loads(run("plan", "--like", "keras tuner", "--pick", "E16", "--json", "--dry-run").stdout)
    assert [p["id"] for p in document["picks"]] == ["E15", "E16", "D17"]
    assert document["like"]["points"] == 1
    assert document["like"]["reasons"][0]["alternative"] == "A17"


def test_plan_like_refuses_add_and_impossible_picks() -> None:
    """--like with --add is a one-line error; picks that clash are named."""
    result = run("plan", "--like", "gan", "--add", "B10")
    assert result.exit_code == 1
    assert result.stderr.startswith("dlcat: --like builds a new agenda; use it with --pick")
    result = run("plan", "--like", "gan", "--pick", "B10,C10")
    assert result.exit_code == 1
    assert "the sessions given with --pick can't all be kept: clash: B10" in result.stderr


def test_plan_like_that_matches_nothing_keeps_the_saved_agenda() -> None:
    """Interests no session matches are an error, not an empty agenda saved over the old one."""
    assert run("plan", "--pick", "B10,C11").exit_code == 0
    before = saved_file().read_bytes()
    result = run("plan", "--like", "((")
    assert result.exit_code == 1
    assert result.stderr.startswith("dlcat: no session of 2nd DLCAT matches '(('; try a topic such as ")
    assert saved_file().read_bytes() == before
    document = json.loads(run("plan", "--like", "((,GAN", "--json", "--dry-run").stdout)
    assert document["like"]["unmatched"] == ["(("]
    assert [p["id"] for p in document["picks"]] == ["B16"]


def test_a_room_change_back_to_back_is_saved_with_a_late_warning() -> None:
    """The 1st DLCAT has no breaks: A1010 (강당) ends at 10:55 when B1055 (사이언스홀) starts. The 3-minute
    walk makes you 3 min late: a warning, and the agenda is saved (issue 11). --late 2 refuses it."""
    program = str(PROGRAMS / "first-dlcat-2018.yaml")
    result = run("--program", program, "plan", "--pick", "A1010,B1055")
    assert result.exit_code == 0, result.output
    assert "→ UST 사이언스홀, 3 min within UST; you will be 3 min late" in result.stdout
    assert (
        "warning: late: A1010 to B1055: the walk within UST takes 3 min of the 0 min between them; "
        "you will be 3 min late for B1055"
    ) in result.stderr
    saved = json.loads((Path(os.environ["DLCAT_HOME"]) / "agenda-1st-dlcat-2018.json").read_text())
    assert saved["options"] == {"buffer": 0, "late": 5, "pace": 1.0}
    strict = run("--program", program, "plan", "--pick", "A1010,B1055", "--late", "2")
    assert strict.exit_code == 1
    assert "you would be 3 min late (more than the 2 min you accept)" in strict.stderr


def test_late_is_saved_with_the_agenda_and_kept_by_add() -> None:
    """--late 0 is saved; a later --add keeps it, so a back-to-back room change is then refused."""
    program = str(PROGRAMS / "first-dlcat-2018.yaml")
    assert run("--program", program, "plan", "--pick", "A1010", "--late", "0").exit_code == 0
    refused = run("--program", program, "plan", "--add", "B1055")
    assert refused.exit_code == 1
    assert "more than the 0 min you accept" in refused.stderr
    assert run("--program", program, "plan", "--add", "B1055", "--late", "5").exit_code == 0


@pytest.mark.parametrize("value", ["-1", "61", "soon"])
def test_late_out_of_range_is_a_usage_error(value: str) -> None:
    """--late takes 0 to 60 minutes."""
    assert run("plan", "--pick", "B10", "--late", value).exit_code == 2


def test_like_changes_rooms_where_that_earns_points() -> None:
    """One building, back to back: --like vision walks X1 -> Y2 -> X3, 3 min late twice (3 points);
    with --late 0 it stays in Room 1 (2 points) and says why it left Y2 out."""
    program = str(PROGRAMS / "one-building-back-to-back.yaml")
    result = run("--program", program, "plan", "--like", "vision", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [p["id"] for p in document["picks"]] == ["X1", "Y2", "X3"]
    assert [m["late_minutes"] for m in document["moves"]] == [3, 3]
    assert document["like"]["points"] == 3
    strict = run("--program", program, "plan", "--like", "vision", "--dry-run", "--late", "0")
    assert strict.exit_code == 0
    assert "X1  HALL Room 1" in strict.stdout
    assert "Y2  HALL" not in strict.stdout
    assert (
        "left out Y2: the walk from X1 (HALL Room 1) to Y2 (HALL Room 2) takes 3 min, with 0 min between "
        "them: 3 min late, more than the 0 min you accept"
    ) in " ".join(strict.stdout.split())


NIGHT_CAMP = str(NIGHT_CAMP_FILE)


def test_an_agenda_of_several_days_has_a_heading_per_day_and_nothing_across_a_night() -> None:
    """Day 1 runs to 02:00: L1 (barn, to 00:30) -> N1 (hall, 01:00) is a walk with 22 min to spare; from N1
    to M3 on day 3 there is no move and no free time, only the next day's heading."""
    result = run("--program", NIGHT_CAMP, "plan", "--pick", "O1,L1,N1,M3,W3")
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert "Day 1, 2024-06-07 (Fri)" in lines
    assert "Day 3, 2024-06-09 (Sun)" in lines
    assert lines.index("Day 3, 2024-06-09 (Sun)") > next(i for i, s in enumerate(lines) if " N1 " in s)
    assert "→ walk BARN → HALL, 8 min; 22 min to spare" in result.stdout
    assert "free" not in result.stdout
    assert "to spare" not in next(s for s in lines if " N1 " in s)
    single = run("plan", "--pick", "B10,D11", "--dry-run")
    assert "Day 1" not in single.stdout  # one day: no heading


def test_a_walk_past_midnight_within_a_day_is_still_checked() -> None:
    """At --pace 5 the barn-to-hall walk takes 40 min of the 30 between L1 and N1, both on day 1."""
    result = run("--program", NIGHT_CAMP, "plan", "--pick", "L1,N1", "--pace", "5", "--dry-run")
    assert result.exit_code == 1
    assert "you would be 10 min late (more than the 5 min you accept)" in result.stderr


def test_like_with_a_day_chooses_among_that_days_sessions() -> None:
    """--like opening --day 3 takes M3, not day 1's O1; the empty day 2 is an error naming the day."""
    result = run("--program", NIGHT_CAMP, "plan", "--like", "opening", "--day", "3", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(result.stdout)["picks"]] == ["M3"]
    empty = run("--program", NIGHT_CAMP, "plan", "--like", "opening", "--day", "2", "--dry-run")
    assert empty.exit_code == 1
    assert "no session of Night Camp on day 2 matches 'opening'" in empty.stderr
    alone = run("--program", NIGHT_CAMP, "plan", "--pick", "O1", "--day", "2")
    assert alone.exit_code == 1
    assert "--day 2 chooses the day for --like" in alone.stderr


def test_now_on_a_late_walk_says_when_you_get_in() -> None:
    """`now` at 10:46 on the way from X1 to Y2 (3 min late) does not say you are in Y2 yet."""
    program = str(PROGRAMS / "one-building-back-to-back.yaml")
    assert run("--program", program, "plan", "--pick", "X1,Y2,X3").exit_code == 0
    result = run("--program", program, "now", "--at", "10:46")
    assert result.stdout.startswith("On the way to Y2 (HALL Room 2): in at 10:48, 3 min after it starts;")
    assert "In Y2" not in result.stdout
    document = json.loads(run("--program", program, "now", "--at", "10:46", "--json").stdout)
    assert document["arriving"] == "2024-05-10T10:48:00+02:00"


@pytest.mark.parametrize(
    "command", [["plan", "--pick", "B10,D11"], ["plan", "--like", "GAN"], ["export", "-", "--pick", "B10"]]
)
def test_a_pace_that_is_not_a_number_is_a_usage_error(command: list[str]) -> None:
    """--pace nan passed the range check and ended in a traceback; now it is refused like --pace 1000."""
    result = run(*command, "--pace", "nan")
    assert result.exit_code == 2
    assert "nan is not a number" in result.stderr


def test_like_on_a_day_names_the_day_of_an_unmatched_interest() -> None:
    """'workshop' matches W3, on day 3: with --day 1 it 'matches no session on day 1'; --day ３ (full width) is 3."""
    result = run("--program", NIGHT_CAMP, "plan", "--like", "opening,workshop", "--day", "1", "--dry-run")
    assert "'workshop' matches no session on day 1" in result.stdout
    wide = run("--program", NIGHT_CAMP, "plan", "--like", "workshop", "--day", "３", "--dry-run", "--json")
    assert [p["id"] for p in json.loads(wide.stdout)["picks"]] == ["W3"]


def test_agenda_shows_a_saved_agenda_the_program_has_made_impossible(tmp_path: Path) -> None:
    """The walk within the building grows from 3 to 10 min after A1010 -> B1055 was saved (3 min late):
    `agenda` shows the timeline, names the impossible walk, and does not talk of saving (it never saves)."""
    program = tmp_path / "first.yaml"
    text = (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8")
    program.write_text(text, encoding="utf-8")
    assert run("--program", str(program), "plan", "--pick", "A1010,B1055").exit_code == 0
    program.write_text(
        text.replace("within_building: {minutes: 3}", "within_building: {minutes: 10}"), "utf-8"
    )
    result = run("--program", str(program), "agenda")
    assert result.exit_code == 1
    assert "A1010" in result.stdout
    assert "B1055" in result.stdout
    assert "you would be 10 min late (more than the 5 min you accept)" in result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[lines.index("✗ can't be reached in time from A1010") - 1].startswith("10:55–11:15  B1055")
    assert "Nothing was saved" not in result.stderr
    assert result.stderr.rstrip().endswith(
        "Your saved agenda no longer holds as the program is now; "
        f"this repairs it: dlcat --program {program} plan --drop B1055"
    )
    assert run("--program", str(program), "plan", "--drop", "B1055").exit_code == 0  # the repair passes
    assert run("--program", str(program), "agenda").exit_code == 0


def test_pick_over_a_saved_agenda_says_what_it_replaces_and_undo_brings_it_back() -> None:
    """--pick over B10,D11 names them; --undo restores the picks and options as a new revision (the number
    only rises); undo again goes one further back; with none left it is one line."""
    assert run("plan", "--pick", "B10,D11", "--late", "10").exit_code == 0
    replaced = run("plan", "--pick", "E10,E11")
    assert replaced.exit_code == 0
    assert "replaces your saved agenda: B10 D11 (`dlcat plan --undo` brings it back)" in replaced.stderr
    undone = run("plan", "--undo")
    assert undone.exit_code == 0, undone.output
    assert "brings back revision 1 of" in undone.stderr
    document = json.loads(saved_file().read_text(encoding="utf-8"))
    assert [p["id"] for p in document["picks"]] == ["B10", "D11"]
    assert document["options"]["late"] == 10
    assert document["revision"] == 3
    history = run("agenda", "--history")
    lines = history.stdout.splitlines()
    assert lines[0].startswith("now revision 3  ")
    assert lines[0].endswith("  B10 D11")
    assert [line.split()[-2:] for line in lines[1:]] == [["E10", "E11"], ["B10", "D11"]]  # nothing lost
    last = run("plan", "--undo")  # revision 1 was brought back: there is nothing further back
    assert last.exit_code == 1
    assert "nothing further back to undo: revision 3 brought back revision 1" in last.stderr
    assert run("plan", "--undo", "--revision", "2").exit_code == 0  # the agenda undone is still there
    assert [p["id"] for p in json.loads(saved_file().read_text(encoding="utf-8"))["picks"]] == ["E10", "E11"]


def test_only_ten_versions_are_kept() -> None:
    """Twelve changes: the agenda as it is and the nine before it."""
    for one in ("A10", "A11", "A13", "A14", "A15", "A16", "A17", "B10", "B11", "B13", "B14", "B15"):
        assert run("plan", "--pick", one).exit_code == 0
    document = json.loads(saved_file().read_text(encoding="utf-8"))
    assert len(document["history"]) == 9
    assert document["history"][0]["ids"] == ["B14"]
    assert run("plan", "--undo", "--pick", "B10").exit_code == 1


def test_agenda_json_marks_each_problem_on_its_session(tmp_path: Path) -> None:
    """--json carries the marks on each pick, the removed picks with theirs, and the changes, in English keys."""
    program, text = first_dlcat_saved(tmp_path, "A1010,B1055,A1300")
    text = text.replace("within_building: {minutes: 3}", "within_building: {minutes: 10}")
    program.write_text(text.replace("title: Seminar five", "title: CANCELLED Seminar five"), "utf-8")
    result = run("--program", str(program), "agenda", "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert {p["id"]: p["marks"] for p in document["picks"]} == {
        "A1010": [],
        "B1055": [
            {"code": "impossible-walk", "label": "can't be reached in time from A1010", "level": "error"}
        ],
        "A1300": [{"code": "cancelled", "label": "cancelled", "level": "error"}],
    }
    assert document["removed"] == []
    assert [c["kind"] for c in document["changes"]] == ["cancelled"]
    assert {p["code"] for p in document["problems"]} == {"impossible-walk", "cancelled"}


def test_a_refused_plan_with_json_prints_its_problems_and_saves_nothing() -> None:
    """plan --json of a clash: the document (saved false, the clash among its problems) and exit 1."""
    result = run("plan", "--pick", "B10,C10", "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["saved"], [p["code"] for p in document["problems"]]) == (False, ["clash", "small-room"])
    assert result.stderr.splitlines()[-1] == "Nothing was saved; your saved agenda is unchanged."
    assert not saved_file().exists()


def test_undo_with_a_revision_brings_back_that_one() -> None:
    """Three versions: --undo --revision 1 brings back the first; options with --undo are refused."""
    for one in ("A10", "B10", "C10"):
        assert run("plan", "--pick", one).exit_code == 0
    refused = run("plan", "--undo", "--buffer", "5")
    assert refused.exit_code == 1
    assert "--undo brings back the version before, with its options; give it alone" in refused.stderr
    back = run("plan", "--undo", "--revision", "1")
    assert back.exit_code == 0, back.output
    assert "brings back revision 1 of" in back.stderr
    assert [p["id"] for p in json.loads(saved_file().read_text(encoding="utf-8"))["picks"]] == ["A10"]
    assert run("plan", "--undo", "--revision", "9").exit_code == 1
    assert run("plan", "--revision", "1").exit_code == 1


def test_an_agenda_emptied_by_drop_keeps_its_history_and_undo_brings_it_back() -> None:
    """Dropping the last pick: agenda says there is none yet, --history lists the versions, --undo works."""
    assert run("plan", "--pick", "B10").exit_code == 0
    assert run("plan", "--drop", "B10").exit_code == 0
    assert run("agenda").stderr.startswith("dlcat: you have no saved agenda yet; make one with")
    lines = run("agenda", "--history").stdout.splitlines()
    assert [line.split("  ")[-1] for line in lines] == ["(empty)", "B10"]
    undone = run("plan", "--undo")
    assert undone.exit_code == 0, undone.output
    assert [p["id"] for p in json.loads(saved_file().read_text(encoding="utf-8"))["picks"]] == ["B10"]


def test_plan_pick_on_the_korean_layout_plans_e10() -> None:
    """`plan --pick ㄷ10,ㄷ11` (the Korean layout still on: ㄷ is the E key) plans E10 and E11."""
    result = run("plan", "--pick", "ㄷ10，ㄷ11", "--json", "--dry-run")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(result.stdout)["picks"]] == ["E10", "E11"]


@pytest.mark.parametrize(
    ("typed", "interests"),
    [
        ("강화학습 케라스", ["강화학습", "케라스"]),  # matches nothing as a whole: two interests
        ("강화학습，케라스", ["강화학습", "케라스"]),
        ("강화학습、케라스", ["강화학습", "케라스"]),
        ("강화 학습", ["강화 학습"]),  # matches 강화학습 with the space ignored: one
        ("reinforcement learning", ["reinforcement learning"]),  # Latin words stay one interest
    ],
)
def test_like_splits_interests_as_a_korean_attendee_types_them(typed: str, interests: list[str]) -> None:
    """Commas of every kind separate interests; a Hangul phrase is one interest only when it matches whole."""
    result = run("plan", "--like", typed, "--json", "--dry-run")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["like"]["interests"] == interests


def test_like_that_matches_nothing_never_suggests_the_words_typed() -> None:
    """The hint offers topics other than the ones typed (강화학습 was typed, inside 강화학습zz)."""
    result = run("plan", "--like", "강화학습zz 케라스zz", "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "dlcat: no session of 2nd DLCAT matches '강화학습zz', '케라스zz'; try a topic"
    )
    hint = result.stderr.split("try a topic such as ")[1]
    assert "강화학습" not in hint
    assert "케라스" not in hint
    assert "keras" in hint


def test_marks_speak_the_language_of_the_run_and_json_stays_english(tmp_path: Path) -> None:
    """In Korean the marks and the lost pick's line are Korean; --json keeps its labels English (issue 15)."""
    from dlcat_cli import i18n

    program, text = first_dlcat_saved(tmp_path, "A1010,B1055,A1300")
    program.write_text(
        text.replace("within_building: {minutes: 3}", "within_building: {minutes: 10}"), "utf-8"
    )
    i18n.setup("ko")
    try:
        shown = run("--program", str(program), "agenda")
        document = json.loads(run("--program", str(program), "agenda", "--json").stdout)
    finally:
        i18n.setup("en")
    assert "✗ A1010에서 제시간에 올 수 없음" in shown.stdout
    assert document["picks"][1]["marks"][0]["label"] == "can't be reached in time from A1010"

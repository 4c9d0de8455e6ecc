"""cache.py: a checked program is reused only while its file is unchanged, and a bad cache is harmless."""

from __future__ import annotations

import os
import pickle
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats import cache
from dlcat_cli.formats.loader import cache_key, load_program
from helpers import PROGRAMS


@pytest.fixture
def program_file(tmp_path: Path) -> Path:
    path = tmp_path / "first.yaml"
    path.write_bytes((PROGRAMS / "first-dlcat-2018.yaml").read_bytes())
    return path


def entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("program-*.pickle"))


def test_second_load_comes_from_the_cache_and_is_equal(program_file: Path) -> None:
    """The first load writes one cache entry; the second reads it and gives the same program."""
    first = load_program(program_file)
    assert len(entries()) == 1
    key = cache_key(program_file)
    assert key is not None
    hit = cache.read(key)
    assert hit is not None
    assert hit.fingerprint == first.fingerprint
    assert load_program(program_file) == first


def test_a_changed_file_is_parsed_again(program_file: Path) -> None:
    """Editing the file (new size and time) must not serve the old program."""
    load_program(program_file)
    text = program_file.read_text(encoding="utf-8").replace("Seminar one", "Seminar uno")
    program_file.write_text(text, encoding="utf-8")
    os.utime(program_file, ns=(1, 1))
    session, _ = load_program(program_file).find("A1010")  # type: ignore[misc]
    assert session.title == "Seminar uno"


def test_a_damaged_cache_entry_is_ignored_and_replaced(program_file: Path) -> None:
    """Garbage in the cache means a fresh parse, not an error."""
    expected = load_program(program_file)
    (entry,) = entries()
    entry.write_bytes(b"\x00garbage")
    assert load_program(program_file) == expected
    assert cache.read(cache_key(program_file)) is not None  # type: ignore[arg-type]


def test_an_invalid_file_is_never_cached(program_file: Path) -> None:
    """A file that fails its checks is refused on every load, with its line, and leaves no cache entry."""
    text = program_file.read_text(encoding="utf-8").replace("room: B,", "room: Z,", 1)
    program_file.write_text(text, encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DlcatError, match=r"first\.yaml:\d+: sessions\[\d+\]\.room: unknown room 'Z'"):
            load_program(program_file)
    assert entries() == []


def test_an_unwritable_cache_directory_is_harmless(
    program_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the cache can't be written, the program still loads."""
    blocker = program_file.parent / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("DLCAT_HOME", str(blocker))
    assert load_program(program_file).conference.id == "1st-dlcat-2018"


def test_the_bundled_program_is_cached_under_the_file_importlib_resources_reads() -> None:
    """The cache key of the bundled program names the very file importlib.resources gives."""
    from importlib import resources

    from dlcat_cli.formats import loader as program

    bundled = resources.files("dlcat_cli").joinpath(program.BUNDLED)
    first = load_program()
    assert len(entries()) == 1
    key = cache_key(None)
    assert key is not None
    assert key[3] == str(Path(str(bundled)).resolve())
    assert cache.read(key) is not None
    assert load_program() == first


SCHEDULE = Path(__file__).parent / "schedules" / "repeated_hour_second_pass.json"


def test_a_schedule_with_instants_is_cached_and_read_back_exact(tmp_path: Path) -> None:
    """A schedule's instants (a repeated hour's second pass) come back from the cache as the same instants."""
    schedule = tmp_path / "night.json"
    schedule.write_bytes(SCHEDULE.read_bytes())
    first = load_program(schedule)
    assert len(entries()) == 1
    key = cache_key(schedule)
    assert key is not None
    hit = cache.read(key)
    assert hit is not None
    second = next(s for s in hit.sessions if s.id == "602")
    assert second.start == datetime(2024, 11, 3, 6, 15, tzinfo=UTC)
    assert second.start.utcoffset() == timedelta(0)
    assert hit.days[0].end == datetime(2024, 11, 3, 17, 0, tzinfo=UTC)
    assert load_program(schedule) == first


def test_a_yaml_date_no_longer_stops_caching(program_file: Path) -> None:
    """An unquoted `date: 2018-07-05` is a date to YAML: stored tagged, read back as the date."""
    text = program_file.read_text(encoding="utf-8")
    quoted = re.search(r'date: "(\d{4}-\d{2}-\d{2})"', text)
    assert quoted is not None
    program_file.write_text(text.replace(quoted[0], f"date: {quoted[1]}", 1), encoding="utf-8")
    first = load_program(program_file)
    hit = cache.read(cache_key(program_file))  # type: ignore[arg-type]
    assert hit is not None
    assert load_program(program_file) == first


def test_the_checked_program_is_stored(program_file: Path) -> None:
    """The entry holds the checked Program itself, so a cached command checks nothing again (issue 16)."""
    first = load_program(program_file)
    (entry,) = entries()
    _, stored = pickle.loads(entry.read_bytes())
    assert stored == first
    assert stored.sessions[0].start.utcoffset() == timedelta(0)


def test_an_entry_of_the_format_before_is_not_read(program_file: Path) -> None:
    """An entry of format 4 (plain data, checked again on every load) is never served, even by this version."""
    load_program(program_file)
    key = cache_key(program_file)
    assert key is not None
    (entry,) = entries()
    program = load_program(program_file)
    entry.write_bytes(pickle.dumps(((4, *key[1:]), program)))
    assert cache.read(key) is None


def test_an_entry_holding_something_else_is_not_served(program_file: Path) -> None:
    """An entry whose key matches but whose value is no Program (say, format 4's plain data) is ignored."""
    load_program(program_file)
    key = cache_key(program_file)
    assert key is not None
    (entry,) = entries()
    entry.write_bytes(pickle.dumps((key, {"schema": 1})))
    assert cache.read(key) is None
    assert load_program(program_file).conference.id == "1st-dlcat-2018"


def test_a_file_named_another_way_gets_its_own_label(
    program_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file given by another name is the program of that name: its source is as typed."""
    load_program(program_file)
    monkeypatch.chdir(program_file.parent)
    assert load_program(Path("first.yaml")).source == "first.yaml"
    assert load_program(program_file).source == str(program_file)


def test_an_edit_that_keeps_size_and_mtime_is_seen(program_file: Path) -> None:
    """`cp -p`, `rsync -t`, an unpacked archive: same size, the old mtime set back; the change time and
    inode still tell, so the edited title is read, not the cached one."""
    first = load_program(program_file)
    before = program_file.stat()
    text = program_file.read_text(encoding="utf-8")
    program_file.write_text(text.replace("Seminar one", "Seminar 1ne"), encoding="utf-8")
    os.utime(program_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert program_file.stat().st_size == before.st_size
    assert program_file.stat().st_mtime_ns == before.st_mtime_ns
    second = load_program(program_file)
    found = second.find("A1010")
    assert found is not None
    assert found[0].title == "Seminar 1ne"
    assert first.find("A1010")[0].title == "Seminar one"  # type: ignore[index]

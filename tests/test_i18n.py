"""dlcat's language: which one a run speaks, the Korean catalogue's completeness, and Korean dates (i18n.py)."""

from __future__ import annotations

import ast
import gettext
import io
import os
import string
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dlcat_cli import i18n

SOURCE = Path(i18n.__file__).parent
CATALOGUE = i18n.LOCALE_DIR / "ko" / "LC_MESSAGES" / "dlcat.po"
COMPILED = CATALOGUE.with_suffix(".mo")
KST = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("argv", "environ", "language"),
    [
        ([], {}, "en"),
        ([], {"LANG": "ko_KR.UTF-8"}, "ko"),
        ([], {"LANG": "C.UTF-8"}, "en"),
        ([], {"LANG": "ko_KR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "en_US.UTF-8", "LC_MESSAGES": "ko_KR.UTF-8"}, "ko"),
        ([], {"LC_MESSAGES": "ko_KR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ([], {"LC_ALL": "", "LANG": "ko_KR.EUC-KR"}, "ko"),  # an empty variable does not decide
        ([], {"LC_ALL": "en_US.UTF-8", "DLCAT_LANG": "ko"}, "ko"),
        ([], {"DLCAT_LANG": "ko-KR"}, "ko"),
        (["--lang", "en", "list"], {"DLCAT_LANG": "ko"}, "en"),
        (["--lang=ko", "list"], {"LANG": "en_US.UTF-8"}, "ko"),
        (["list", "--search", "--", "--lang", "ko"], {}, "en"),  # after --, words are not options
        (["--lang"], {"LANG": "ko_KR.UTF-8"}, "ko"),  # no value: typer names the mistake; the locale decides
        (["--lang", "de"], {"LANG": "ko_KR.UTF-8"}, "en"),
    ],
)
def test_the_language_of_a_run_follows_the_option_then_dlcat_lang_then_the_posix_order(
    argv: list[str], environ: dict[str, str], language: str
) -> None:
    assert i18n.choose(argv, environ) == language


def test_sentences_give_korean_dates_and_the_12_hour_clock(korean: None) -> None:
    assert i18n.day_text(date(2019, 7, 4)) == "7월 4일 (목)"
    assert i18n.moment_text(datetime(2019, 7, 4, 10, 0, tzinfo=KST)) == "7월 4일 (목) 오전 10:00"
    assert i18n.clock_text(datetime(2019, 7, 4, 15, 5, tzinfo=KST)) == "오후 3:05"
    assert i18n.clock_text(datetime(2019, 7, 4, 12, 30, tzinfo=KST)) == "오후 12:30"
    assert i18n.clock_text(datetime(2019, 7, 5, 0, 30, tzinfo=KST)) == "오전 12:30"


def test_english_sentences_keep_iso_dates_and_the_24_hour_clock() -> None:
    assert i18n.moment_text(datetime(2019, 7, 4, 15, 5, tzinfo=KST)) == "2019-07-04 (Thu) 15:05"


def test_a_sentence_is_english_as_a_value_and_korean_when_shown(korean: None) -> None:
    clause = i18n.say("hour {hour} is past 23", hour=25)
    sentence = i18n.say("can't read time {text!r}: {error}", text="25", error=clause)
    assert sentence == "can't read time '25': hour 25 is past 23"  # what JSON and logs carry
    assert i18n.shown(sentence) == "시각 '25'를 읽을 수 없습니다: 25시는 23시를 넘습니다"
    assert i18n.shown("plain text") == "plain text"


def test_a_message_is_translated_only_in_korean(korean: None) -> None:
    assert i18n._("Print the version and exit.") == "버전을 출력하고 끝냅니다."
    i18n.setup("en")
    assert i18n._("Print the version and exit.") == "Print the version and exit."


# -- the catalogue ------------------------------------------------------------------------------------


def _messages_in_source() -> dict[str, str]:
    """Every `_("...")` and `say("...", ...)` message in dlcat's source, with where it is; a message that is not
    one literal fails."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "i18n.py":  # the lookup itself
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "say", "N_")
            ):
                where = f"{path.relative_to(SOURCE)}:{node.lineno}"
                literal = (
                    node.args[0]
                    if len(node.args) == 1 and (node.func.id == "say" or not node.keywords)
                    else None
                )
                message = literal.value if isinstance(literal, ast.Constant) else None
                assert isinstance(message, str), (
                    f"{where}: _() takes one string literal (fill placeholders after: _('{{id}} ...').format(id=...))"
                )
                found[message] = where
    return found


def _help_texts() -> set[str]:
    """Every help text of every command and option, as cli.help_text looks them up."""
    import typer.main

    from dlcat_cli.cli import app, help_text

    return help_text.texts(typer.main.get_command(app), app.info.context_settings["help_option_names"])


def _catalogue() -> list[tuple[str, str | None, list[str]]]:
    """The Korean catalogue's entries as (msgid, msgid_plural, msgstrs), header left out."""
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    entries = []
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            entries.append((message.id[0], message.id[1], list(message.string)))
        else:
            entries.append((message.id, None, [message.string]))
    return entries


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_message_in_the_source_has_a_korean_translation() -> None:
    translated = {msgid for msgid, _, strings in _catalogue() if all(strings)}
    missing = {
        message: where for message, where in _messages_in_source().items() if message not in translated
    }
    assert not missing, f"add these to {CATALOGUE.name}: {missing}"


def test_every_help_text_has_a_korean_translation() -> None:
    translated = {msgid for msgid, _, strings in _catalogue() if all(strings)}
    assert sorted(_help_texts() - translated) == [], f"add these to {CATALOGUE.name}"


def test_translations_keep_the_placeholders_of_their_message() -> None:
    for msgid, plural, strings in _catalogue():
        allowed = _fields(msgid) | (_fields(plural) if plural else set())
        for text in strings:
            if plural is None:
                assert _fields(text) == _fields(msgid), f"{msgid!r} -> {text!r}"
            else:  # Korean has one plural form: it stands for both English ones
                assert _fields(text) <= allowed, f"{msgid!r} -> {text!r}"


def test_every_catalogue_entry_is_used_by_dlcat_or_is_one_of_typers_own_words() -> None:
    import typer

    ours = set(_messages_in_source()) | _help_texts()
    typers = "".join(path.read_text(encoding="utf-8") for path in Path(typer.__file__).parent.rglob("*.py"))
    unused = [msgid for msgid, _, _ in _catalogue() if msgid not in ours and repr(msgid)[1:-1] not in typers]
    assert not unused, f"no longer used, drop them from {CATALOGUE.name}: {unused}"


def test_the_committed_mo_is_the_po_compiled() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as file:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(file))
    fresh, committed = (
        {key: value for key, value in gettext.GNUTranslations(io.BytesIO(data))._catalog.items() if key}  # type: ignore[attr-defined]
        for data in (compiled.getvalue(), COMPILED.read_bytes())
    )  # the header ("") carries the time of compiling
    assert committed == fresh, "run: pybabel compile -D dlcat -d src/dlcat_cli/locale"


# -- a real run -----------------------------------------------------------------------------------------


def _help(*arguments: str, **environ: str) -> str:
    env = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env.pop("DLCAT_LANG", None)
    env.update(environ, COLUMNS="100", PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "dlcat_cli", *arguments, "--help"]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout


def test_a_korean_locale_gives_korean_help_and_typers_panel_titles() -> None:
    shown = _help(LANG="ko_KR.UTF-8")
    assert "여러 트랙이 동시에 열리는 컨퍼런스의 하루를 계획합니다" in shown
    assert "이 도움말을 보여 주고 끝냅니다." in shown  # typer's words for --help, which it does not look up
    assert "─ 옵션 ─" in shown
    assert "─ 명령 ─" in shown


def test_a_commands_help_and_its_options_are_korean_too() -> None:
    shown = _help("--lang", "ko", "plan")
    assert "내 일정을 만들고 확인하고 저장합니다" in shown
    assert "확인만 하고 저장하지 않습니다." in shown
    assert "Check, but save nothing." not in shown


def test_lang_en_overrides_a_korean_locale() -> None:
    shown = _help("--lang", "en", LANG="ko_KR.UTF-8")
    assert "Plan your day at a multi-track conference" in shown
    assert "옵션" not in shown


def test_a_sentence_kept_in_a_pickle_still_says_itself_in_the_language_of_a_later_run(korean: None) -> None:
    """The cache keeps the checked Program pickled (notes and all): a note read back is still a Sentence,
    English as a value and Korean when shown, its clauses too."""
    import copy
    import pickle

    clause = i18n.say("hour {hour} is past 23", hour=25)
    sentence = i18n.say("can't read time {text!r}: {error}", text="25", error=clause)
    for kept in (
        pickle.loads(pickle.dumps((sentence,), protocol=pickle.HIGHEST_PROTOCOL))[0],
        copy.copy(sentence),
    ):
        assert isinstance(kept, i18n.Sentence)
        assert kept == "can't read time '25': hour 25 is past 23"
        assert i18n.shown(kept) == "시각 '25'를 읽을 수 없습니다: 25시는 23시를 넘습니다"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("E10은(는) E15은(는) C11이(가) E11을(를) D11과(와)", "E10은 E15는 C11이 E11을 D11과"),
        (
            "A13(으)로 C11(으)로 ETRI(으)로 강당(으)로 대회의실(으)로",
            "A13으로 C11로 ETRI로 강당으로 대회의실로",
        ),
        ("C11 (11:00–11:50, UST 대회의실)이(가)", "C11 (11:00–11:50, UST 대회의실)이"),
        ("시각 '25:00'을(를) 시각 '10:30'을(를)", "시각 '25:00'를 시각 '10:30'을"),
        ("B100은(는) C2은(는) L은(는) ETRI은(는)", "B100은 C2는 L은 ETRI는"),
        ("…은(는) 그대로", "…은(는) 그대로"),  # a symbol: the sound before can't be told
    ],
)
def test_a_particle_written_in_both_forms_takes_the_one_the_word_before_takes(text: str, said: str) -> None:
    assert i18n.particles(text) == said


def test_korean_translations_pick_their_particles_once_filled(korean: None) -> None:
    assert i18n._("{id} is not in your agenda ({have}); nothing was changed").format(
        id="E15", have="B10"
    ) == ("E15는 내 일정(B10)에 없습니다. 아무것도 바꾸지 않았습니다")
    assert i18n.shown(i18n.say("hour {hour} is past 23", hour=25)) == "25시는 23시를 넘습니다"

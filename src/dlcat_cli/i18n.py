"""The language dlcat speaks (English or Korean), its words in that language, and dates as its readers write them.

The rule (issue 15, point 1): `--lang` on the command line, else `DLCAT_LANG`, else the POSIX locale variables in
their order of precedence, `LC_ALL`, then `LC_MESSAGES`, then `LANG` (the first one set and non-empty decides, as
in POSIX.1-2017 section 8.2): a value of `ko` or `ko_*` (e.g. `ko_KR.UTF-8`) gives Korean, anything else English.

The words come from gettext catalogues in this package, `locale/<language>/LC_MESSAGES/dlcat.po`, compiled to the
`.mo` next to it (tests/test_i18n.py checks that every message has a translation, that placeholders agree, and
that the committed `.mo` is the `.po` compiled). Click's and typer's own words ("Usage:", "Options", "Show this
message and exit.") are looked up through the standard library's global gettext domain, so `setup` binds that
domain to dlcat's catalogue too, and those words are in the same `.po`.

JSON output is not translated: its keys and `message` values are for programs, and stay English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path


class Language(StrEnum):
    """The languages dlcat speaks, by their ISO 639-1 codes (the values `--lang` takes)."""

    EN = "en"
    KO = "ko"


LANGUAGES = tuple(language.value for language in Language)
DOMAIN = "dlcat"
LOCALE_DIR = Path(__file__).with_name("locale")

_KOREAN_WEEKDAYS = "월화수목금토일"  # Monday first, as date.weekday() counts

_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def choose(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language for this run, `"en"` or `"ko"`, by the rule in this module's docstring.

    `argv` are the command-line arguments after the program name; `--lang ko` and `--lang=ko` are read wherever they
    stand before a `--` (typer checks their place and value afterwards; an unknown value here means English, and
    typer's own check then names it).
    """
    for index, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and index + 1 < len(argv):
            return _language_of(argv[index + 1])
        if token.startswith("--lang="):
            return _language_of(token.partition("=")[2])
    for name in ("DLCAT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return _language_of(value)
    return "en"


def _language_of(value: str) -> str:
    """`ko`, `ko_KR.UTF-8`, `ko-KR` and `KO` are Korean; any other value is English."""
    return "ko" if value.strip().lower().replace("-", "_").split("_")[0].split(".")[0] == "ko" else "en"


def setup(language: str) -> None:
    """Speak `language` (one of LANGUAGES) from now on, in dlcat's words and in click's and typer's.

    Call it before typer's help is built: typer's panel titles are read from gettext when typer.rich_utils is first
    imported. The global gettext domain is dlcat's, and `LANGUAGE` is set for this process so that click's and
    typer's `gettext.gettext` calls find the same language as ours whatever the locale variables say.
    """
    global _catalogue, _language
    _language = language if language in LANGUAGES else "en"
    _catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _language


def language() -> str:
    """The language set by `setup`, `"en"` until it is called."""
    return _language


def _(message: str) -> str:
    """`message` (an English sentence, the catalogue's msgid) in the language set by `setup`.

    Placeholders are `{name}` fields filled after translation: `_("{id} moved to {when}").format(id=..., when=...)`,
    so a translation may put them in another order. In Korean, a particle written in both forms after a field
    (`{id}은(는)`) becomes the one the word before takes once the fields are filled (`particles`).
    """
    text = _catalogue.gettext(message)
    return _KoreanTemplate(text) if _language == "ko" else text


class _KoreanTemplate(str):
    """A Korean translation whose `format` also picks each particle for the word the field put before it."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return particles(str.format(self, *args, **kwargs))


# A particle that depends on the sound before it, written with both forms: the form after a final consonant
# first, or `(으)로`. Standard Korean (표준어 규정 and 한글 맞춤법, 제4장): 은/는, 이/가, 을/를, 과/와, 으로/로.
_BOTH = r"은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|\(으\)로"
_AFTER_CONSONANT = {"은(는)": "은", "는(은)": "은", "이(가)": "이", "가(이)": "이", "을(를)": "을"}
_AFTER_CONSONANT |= {"를(을)": "을", "과(와)": "과", "와(과)": "과", "(으)로": "으로"}
_AFTER_VOWEL = {"은(는)": "는", "는(은)": "는", "이(가)": "가", "가(이)": "가", "을(를)": "를"}
_AFTER_VOWEL |= {"를(을)": "를", "과(와)": "와", "와(과)": "와", "(으)로": "로"}
# How a Latin letter or a digit is read in Korean ends: with a consonant (True), with ㄹ ("l"), with a vowel (False).
_LETTERS: dict[str, bool | str] = {
    "l": "l",
    "r": "l",
    "m": True,
    "n": True,
}  # 엘, 알, 엠, 엔; every other letter ends in a vowel
_DIGITS: dict[str, bool | str] = {
    "0": True,
    "1": "l",
    "3": True,
    "6": True,
    "7": "l",
    "8": "l",
}  # 영 일 삼 육 칠 팔; 2 4 5 9: vowels


def particles(text: str) -> str:
    """`text` with each particle written in both forms (`E10은(는)`) in the one the word before it takes
    (`E10은`, read 이십; `E15는`, 이오), after a final consonant or not, `(으)로` after ㄹ as `로`; closing
    brackets and quotes before it are skipped. A word whose sound dlcat can't tell keeps both forms."""
    import re

    def chosen(match: re.Match[str]) -> str:
        both = match.group()
        sound = final_sound(text[: match.start()].rstrip(")]}'\"’”」』"))
        if sound is None:
            return both
        if sound == "l" and both == "(으)로":
            return "로"
        return (_AFTER_CONSONANT if sound else _AFTER_VOWEL)[both]

    return re.sub(_BOTH, chosen, text)


def final_sound(word: str) -> bool | str | None:
    """How `word` ends when read in Korean: True after a final consonant, "l" after ㄹ, False after a vowel,
    None when it can't be told (a symbol, a space, nothing). Digits are read as Sino-Korean numbers (10 is
    십, 15 is 십오), a time by its last word (10:00 시, 10:30 분); Latin letters by their Korean names (A 에이,
    L 엘)."""
    if not word:
        return None
    last = word[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return "l" if final == 8 else final != 0  # 8: ㄹ
    if (
        word[-3:-2] == ":" and word[-2:].isdigit() and word[-4:-3].isdigit()
    ):  # a time: 10:00 is 열 시, 10:30 분
        return word[-2:] != "00"
    if last.isascii() and last.isdigit():
        digits = len(word) - len(word.rstrip("0123456789"))
        number = word[-digits:]
        if number.strip("0") and number.endswith("0"):
            return True  # 십, 백, 천, 만: each ends in a consonant
        return _DIGITS.get(last, False) if last != "0" or digits == 1 else True
    if last.isascii() and last.isalpha():
        return _LETTERS.get(last.lower(), False)
    return None


class Sentence(str):
    """A message whose value is its English text (for JSON, logs and tests) and that can also say itself in the
    language of the run: `shown(sentence)`. Fields may be Sentences themselves (a clause inside a sentence).

    For messages that go to both JSON (English, issue 15) and the terminal (the run's language): a problem of an
    agenda, a note about a file. Build one with `say`, so tests/test_i18n.py finds the msgid.
    """

    msgid: str
    fields: dict[str, object]

    def __new__(cls, msgid: str, fields: dict[str, object]) -> Sentence:
        sentence = super().__new__(cls, msgid.format(**fields))
        sentence.msgid, sentence.fields = msgid, fields
        return sentence

    def __getnewargs__(self) -> tuple[str, dict[str, object]]:  # type: ignore[override]
        """What pickle (and copy) rebuild a sentence from: its msgid and fields, not its English text alone
        (str's own would call `Sentence(text)` and fail), so a note kept in a pickled cache says itself later."""
        return self.msgid, self.fields

    def shown(self) -> str:
        """This sentence in the language set by `setup`, its clauses too."""
        return _(self.msgid).format(
            **{
                key: value.shown() if isinstance(value, Sentence) else value
                for key, value in self.fields.items()
            }
        )


def say(msgid: str, **fields: object) -> Sentence:
    """The sentence `msgid` (an English catalogue msgid with `{name}` fields) with its fields filled."""
    return Sentence(msgid, fields)


def shown(text: str) -> str:
    """`text` as the terminal shows it: a Sentence in the run's language; any other text as it is."""
    return text.shown() if isinstance(text, Sentence) else text


def N_(message: str) -> str:
    """`message` itself: marks a msgid kept in a table and looked up with `_` when used (gettext's N_)."""
    return message


def said(message: str, **fields: object) -> str:
    """`message`, a msgid marked with N_ in a table, in the run's language with its fields filled."""
    return _(message).format(**fields)


def day_text(day: date) -> str:
    """A day as a sentence gives it: `2019-07-04 (Thu)` in English, `7월 4일 (목)` in Korean."""
    if _language == "ko":
        return f"{day.month}월 {day.day}일 ({_KOREAN_WEEKDAYS[day.weekday()]})"
    return f"{day:%Y-%m-%d} ({day:%a})"


def clock_text(moment: datetime) -> str:
    """A time of day as a sentence gives it, in `moment`'s own zone: `15:00` in English, `오후 3:00` in Korean.

    Korean writes the 12-hour clock with 오전 (before noon) and 오후 (from noon): 00:30 is 오전 12:30, 12:30 is
    오후 12:30. Tables keep `15:00` in both languages.
    """
    if _language == "ko":
        half = "오전" if moment.hour < 12 else "오후"
        return f"{half} {(moment.hour % 12) or 12}:{moment.minute:02d}"
    return f"{moment:%H:%M}"


def moment_text(moment: datetime) -> str:
    """Day and time as a sentence gives them: `2019-07-04 (Thu) 10:00`, `7월 4일 (목) 오전 10:00`."""
    return f"{day_text(moment.date())} {clock_text(moment)}"

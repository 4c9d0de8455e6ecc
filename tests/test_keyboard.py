"""core/keyboard.py: jamo typed with the Korean layout on, read as the Latin keys they sit on."""

from __future__ import annotations

import unicodedata

import pytest

from dlcat_cli.core.keyboard import has_hangul, latin_keys
from dlcat_cli.core.model import Program
from dlcat_cli.core.search import Filters, find_building, find_room, resolve, select

# The 2-beolsik layout, row by row (KS X 5002): the jamo each Latin key types, without and with Shift.
LAYOUT = {
    "q": "ㅂ", "w": "ㅈ", "e": "ㄷ", "r": "ㄱ", "t": "ㅅ", "y": "ㅛ", "u": "ㅕ", "i": "ㅑ", "o": "ㅐ", "p": "ㅔ",
    "a": "ㅁ", "s": "ㄴ", "d": "ㅇ", "f": "ㄹ", "g": "ㅎ", "h": "ㅗ", "j": "ㅓ", "k": "ㅏ", "l": "ㅣ",
    "z": "ㅋ", "x": "ㅌ", "c": "ㅊ", "v": "ㅍ", "b": "ㅠ", "n": "ㅜ", "m": "ㅡ",
    "Q": "ㅃ", "W": "ㅉ", "E": "ㄸ", "R": "ㄲ", "T": "ㅆ", "O": "ㅒ", "P": "ㅖ",
}  # fmt: skip


@pytest.mark.parametrize(("key", "jamo"), sorted(LAYOUT.items()))
def test_every_key_of_the_layout_in_both_encodings(key: str, jamo: str) -> None:
    """Each compatibility jamo, and the conjoining jamo NFKC makes of it, is the key it sits on."""
    assert latin_keys(jamo) == key
    conjoining = unicodedata.normalize("NFKC", jamo)
    assert conjoining != jamo
    assert latin_keys(conjoining) == key


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("ㄷ10", "e10"),
        ("ㅁㅠㅊㅇㄷㄹ", "abcdef"),
        ("ㄸ10", "E10"),
        ("ㄷㅅ갸", "etri"),  # E T R I: the input method joins R and I into 갸
        ("갼", "ris"),  # a syllable with a final consonant
        ("ㅘ", "hk"),  # a double vowel is two keys
        ("ㄳ", "rt"),  # a final cluster too
        ("\u11aa", "rt"),  # ... in its conjoining (final) form
        ("B-ㅕㄴㅅ", "B-ust"),
        ("A10", "A10"),
    ],
)
def test_syllables_and_double_jamo_are_split_into_keys(typed: str, keys: str) -> None:
    """What the input method composed from several keys is split back into them; Latin stays."""
    assert latin_keys(typed) == keys


def test_has_hangul() -> None:
    """Jamo of either encoding and syllables are Hangul; Latin and full-width forms are not."""
    assert has_hangul("ㄷ10")
    assert has_hangul("ᄃ10")
    assert has_hangul("강")
    assert not has_hangul("E10")
    assert not has_hangul("Ｅ１０")


@pytest.mark.parametrize("typed", ["ㄷ10", "ᄃ10", "ㄸ10", " ㄷ10 "])
def test_an_id_typed_on_the_korean_layout_names_the_session(dlcat: Program, typed: str) -> None:
    """`ㄷ10` (and NFKC's `ᄃ10`) is E10, as program.find and resolve read it."""
    assert resolve(dlcat, typed)[1].id == "E10"


def test_tracks_and_buildings_typed_on_the_korean_layout(dlcat: Program) -> None:
    """`--track ㅠ` is B; `--building ㄷㅅ갸` is ETRI, `ㅕㄴㅅ` is UST."""
    assert find_room(dlcat, "ㅠ").id == "B"
    assert find_building(dlcat, "ㄷㅅ갸").key == "ETRI"
    assert find_building(dlcat, "ㅕㄴㅅ").key == "UST"


def test_an_unknown_id_on_the_korean_layout_suggests_by_its_keys(dlcat: Program) -> None:
    """ㄷ19 has no session; the hint offers E ids, as for E19."""
    from dlcat_cli.errors import DlcatError

    with pytest.raises(DlcatError, match=r"did you mean E1\d"):
        resolve(dlcat, "ㄷ19")


def test_search_text_is_never_read_as_keys(dlcat: Program) -> None:
    """`ㄱㅎㅎㅅ` still finds 강화학습 by its initials, not sessions whose text holds `rggt`."""
    found = {item.session.showings[0].id for item in select(dlcat, Filters(query="ㄱㅎㅎㅅ"))}
    assert {"A10", "E10", "D16"} <= found

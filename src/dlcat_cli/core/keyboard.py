"""Text typed with the Korean keyboard layout still on, read as the Latin keys it was typed on. Pure.

The layout is the standard 2-beolsik (두벌식, KS X 5002) one, the layout of nearly every Korean keyboard:

    Q ㅂ  W ㅈ  E ㄷ  R ㄱ  T ㅅ  Y ㅛ  U ㅕ  I ㅑ  O ㅐ  P ㅔ
    A ㅁ  S ㄴ  D ㅇ  F ㄹ  G ㅎ  H ㅗ  J ㅓ  K ㅏ  L ㅣ
    Z ㅋ  X ㅌ  C ㅊ  V ㅍ  B ㅠ  N ㅜ  M ㅡ

with Shift: ㅃ ㅉ ㄸ ㄲ ㅆ ㅒ ㅖ on Q W E R T O P. A jamo typed without Shift is its key's lower-case
letter, a shifted one the upper-case letter (so `ㄷ10` is `e10`, `ㄸ10` is `E10`; ids, tracks and
buildings are compared without case anyway). The input method joins keys into syllables and double
jamo as they are typed (`ETRI` comes out as `ㄷㅅ갸`, `HK` as `ㅘ`), so those are split back into keys.

Jamo come in two encodings and both are read: the compatibility jamo a keyboard types (ㄱ U+3131 ..
ㅣ U+3163) and the conjoining jamo (ᄀ U+1100, ᅡ U+1161, ᆨ U+11A8 ...) that NFKC turns them into and
that decomposed syllables are made of. Only ids, track letters, room codes and building keys are read
this way (search text never is: `ㄱㅎㅎㅅ` searches Hangul initials), and only when the text as typed
names nothing: a building named in Hangul is still found by its name.
"""

from __future__ import annotations

from functools import lru_cache

# Each compatibility jamo and the keys it is typed with (two keys for a double vowel or final cluster).
_KEYS = {
    "ㅂ": "q", "ㅈ": "w", "ㄷ": "e", "ㄱ": "r", "ㅅ": "t", "ㅛ": "y", "ㅕ": "u", "ㅑ": "i", "ㅐ": "o", "ㅔ": "p",
    "ㅃ": "Q", "ㅉ": "W", "ㄸ": "E", "ㄲ": "R", "ㅆ": "T", "ㅒ": "O", "ㅖ": "P",
    "ㅁ": "a", "ㄴ": "s", "ㅇ": "d", "ㄹ": "f", "ㅎ": "g", "ㅗ": "h", "ㅓ": "j", "ㅏ": "k", "ㅣ": "l",
    "ㅋ": "z", "ㅌ": "x", "ㅊ": "c", "ㅍ": "v", "ㅠ": "b", "ㅜ": "n", "ㅡ": "m",
    "ㅘ": "hk", "ㅙ": "ho", "ㅚ": "hl", "ㅝ": "nj", "ㅞ": "np", "ㅟ": "nl", "ㅢ": "ml",
    "ㄳ": "rt", "ㄵ": "sw", "ㄶ": "sg", "ㄺ": "fr", "ㄻ": "fa", "ㄼ": "fq", "ㄽ": "ft", "ㄾ": "fx",
    "ㄿ": "fv", "ㅀ": "fg", "ㅄ": "qt",
}  # fmt: skip

# The order of the initial consonants, vowels and final consonants in Unicode's conjoining jamo blocks
# and in the arithmetic of precomposed syllables (The Unicode Standard, section 3.12).
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_SYLLABLES, _SYLLABLE_COUNT, _VOWEL_FINALS = 0xAC00, 11172, 21 * 28


def _conjoining() -> dict[str, str]:
    """The conjoining jamo (initial U+1100.., vowel U+1161.., final U+11A8..) and their keys."""
    table = {}
    for base, letters in ((0x1100, _INITIALS), (0x1161, _VOWELS), (0x11A8, _FINALS)):
        for index, letter in enumerate(letters):
            table[chr(base + index)] = _KEYS[letter]
    return table


_ALL_KEYS = {**_KEYS, **_conjoining()}


def has_hangul(text: str) -> bool:
    """Does `text` hold any Hangul that `latin_keys` would read (a jamo of either encoding or a syllable)?"""
    return any(char in _ALL_KEYS or _is_syllable(char) for char in text)


def _is_syllable(char: str) -> bool:
    return 0 <= ord(char) - _SYLLABLES < _SYLLABLE_COUNT


@lru_cache(maxsize=256)
def latin_keys(text: str) -> str:
    """`text` with each Hangul jamo or syllable replaced by the 2-beolsik keys it is typed with:
    `ㄷ10` -> `e10`, `ᄃ10` (NFKC's form) -> `e10`, `ㄸ10` -> `E10`, `ㅕㄴㅅ` -> `ust`, `ㄷㅅ갸` -> `etri`.
    Every other character stays as it is."""
    out = []
    for char in text:
        if char in _ALL_KEYS:
            out.append(_ALL_KEYS[char])
        elif _is_syllable(char):
            code = ord(char) - _SYLLABLES
            initial, rest = divmod(code, _VOWEL_FINALS)
            vowel, final = divmod(rest, 28)
            out.append(_KEYS[_INITIALS[initial]] + _KEYS[_VOWELS[vowel]])
            if final:
                out.append(_KEYS[_FINALS[final - 1]])
        else:
            out.append(char)
    return "".join(out)

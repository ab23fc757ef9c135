"""Text typed in the legacy Vietnamese encodings TCVN3 (ABC, `.VnTime` fonts) and VNI
(`VNI-Times`), converted to Unicode so that it is never stored as mojibake.

A legacy font draws Vietnamese letters on Latin-1 code points: the workbook holds
'Gi¶i quyÕt viÖc lµm' and the `.VnTime` font shows "Giải quyết việc làm". Two signals tell such
text apart: the cell's font (`encoding_of_font`: '.Vn…' is TCVN3, 'VNI…' is VNI), and its
characters — legacy text uses only Latin-1, including letters Vietnamese never has (¶ µ Õ Ö
ø û …). The conversion tables and the content detection are viparse's (`viparse.fix`,
`viparse.detect_text_encoding`), imported only when a sheet holds such text.

A string with any character beyond Latin-1 (ư, ơ, đ, ạ …) is Unicode already and is never
converted, whatever its font says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "LABELS", "Legacy", "encoding_of_font", "is_upper_font", "is_latin1", "looks_legacy",
    "to_unicode", "convert_rows", "convert_by_content", "suspect_hint",
]

ENCODINGS = ("tcvn3", "vni")
LABELS = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}
# The characters of the TCVN3 and VNI tables that are not Vietnamese letters in Unicode:
# Vietnamese text in Unicode never holds them, legacy text is full of them.
_FOREIGN = frozenset("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþ")
_CP1252_EXTRA = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_MIN_FOREIGN = 4  # fewer foreign letters than this in a sheet is a stray symbol, not a font
_MIN_SHARE = 0.02  # of the letters in candidate strings
_MIXED_SHARE = 0.1  # Unicode strings beyond this share of Latin-1 ones: a mixed grid
_MIN_SPLIT, _SPLIT_SHARE = 2, 0.1  # strings voting against the winner that make a split vote
_SAMPLE_CHARS = 20_000


@dataclass
class Legacy:
    """What a reader found: cells converted per encoding, or an encoding only suspected."""

    converted: dict[str, int] = field(default_factory=dict)
    suspected: str | None = None
    examples: list[str] = field(default_factory=list)  # a few suspect strings, as written

    def count(self, encoding: str, cells: int) -> None:
        if cells:
            self.converted[encoding] = self.converted.get(encoding, 0) + cells

    def notes(self) -> list[str]:
        """Vietnamese notes for the import summary."""
        return [f"{n} ô gõ bằng bảng mã {LABELS[enc]} đã được chuyển sang Unicode"
                for enc, n in self.converted.items()]

    def hint(self) -> str:
        """Sentences for a refusal when the text looks legacy but was not converted."""
        if not self.suspected:
            return ""
        shown = ", ".join(f"'{text}'" for text in self.examples[:3])
        return (f"Chữ trong tệp có vẻ được gõ bằng bảng mã cũ {self.suspected}, không phải "
                f"Unicode ({shown}), và không xác định chắc được bảng mã để tự chuyển: hãy "
                "chuyển mã sang Unicode (ví dụ bằng Unikey) rồi nạp lại.")


def encoding_of_font(font: str | None) -> str | None:
    """'tcvn3' for '.VnTime', '.VnArialH' …; 'vni' for 'VNI-Times' …; None otherwise."""
    name = (font or "").strip().upper()
    if name.startswith(".VN"):
        return "tcvn3"
    if name.startswith("VNI"):
        return "vni"
    return None


def is_upper_font(font: str | None) -> bool:
    """TCVN3 has no capital toned letters: '.VnTimeH' draws the small ones as capitals."""
    name = (font or "").strip()
    return encoding_of_font(name) == "tcvn3" and name.upper().endswith("H")


def is_latin1(text: str) -> bool:
    """Only Latin-1 (and the Windows-1252 punctuation): the only text a legacy font holds."""
    return all(ch <= "\xff" or ch in _CP1252_EXTRA for ch in text)


def _candidate(text: object) -> bool:
    return text.__class__ is str and not text.isascii() and _latin1_text(text)


@lru_cache(maxsize=131072)
def _latin1_text(text: str) -> bool:
    return is_latin1(text)


def _has_foreign(text: str) -> bool:
    return any(ch in _FOREIGN for ch in text)


def looks_legacy(text: str) -> bool:
    """Holds a Latin-1 letter or sign that Vietnamese in Unicode never uses."""
    return _candidate(text) and any(ch in _FOREIGN for ch in text)


@lru_cache(maxsize=65536)
def to_unicode(text: str, encoding: str, upper: bool = False) -> str:
    """`text` read in `encoding`; unchanged when it is Unicode already (not Latin-1 only)."""
    if not _candidate(text):
        return text
    import viparse

    converted = viparse.fix(text, encoding=encoding)
    return converted.upper() if upper else converted


def convert_rows(rows: list[list[object]], cells: dict[tuple[int, int], tuple[str, bool]],
                 legacy: Legacy) -> None:
    """Convert the strings at `cells` ((row, col) -> (encoding, upper)) in place."""
    done: dict[str, int] = {}
    for (r, c), (encoding, upper) in cells.items():
        if r >= len(rows) or c >= len(rows[r]):
            continue
        value = rows[r][c]
        if _candidate(value):
            rows[r][c] = to_unicode(value, encoding, upper)
            done[encoding] = done.get(encoding, 0) + 1
    for encoding, n in done.items():
        legacy.count(encoding, n)


def convert_by_content(rows: list[list[object]], legacy: Legacy,
                       skip: Iterable[tuple[int, int]] = (),
                       non_ascii: set[str] | None = None) -> None:
    """Where no font said so, detect TCVN3/VNI from the characters and convert in place.

    Only Latin-1 strings are candidates. When they hold enough letters foreign to Vietnamese,
    viparse's content detection names the encoding; every candidate string is then converted
    (in a legacy file a Latin-1 string was typed in the same font) — unless the grid also holds
    plenty of Unicode Vietnamese (ư, ơ, ạ …), where only strings with letters foreign to
    Vietnamese are converted and a Unicode 'Có' stays 'Có'. When the letters are there
    but no encoding is clear, or the one found leaves foreign letters in some strings (a file
    mixing TCVN3 and VNI), the grid is left as it is and `legacy.suspected` says so.
    `non_ascii`: the grid's distinct non-ASCII strings, when the caller has them already.
    """
    skipped = set(skip)
    if non_ascii is None:
        non_ascii = {v for row in rows for v in row if v.__class__ is str and not v.isascii()}
    strings = {v for v in non_ascii if _latin1_text(v)}
    if skipped:  # text converted by its font is Unicode now, whatever it looks like
        strings -= {rows[r][c] for r, c in skipped if r < len(rows) and c < len(rows[r])}
    if not strings:
        return
    letters = sum(ch.isalpha() for s in strings for ch in s)
    foreign = sum(ch in _FOREIGN for s in strings for ch in s)
    if foreign < _MIN_FOREIGN or foreign < _MIN_SHARE * max(letters, 1):
        return
    encoding = detect(strings)
    # a string the detected table leaves foreign letters in was typed in another encoding
    left = [] if encoding is None else [s for s in strings if _has_foreign(to_unicode(s, encoding))]
    if encoding is None or left:
        legacy.suspected = "TCVN3 hoặc VNI"
        legacy.examples = sorted(left or (s for s in strings if looks_legacy(s)), key=len)[:3]
        return
    if len(non_ascii) - len(strings) > _MIXED_SHARE * len(strings):
        # Unicode Vietnamese beside the legacy text: 'Có' there is Unicode, so only strings
        # with a letter foreign to Vietnamese are taken for legacy ones
        strings = {s for s in strings if looks_legacy(s)}
    cells = {(r, c): (encoding, False) for r, row in enumerate(rows)
             for c, value in enumerate(row) if value in strings and (r, c) not in skipped}
    convert_rows(rows, cells, legacy)


def detect(strings: Iterable[str]) -> str | None:
    """'tcvn3' or 'vni' when the strings read as Vietnamese in that encoding, else None.

    Each string with letters foreign to Vietnamese votes for the table that converts it:
    the right one leaves no such letter, the wrong one usually does (TCVN3's '¸' is no VNI
    mark); where both convert cleanly (VNI's marks are TCVN3 letters too) the output that
    reads more like Vietnamese (viparse's character model) wins. A split vote is a file mixing
    both: None. The result must read as Vietnamese (short syllables, no f/j/w/z).
    """
    from viparse.normalize.frequency import vietnamese_score

    votes: dict[str | None, int] = {}
    for text in _sample(strings):
        outputs = {enc: to_unicode(text, enc) for enc in ENCODINGS}
        clean = [enc for enc, out in outputs.items() if not _has_foreign(out)]
        vote = max(clean, key=lambda enc: vietnamese_score(outputs[enc]), default=None)
        votes[vote] = votes.get(vote, 0) + 1
    winner = max((enc for enc in votes if enc), key=votes.__getitem__, default=None)
    if winner is None:
        return None
    others = sum(votes.values()) - votes[winner]
    if others >= _MIN_SPLIT and others >= _SPLIT_SHARE * sum(votes.values()):
        return None
    converted = (to_unicode(text, winner) for text in _sample(strings))
    return winner if _reads_as_vietnamese(converted) else None


def _sample(strings: Iterable[str]) -> list[str]:
    """The strings with letters foreign to Vietnamese, most such letters first, up to
    _SAMPLE_CHARS characters."""
    sample, size = [], 0
    for text in sorted((s for s in strings if _has_foreign(s)),
                       key=lambda s: (-sum(ch in _FOREIGN for ch in s), s)):
        sample.append(text)
        size += len(text)
        if size > _SAMPLE_CHARS:
            break
    return sample


_WORD = re.compile(r"[^\W\d_]{2,}")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ALIEN = frozenset("fjwzFJWZ")


def _reads_as_vietnamese(texts: Iterable[str]) -> bool:
    """Vietnamese writes one syllable a word with at most one tone mark: few words over 7
    letters, none with two tones, hardly any f/j/w/z (what sets it apart from German, or
    from Windows-1258 bytes read through a legacy table)."""
    words = [w for text in texts for w in _WORD.findall(text)]
    if not words:
        return False
    long_words = sum(len(w) > 7 for w in words)
    alien = sum(bool(_ALIEN & set(w)) for w in words)
    two_tones = sum(_tones(w) > 1 for w in words)
    return (long_words <= 0.04 * len(words) and alien <= 0.05 * len(words)
            and two_tones <= 0.02 * len(words))


def _tones(word: str) -> int:
    return sum(ch in _TONE_MARKS for ch in unicodedata.normalize("NFD", word))


def suspect_hint(rows: list[list[object]]) -> str:
    """For any refusal: a sentence naming a few cells that look like TCVN3/VNI text, or ''."""
    found = sorted({v for row in rows for v in row if looks_legacy(v)}, key=len)[:3]
    if not found:
        return ""
    shown = ", ".join(f"'{text}'" for text in found)
    return (f" Lưu ý: có ô chữ trông như gõ bằng bảng mã cũ TCVN3 hoặc VNI ({shown}); nếu chữ "
            "trong tệp hiển thị sai dấu, hãy chuyển mã sang Unicode rồi nạp lại.")

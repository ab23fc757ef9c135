"""Locality names as people write them, reduced to comparable words.

Each word is kept twice: accented with its tone mark moved to the end ('hoà' and 'hòa' compare
equal) and folded (no diacritics, 'đ' → 'd'), so a name written without accents can still be
matched, though less surely. Leading abbreviations ('TP.', 'H.') are expanded, Party/state
organ prefixes ('UBND', 'Huyện ủy') dropped, and a leading level word ('Huyện', 'Xã') split off.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from etl.text import fold as _fold

_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_ABBREV = re.compile(r"^(t\.?\s*p|t\.?\s*x|t\.?\s*t|h|q|p|x)(?:\.\s*|\s+|(?=\d+$))")
_ABBREV_WORDS = {"tp": "thành phố", "tx": "thị xã", "tt": "thị trấn", "h": "huyện",
                 "q": "quận", "p": "phường", "x": "xã"}
LEVEL_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận",
               "phường", "xã")
# Party/state organ prefixes on title rows: 'HUYỆN ỦY ĐỨC TRỌNG' is the huyện.
_ORGANS = {("ủy", "ban", "nhân", "dân"): (), ("ubnd",): (), ("hội", "đồng", "nhân", "dân"): (),
           ("hđnd",): (), ("đảng", "bộ"): (), ("đảng", "ủy"): (), ("huyện", "ủy"): ("huyện",),
           ("thành", "ủy"): ("thành", "phố"), ("thị", "ủy"): ("thị", "xã"),
           ("tỉnh", "ủy"): ("tỉnh",)}


@functools.lru_cache(maxsize=65536)
def _accent(word: str) -> str:
    """The word with its tone mark moved to the end, so 'hoà' and 'hòa' compare equal."""
    parts = unicodedata.normalize("NFD", word)
    tone = "".join(_TONES[ch] for ch in parts if ch in _TONES)
    base = "".join(ch for ch in parts if ch not in _TONES)
    return unicodedata.normalize("NFC", base) + tone


def _acc(text: str) -> tuple[str, ...]:
    return tuple(_accent(w) for w in text.split())


# (accented words, folded words, level word) for each level word
LEVELS = [(_acc(w), tuple(_fold(w).split()), w) for w in LEVEL_WORDS]
_ORGAN_KEYS = [(tuple(_accent(w) for w in k), tuple(_fold(w) for w in k), v)
               for k, v in _ORGANS.items()]


def _words(text: str) -> list[str]:
    """Lower-case NFC words; abbreviations expanded, punctuation dropped, '01' -> '1'."""
    text = unicodedata.normalize("NFC", str(text)).lower().strip()
    m = _ABBREV.match(text)
    if m:
        text = _ABBREV_WORDS[re.sub(r"[.\s]", "", m[1])] + " " + text[m.end():]
    text = re.sub(r"['’‘`´]", "", text)
    words = re.sub(r"[^\w]+|_", " ", text).split()
    return [(w.lstrip("0") or "0") if w.isdigit() else w for w in words]


def same_words(acc: tuple[str, ...], fold: tuple[str, ...], target: tuple[str, ...],
               target_fold: tuple[str, ...]) -> bool | None:
    """True when the words are the target; None when they may be (written without accents)."""
    if fold != target_fold:
        return False
    if acc == target:
        return True
    return None if acc == fold else False


@dataclass(frozen=True)
class Name:
    """A name's words, accented (tone last) and folded."""

    acc: tuple[str, ...]
    fold: tuple[str, ...]


@functools.lru_cache(maxsize=65536)  # the catalog's 14,000 names are 9,400 distinct ones
def read_name(text: str) -> Name:
    """The words of `text` with a leading organ prefix replaced by its level word, if any."""
    words = _words(text)
    acc, fold = tuple(_accent(w) for w in words), tuple(_fold(w) for w in words)
    for key_acc, key_fold, repl in _ORGAN_KEYS:
        n = len(key_acc)
        if len(acc) > n and same_words(acc[:n], fold[:n], key_acc, key_fold) is not False:
            acc = tuple(_accent(w) for w in repl) + acc[n:]
            fold = tuple(_fold(w) for w in repl) + fold[n:]
            break
    return Name(acc, fold)


def name_key(name: str) -> str:
    """The key names are matched on: lower case, no diacritics ('đ' -> 'd'), the leading
    abbreviation expanded ('TP.' -> 'thanh pho', 'H.' -> 'huyen'), organ prefixes dropped
    ('UBND', 'Huyện ủy' -> 'huyen'), apostrophes dropped, other punctuation and hyphens as
    single spaces, numbers without leading zeros.

    ' TP. Bảo Lộc' -> 'thanh pho bao loc'; 'THỪA THIÊN - HUẾ' -> 'thua thien hue';
    'Phường 01' -> 'phuong 1'.
    """
    return " ".join(read_name(name).fold)


def level_parses(nm: Name) -> list[tuple[str | None, Name]]:
    """(level word, bare name) readings: an accented level word is certain; one written
    without accents ('quan hoa') may also be part of the name (Quan Hóa)."""
    readings: list[tuple[str | None, Name]] = []
    for key_acc, key_fold, level in LEVELS:
        n = len(key_acc)
        if len(nm.acc) <= n:
            continue
        same = same_words(nm.acc[:n], nm.fold[:n], key_acc, key_fold)
        if same is False:
            continue
        readings.append((level, Name(nm.acc[n:], nm.fold[n:])))
        if same:
            return readings
        break
    return [*readings, (None, nm)]

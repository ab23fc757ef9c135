"""The indicator catalog (data/indicators.csv) and matching indicator names as written in plans,
reports and ministry tables to catalog ids.

The same indicator is written many ways: 'Ngành Nông, lâm nghiệp và thuỷ sản' under the row
'Giá trị sản xuất (theo giá so sánh năm 2010)' in a plan, 'Tốc độ tăng giá trị sản xuất ngành
nông, lâm nghiệp và thủy sản' in a report. `normalize` reduces a name to a key; `Catalog.match`
looks the key up (alone and together with its parent row) and falls back to a strict fuzzy
comparison; a name it cannot place gets a stable uncatalogued id from `uncatalogued_id`.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from etl.errors import Refused

__all__ = [
    "DEFAULT_PATH", "DOMAINS", "DIRECTIONS", "KINDS", "Indicator", "Match", "Catalog",
    "normalize", "uncatalogued_id",
]

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "indicators.csv"
HEADER = ["id", "name", "parent_id", "unit", "direction", "domain", "kind", "notes", "synonyms"]
DOMAINS = ("kinh tế", "ngân sách", "văn hóa – xã hội", "môi trường", "quốc phòng – an ninh",
           "xây dựng Đảng")
DIRECTIONS = ("up", "down")
KINDS = ("growth", "rate", "amount", "count", "level", "share")
FRAME_COLUMNS = HEADER + ["catalogued"]

GROWTH = "tang"            # the one token every growth wording becomes, put first in the key
TOTAL_KEYS = frozenset({"tong so", "tong cong", "cong", "tong", "so tong"})
CONTEXT_CUTOFF = 85        # fuzzy score among the children of a recognised parent row
GLOBAL_CUTOFF = 90         # fuzzy score over the whole catalog
MIN_FUZZY_LENGTH = 8       # shorter keys are only matched exactly
# Words a fuzzy match may not add or drop: growth, reduction, near-poor, grade one vs two
# anywhere; a leading 'số' (count), 'tỷ lệ' (rate) or 'tổng' (total): 'Số hộ nghèo DTTS' is
# not 'Hộ nghèo DTTS' in %.
DECISIVE = frozenset({GROWTH, "giam", "can", "mot", "hai", "ba", "khong"})
DECISIVE_LEAD = frozenset({"so", "ty", "tong"})
_CHAIN = re.compile(r"\s+/\s+|\s*>\s*|\s*\n\s*|\s+\|\s+")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    parent_id: str | None
    unit: str | None
    direction: str | None
    domain: str | None
    kind: str | None
    notes: str | None
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    indicator_id: str
    catalogued: bool
    score: float
    how: str  # exact | context | fuzzy | new


# ------------------------------------------------------------------------------- normalize

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def _words(*phrases: str) -> str:
    """A regex alternation of Vietnamese phrases, each also without diacritics, longest first."""
    forms = {form for phrase in phrases for form in (phrase, _fold(phrase))}
    forms = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)


_rx = re.compile
_YEAR = r"(?:19|20)\d{2}"
_LEVELS = _words("huyện", "xã", "thị xã", "thành phố", "quận", "phường", "thị trấn", "tỉnh")
_UNITS = _words("tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "đồng", "triệu usd", "usd",
                "ha", "km2", "km²", "người", "hộ", "lao động", "trường", "lượt", "cây",
                "sản phẩm", "đảng viên")
_LEADING_MARK = _rx(r"^\s*(?:[-–—+*•·▪●○]+|\(?[a-zA-ZđĐ]\)|\d+(?:\.\d+)*[.)]|[IVX]+\.?(?=\s))\s*")
_LEADING_HAVE = _rx(r"^(?:có|Có|CÓ)\s+")
_PARENS = _rx(r"\([^()]*\)|\[[^\[\]]*\]")
_OPEN_PAREN = _rx(r"\([^)]*$")
_QUALIFIERS = _rx(
    rf"(?<!\w)theo\s+(?:{_words('giá so sánh', 'giá hiện hành', 'giá thực tế')})"
    rf"(?:\s+(?:{_words('năm')}))?(?:\s*{_YEAR})?"
    rf"|(?<!\w)theo\s+(?:{_words('tiêu chí', 'chuẩn nghèo', 'chuẩn')})"
    rf"(?:\s+(?:{_words('đa chiều', 'mới', 'cũ')}))*"
)
_PERIODS = [
    _rx(rf"(?:(?:{_words('giai đoạn', 'nhiệm kỳ', 'thời kỳ', 'từ năm', 'năm')})\s*)?"
        rf"{_YEAR}\s*[-–—]\s*{_YEAR}"),
    _rx(rf"(?:(?:{_words('đến', 'từ', 'trong', 'cuối', 'đầu', 'hết')})\s+)*"
        rf"(?:{_words('năm')}|(?:{_words('tháng')})\s*\d{{1,2}}\s*(?:/|{_words('năm')})?)\s*{_YEAR}"),
    _rx(rf"\d{{1,2}}\s*/\s*{_YEAR}"),
    _rx(rf"(?:(?:{_words('trong', 'đến')})\s+)?\d{{1,2}}\s*(?:{_words('tháng')})"
        rf"(?:\s*(?:{_words('đầu', 'cuối')}))?(?:\s*(?:{_words('năm')}))?"),
    _rx(rf"(?<!\w)(?:{_words('hàng năm', 'hằng năm', 'mỗi năm')})(?!\w)"),
    _rx(rf"\d+\s*(?:{_words('năm')})(?!\w)"),
    _rx(rf"/\s*(?:{_words('năm')})(?!\w)"),
    _rx(rf"(?<!\w)(?:{_words('quý')})\s*(?:iv|iii|ii|i|[1-4])(?!\w)"),
    _rx(rf"(?<!\d){_YEAR}(?!\d)"),
]
_GRADE = _rx(rf"(?<!\w)(?:{_words('giai đoạn', 'mức độ')})\s*(1|2|3|iii|ii|i)(?!\w)(?![.,]\d)")
_GRADE_WORDS = {"1": "một", "i": "một", "2": "hai", "ii": "hai", "3": "ba", "iii": "ba"}
_PER_10K = _rx(rf"(?:/|(?<!\w)(?:{_words('trên')}))\s*(?:1|{_words('một')})?\s*"
               rf"(?:{_words('vạn')})\s*(?:{_words('dân')})|/\s*10[.,]?000\s*(?:{_words('dân')})")
_MANAGED = _rx(rf"(?<!\w)do\s+(?:(?:{_words('cấp')})\s+)?"
               rf"(?:(?:{_LEVELS})[\s,]*(?:(?:{_words('và')})\s+)?)+(?:{_words('quản lý')})")
_TERRITORY = _rx(rf"(?<!\w)({_words('trên địa bàn')})(?:[\s,]*(?:{_LEVELS})(?!\w))*")
_WHOLE_UNIT = _rx(rf"(?<!\w)(?:{_words('toàn')})\s+(?:{_LEVELS})(?!\w)")
_GROWTH_WORDS = _words("tốc độ tăng trưởng", "tốc độ tăng", "tăng trưởng", "tăng bình quân", "tăng")
_GROWTH = _rx(rf"(?<!\w)(?<!hạ )(?<!ha )(?:{_GROWTH_WORDS})(?!\s+(?:cường|cuong))(?!\w)")
_NUMBER = _rx(rf"[<>≤≥]?\s*\d+(?:[.,]\d+)*(?:\s*/\s*\d+(?:[.,]\d+)*)?\s*(?:%|(?:{_UNITS})(?!\w))?")
_PUNCT = _rx(r"[^\w#\s]|_")
_COMPARATOR_WORDS = _words("trên", "dưới", "từ", "hơn", "khoảng", "đạt", "là", "chiếm", "còn",
                           "ít nhất", "tối thiểu", "tối đa", "bằng", "có")
_AND_ABOVE = _words("trở lên", "trở xuống")
_COMPARATOR = _rx(rf"(?<!\w)(?:{_COMPARATOR_WORDS})\s+#|#\s+(?:{_AND_ABOVE})(?!\w)")
_FILLER_WORDS = _words("trong đó", "riêng", "ngành", "khu vực", "bình quân", "ước", "đạt", "được",
                       "và", "của", "các", "những", "là", "giữ vững", "duy trì", "phấn đấu",
                       "chiếm", "khoảng", "trở lên", "trở xuống", "như sau", "đồng bào")
_FILLER = _rx(rf"(?<!\w)(?:{_FILLER_WORDS})(?!\w)")
_ABBREVIATIONS = {
    "nsnn": "ngan sach nha nuoc", "nsdp": "ngan sach dia phuong", "nstw": "ngan sach trung uong",
    "ns": "ngan sach", "bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi", "qg": "quoc gia",
    "cchc": "cai cach hanh chinh", "xsnv": "xuat sac nhiem vu", "httnv": "hoan thanh tot nhiem vu",
    "dtts": "dan toc thieu so", "ntm": "nong thon moi", "gtsx": "gia tri san xuat",
    "cn": "cong nghiep", "xd": "xay dung", "dv": "dich vu", "tm": "thuong mai",
    "ttxh": "trat tu xa hoi", "kt": "kinh te", "xh": "xa hoi", "tccsd": "to chuc co so dang",
    "tthc": "thu tuc hanh chinh", "tp": "thanh pho", "tx": "thi xa",
    # one spelling for the i/y syllables: tỉ/tỷ, sĩ/sỹ, kì/kỳ, lí/lý, mĩ/mỹ
    "ti": "ty", "si": "sy", "ki": "ky", "li": "ly", "mi": "my",
}


def normalize(text: str) -> str:
    """The key used for matching: lower-case ASCII words separated by one space.

    Steps: NFC; leading list marks ('-', '+', 'a)', '1.2.', 'II') and a leading 'Có' dropped;
    text in brackets, price bases ('theo giá so sánh 2010') and standards ('theo tiêu chí mới')
    dropped; periods ('giai đoạn 2021-2023', 'năm 2023', '6 tháng đầu năm', 'hàng năm', '%/năm')
    dropped; 'giai đoạn 1' / 'mức độ 1' written 'muc do mot'; '/1 vạn dân' written 'van dan';
    'do huyện/xã … quản lý' written 'do dia phuong quan ly'; 'trên địa bàn huyện' written
    'tren dia ban'; growth words (tăng, tăng trưởng, tốc độ tăng, tăng bình quân) removed and
    one 'tang' put first; numbers with their unit become '#' (a value left inside a name, as in
    'ước đạt 575 triệu USD, đạt 33% so kế hoạch', keeps a '#'; values at either end are
    dropped) and 'trên #', 'đạt #', '# trở lên' become '#'; punctuation and filler words
    (trong đó, ngành, khu vực, bình quân, ước, đạt, được, và, của, các, những, là, giữ vững,
    duy trì, …) dropped; diacritics stripped (đ→d); abbreviations expanded (NSNN, NSĐP, BHYT,
    XSNV, DTTS, …) and i/y syllables unified (tỉ→ty, sĩ→sy).

    >>> normalize("- Khu vực nông, lâm nghiệp và thuỷ sản tăng.")
    'tang nong lam nghiep thuy san'
    """
    s = unicodedata.normalize("NFC", str(text)).strip()
    s = _strip_leading(s).lower()
    s = _OPEN_PAREN.sub(" ", _repeat(_PARENS, " ", s))
    s = _QUALIFIERS.sub(" ", s)
    for pattern in _PERIODS:
        s = pattern.sub(" ", s)
    s = _GRADE.sub(lambda m: f" mức độ {_GRADE_WORDS[m[1]]} ", s)
    s = _PER_10K.sub(" vạn dân", s)
    s = _MANAGED.sub(" do địa phương quản lý", s)
    s = _WHOLE_UNIT.sub(" ", _TERRITORY.sub(r" \1", s))
    s, growth = _GROWTH.subn(" ", s)
    s = _PUNCT.sub(" ", _NUMBER.sub(" # ", s))
    s = _repeat(_COMPARATOR, "#", s)
    s = _FILLER.sub(" ", s)
    tokens = _tokens(_fold(s).lower())
    return " ".join(([GROWTH] if growth else []) + tokens)


def _strip_leading(text: str) -> str:
    return _LEADING_HAVE.sub("", _repeat(_LEADING_MARK, "", text), count=1)


def _repeat(pattern: re.Pattern[str], repl: str, text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = pattern.sub(repl, text)
    return text


def _tokens(folded: str) -> list[str]:
    tokens: list[str] = []
    for word in folded.split():
        for token in _ABBREVIATIONS.get(word, word).split():
            if not (token == "#" and tokens and tokens[-1] == "#"):
                tokens.append(token)
    while tokens and tokens[0] == "#":
        tokens.pop(0)
    while tokens and tokens[-1] == "#":
        tokens.pop()
    return tokens


def uncatalogued_id(text: str, parent_text: str | None) -> str:
    """'u_' + a slug of the name + 8 hex digits of a hash: stable across runs and spellings.

    The parent row takes part only for short, generic names (three words or fewer, e.g.
    'Tổng số', 'Vốn ngoài nước'), so that a long uncatalogued name written in a plan under one
    group row and in a report under another still gets one id.
    """
    key = normalize(text) or _fold(str(text)).lower().strip()
    parent_key = normalize(parent_text) if parent_text and len(key.split()) <= 3 else ""
    slug = re.sub(r"[^a-z0-9]+", "_", key).strip("_")[:40].rstrip("_") or "chi_tieu"
    digest = hashlib.sha1(f"{parent_key}\x1f{key}".encode()).hexdigest()[:8]
    return f"u_{slug}_{digest}"


# ------------------------------------------------------------------------------- catalog

class Catalog:
    """The indicators of data/indicators.csv with the indexes `match` uses.

    Two indexes: every name and synonym by its normal form, and ('context') every parent
    name or synonym followed by a child name or synonym, so that a sub-row such as 'Rác thải đô
    thị' or 'Vốn ngoài nước' is read together with the row or header above it. Keys that two
    indicators share are kept for the first and listed by `conflicts()`.
    """

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        self._by_id: dict[str, Indicator] = {}
        self._children: dict[str, list[str]] = {}
        for ind in indicators:
            self._by_id[ind.id] = ind
            if ind.parent_id:
                self._children.setdefault(ind.parent_id, []).append(ind.id)
        self._conflicts: list[tuple[str, str, str]] = []
        self._index: dict[str, str] = {}
        self._context: dict[str, str] = {}
        self._memo: dict[tuple[str, str | None], Match] = {}
        self._build()

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Catalog:
        """Read and check the catalog CSV; refuse a file with a bad header or row."""
        path = Path(path)
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        if not rows or [c.strip() for c in rows[0]] != HEADER:
            raise Refused(f"Danh mục chỉ tiêu {path.name}: dòng tiêu đề phải là "
                          f"'{','.join(HEADER)}'.")
        indicators = [_indicator(path.name, n, row) for n, row in enumerate(rows[1:], start=2)
                      if any(cell.strip() for cell in row)]
        _check_ids(path.name, indicators)
        return cls(indicators)

    # -- lookups ---------------------------------------------------------------------------

    def get(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def children(self, indicator_id: str) -> list[Indicator]:
        """Direct sub-indicators, in catalog order."""
        return [self._by_id[c] for c in self._children.get(indicator_id, [])]

    def conflicts(self) -> list[tuple[str, str, str]]:
        """(key, kept id, other id) for every normal form two indicators share."""
        return list(self._conflicts)

    def __len__(self) -> int:
        return len(self._by_id)

    def frame(self) -> pd.DataFrame:
        """Rows for the DuckDB `indicators` table, in schema column order."""
        rows = [[i.id, i.name, i.parent_id, i.unit, i.direction, i.domain, i.kind, i.notes,
                 "|".join(i.synonyms) or None, True] for i in self._by_id.values()]
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS, dtype=object)
        return frame.astype({"catalogued": bool})

    # -- matching --------------------------------------------------------------------------

    def match(self, text: str, parent_text: str | None = None) -> Match:
        """The catalog indicator a name (and the parent row or header above it) stands for.

        Order: the name read together with its parent (`how='context'`; a 'Tổng số' column
        under a recognised parent is the parent itself), the name alone (`'exact'`), a strict
        fuzzy comparison, first among the children of the recognised parent, then over the
        whole catalog, between keys with the same decisive words (`DECISIVE`: a growth never
        matches a level, a count never a rate; `'fuzzy'`), else a new uncatalogued id
        (`'new'`). Results are memoised: files repeat the same names many times.
        """
        memo_key = (text, parent_text)
        found = self._memo.get(memo_key)
        if found is None:
            found = self._match(text, parent_text)
            self._memo[memo_key] = found
        return found

    def _match(self, text: str, parent_text: str | None) -> Match:
        if not str(text).strip():
            raise Refused("Tên chỉ tiêu trống: mỗi dòng số liệu cần tên chỉ tiêu.")
        key = normalize(text)
        chain = [part for part in _CHAIN.split(parent_text or "") if part.strip()]
        found = self._in_context(text, chain) if chain else None
        if found is None and key in self._index:
            found = Match(self._index[key], True, 1.0, "exact")
        parent_id = self._parent_id(chain) if found is None and chain else None
        if found is None and parent_id and key in TOTAL_KEYS:
            found = Match(parent_id, True, 1.0, "context")
        if found is None and parent_id:
            found = self._fuzzy_children(key, parent_id)
        if found is None:
            found = self._fuzzy(key)
        return found or Match(uncatalogued_id(text, parent_text), False, 0.0, "new")

    def _in_context(self, text: str, chain: list[str]) -> Match | None:
        for start in range(len(chain) - 1, -1, -1):
            key = normalize(" ".join(chain[start:] + [text]))
            hit = self._context.get(key) or self._index.get(key)
            if hit:
                return Match(hit, True, 1.0, "context")
        return None

    def _parent_id(self, chain: list[str]) -> str | None:
        outer = " / ".join(chain[:-1]) or None
        found = self.match(chain[-1], outer)
        return found.indicator_id if found.catalogued else None

    def _fuzzy_children(self, key: str, parent_id: str) -> Match | None:
        decisive = _decisive(key)
        choices = {k: i for i in self._children.get(parent_id, []) for k in self._keys[i]
                   if _decisive(k) == decisive}
        return _best(key, choices, CONTEXT_CUTOFF)

    def _fuzzy(self, key: str) -> Match | None:
        if len(key) < MIN_FUZZY_LENGTH:
            return None
        return _best(key, self._pools.get(_decisive(key), {}), GLOBAL_CUTOFF)

    # -- indexes ---------------------------------------------------------------------------

    def _build(self) -> None:
        self._keys: dict[str, list[str]] = {}
        for ind in self._by_id.values():
            keys = [k for k in dict.fromkeys(normalize(s) for s in _spellings(ind)) if k]
            self._keys[ind.id] = keys
            for key in keys:
                self._add(self._index, key, ind.id)
        for ind in self._by_id.values():
            parent = self._by_id.get(ind.parent_id or "")
            if parent is None:
                continue
            for outer in _spellings(parent):
                for inner in _spellings(ind):
                    key = normalize(f"{outer} {inner}")
                    if self._index.get(key, ind.id) != ind.id:
                        self._conflicts.append((key, self._index[key], ind.id))
                    else:
                        self._add(self._context, key, ind.id)
        self._pools: dict[tuple[str, frozenset[str]], dict[str, str]] = {}
        for key, indicator_id in self._index.items():
            self._pools.setdefault(_decisive(key), {})[key] = indicator_id

    def _add(self, index: dict[str, str], key: str, indicator_id: str) -> None:
        kept = index.setdefault(key, indicator_id)
        if kept != indicator_id:
            self._conflicts.append((key, kept, indicator_id))


def _spellings(ind: Indicator) -> list[str]:
    return [ind.name, *ind.synonyms]


def _decisive(key: str) -> tuple[str, frozenset[str]]:
    tokens = [t for t in key.split() if t != GROWTH]
    lead = tokens[0] if tokens and tokens[0] in DECISIVE_LEAD else ""
    return lead, DECISIVE.intersection(key.split())


def _best(key: str, choices: dict[str, str], cutoff: float) -> Match | None:
    if not key or not choices:
        return None
    hit = process.extractOne(key, list(choices), scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    if hit is None:
        return None
    return Match(choices[hit[0]], True, round(hit[1] / 100, 3), "fuzzy")


# ------------------------------------------------------------------------------- CSV rows

def _indicator(file_name: str, line: int, row: list[str]) -> Indicator:
    if len(row) != len(HEADER):
        raise Refused(f"Danh mục chỉ tiêu {file_name}, dòng {line}: cần {len(HEADER)} cột, "
                      f"có {len(row)}.")
    cells = {name: row[i].strip() or None for i, name in enumerate(HEADER)}
    where = f"Danh mục chỉ tiêu {file_name}, dòng {line}"
    if not cells["id"] or not re.fullmatch(r"[a-z][a-z0-9_]*", cells["id"]):
        raise Refused(f"{where}: mã chỉ tiêu '{cells['id'] or ''}' phải viết thường, không dấu, "
                      "nối bằng '_'.")
    if not cells["name"]:
        raise Refused(f"{where}: chỉ tiêu '{cells['id']}' thiếu tên.")
    for column, allowed in (("direction", DIRECTIONS), ("domain", DOMAINS), ("kind", KINDS)):
        value = cells[column]
        if value is not None and value not in allowed:
            raise Refused(f"{where}: giá trị '{value}' của cột {column} không hợp lệ; dùng một "
                          f"trong: {', '.join(allowed)}.")
    synonyms = tuple(s.strip() for s in (cells["synonyms"] or "").split("|") if s.strip())
    return Indicator(cells["id"], cells["name"], cells["parent_id"], cells["unit"],
                     cells["direction"], cells["domain"], cells["kind"], cells["notes"], synonyms)


def _check_ids(file_name: str, indicators: list[Indicator]) -> None:
    seen: dict[str, Indicator] = {}
    for ind in indicators:
        if ind.id in seen:
            raise Refused(f"Danh mục chỉ tiêu {file_name}: mã '{ind.id}' bị trùng.")
        seen[ind.id] = ind
    for ind in indicators:
        if ind.parent_id and ind.parent_id not in seen:
            raise Refused(f"Danh mục chỉ tiêu {file_name}: chỉ tiêu cha '{ind.parent_id}' của "
                          f"'{ind.id}' không có trong danh mục.")
        _check_no_cycle(file_name, ind, seen)


def _check_no_cycle(file_name: str, ind: Indicator, by_id: dict[str, Indicator]) -> None:
    visited = {ind.id}
    parent = ind.parent_id
    while parent:
        if parent in visited:
            raise Refused(f"Danh mục chỉ tiêu {file_name}: chỉ tiêu '{ind.id}' nằm trong một "
                          "vòng chỉ tiêu cha – con.")
        visited.add(parent)
        parent = by_id[parent].parent_id

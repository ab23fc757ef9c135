"""Synthetic uploads for benchmarks and scale tests: N localities × M indicators × P periods in
the long layout (the upload template), as .xlsx or .csv, with real commune names and codes."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from etl import localities
from etl.indicators import Catalog

__all__ = ["HEADER", "synthetic_rows", "write_synthetic"]

HEADER = ["Tỉnh", "Địa phương", "Mã ĐVHC", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện",
          "Đánh giá"]


def _communes(n: int, province: str | None) -> list[tuple[str, str, str]]:
    frame = localities.catalog_frame()
    legacy = frame[(frame["tier"] == "xã") & frame["id"].str.startswith("X63-")]
    if province:
        legacy = legacy[legacy["province"].str.contains(province, regex=False)]
    rows = legacy.head(n)
    return list(zip(rows["province"], rows["name"], rows["code"], strict=True))


def _indicators(m: int) -> list[tuple[str, str]]:
    frame = Catalog.load().frame()
    named = [(name, unit or "%") for name, unit in zip(frame["name"], frame["unit"], strict=True)]
    extra = [(f"Chỉ tiêu tổng hợp số {i}", "%") for i in range(max(0, m - len(named)))]
    return (named + extra)[:m]


def synthetic_rows(n: int, m: int, p: int, *, province: str | None = None, seed: int = 7):
    """Rows (without header) for n communes × m indicators × p yearly periods ending 2024."""
    rng = random.Random(seed)
    years = [str(2024 - i) for i in range(p)][::-1]
    indicators = _indicators(m)
    for prov, name, code in _communes(n, province):
        for year in years:
            for indicator, unit in indicators:
                target = round(rng.uniform(1, 100), 1)
                actual = round(target * rng.uniform(0.8, 1.2), 1)
                status = "Đạt" if actual >= target else "Chưa đạt"
                yield [prov, name, code, year, indicator, unit, target, actual, status]


def write_synthetic(
    out: Path, n: int, m: int, p: int, *, province: str | None = None
) -> Path:
    out = Path(out)
    rows = synthetic_rows(n, m, p, province=province)
    if out.suffix.lower() == ".csv":
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADER)
            writer.writerows(_vn_text(r) for r in rows)
        return out
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Số liệu")
    ws.append(["TỔNG HỢP CHỈ TIÊU CÁC XÃ (số liệu tổng hợp để đo tốc độ)"])
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(out)
    return out


def _vn_text(row: list) -> list:
    return [str(v).replace(".", ",") if isinstance(v, float) else v for v in row]

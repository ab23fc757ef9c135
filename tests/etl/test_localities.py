"""The locality catalog, the 2025 lineage and resolving names as people write them."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook

from etl import localities as loc
from etl.errors import Refused
from etl.title import title_locality

ROOT = Path(__file__).resolve().parents[2]
FINAL_2013 = Path(__file__).resolve().parents[2] / "data" / "real" / "Final_2013.xls"


def year(first: int, last: int | None = None) -> tuple[date, date]:
    return date(first, 1, 1), date(last or first, 12, 31)


NEW_ERA = (date(2025, 7, 1), date(2030, 12, 31))


@pytest.fixture(scope="module")
def catalog():
    return loc.catalog_frame()


@pytest.fixture(scope="module")
def lineage():
    return loc.lineage_frame()


# ---------------------------------------------------------------- resolve: found


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        # the seed reports' localities
        ("Thành phố Bảo Lộc", {"on": year(2023)}, "H63-673"),
        ("Huyện Đức Trọng", {"on": year(2023)}, "H63-678"),
        ("Thị xã Đức Phổ", {"on": year(2023)}, "H63-534"),
        ("Xã Đức Trọng", {"on": NEW_ERA}, "X34-24958"),
        # the exact full name with its level word is enough without a period
        ("Thành phố Bảo Lộc", {}, "H63-673"),
        ("Thị xã Đức Phổ", {}, "H63-534"),
        ("Xã Đức Trọng", {}, "X34-24958"),
        # abbreviations, case, spaces, missing accents
        ("TP. Bảo Lộc", {}, "H63-673"),
        ("Tp. Bảo Lộc", {}, "H63-673"),
        ("T.P Bảo Lộc", {}, "H63-673"),
        ("TP Bảo Lộc", {}, "H63-673"),
        ("H. Đức Trọng", {}, "H63-678"),
        ("TX. Đức Phổ", {}, "H63-534"),
        ("TX Đức Phổ", {}, "H63-534"),
        ("TT. Liên Nghĩa", {}, "X63-24958"),
        ("X. Phú Hội", {"province": "Lâm Đồng"}, "X63-24982"),
        ("duc trong", {"tier": "huyện"}, "H63-678"),
        ("Đức Trọng", {"tier": "huyện"}, "H63-678"),
        ("Đức Trọng", {"on": year(2023)}, "H63-678"),
        ("huyen duc trong", {}, "H63-678"),
        ("HUYỆN ĐỨC TRỌNG", {}, "H63-678"),
        ("  Huyện   Đức  Trọng ", {}, "H63-678"),
        ("Bảo Lôc", {"on": year(2023)}, "H63-673"),
        # a trailing province or district
        ("Huyện Đức Trọng, tỉnh Lâm Đồng", {}, "H63-678"),
        ("Huyện Đức Trọng tỉnh Lâm Đồng", {}, "H63-678"),
        ("Xã Đức Trọng - Lâm Đồng", {}, "X34-24958"),
        ("Thị xã Đức Phổ (Quảng Ngãi)", {}, "H63-534"),
        ("Phường 1, TP. Bảo Lộc", {}, "X63-24823"),
        ("Phường 01 (Thành phố Bảo Lộc, Lâm Đồng)", {}, "X63-24823"),
        ("Phường 1, Q.3, TP.HCM", {}, "X63-27160"),
        ("Phường 1", {"province": "Phú Yên", "on": year(2023)}, "X63-22015"),
        # organ prefixes on title rows
        ("HUYỆN ỦY ĐỨC TRỌNG", {}, "H63-678"),
        ("UBND huyện Đức Trọng", {}, "H63-678"),
        ("Đảng bộ Xã Đức Trọng", {}, "X34-24958"),
        # provinces: Hoà/Hòa, hyphens, the old name of Huế, era in a label
        ("Tỉnh Hoà Bình", {}, "T63-17"),
        ("hoa binh", {"tier": "tỉnh"}, "T63-17"),
        ("THỪA THIÊN - HUẾ", {"on": year(2013), "tier": "tỉnh"}, "T63-46-TTH"),
        ("tỉnh Thừa Thiên Huế", {"on": year(2013)}, "T63-46-TTH"),
        ("Thành phố Huế", {"on": (date(2025, 1, 1), date(2025, 6, 30))}, "T63-46"),
        ("Huế", {"on": year(2026)}, "T34-46"),
        # Huế's districts hang under the city in the catalog; the province's name finds them
        ("Huyện Quảng Điền, tỉnh Thừa Thiên Huế", {"on": year(2020)}, "H63-477"),
        ("Huyện Phú Vang", {"on": year(2020), "province": "Thừa Thiên Huế"}, "H63-478"),
        ("BÀ RỊA - VŨNG TÀU", {"on": year(2013)}, "T63-77"),
        ("Lâm Đồng", {"on": year(2026)}, "T34-68"),
        ("Tỉnh Lâm Đồng (từ 01/07/2025)", {}, "T34-68"),
        ("Tỉnh Lâm Đồng (đến 30/06/2025)", {}, "T63-68"),
        ("Thành phố Huế (đến 30/06/2025)", {}, "T63-46"),
        ("Thành phố Huế (từ 01/07/2025)", {}, "T34-46"),
        ("Thừa Thiên Huế (đến 31/12/2024)", {}, "T63-46-TTH"),
        # numbered units and names that look like level words
        ("Quận 1", {"on": year(2023)}, "H63-760"),
        ("Q.1", {"on": year(2023)}, "H63-760"),
        ("Quan Hóa", {}, "H63-385"),
        ("Phường Quan Hoa", {}, "X63-00169"),
        # the whole country
        ("Cả nước", {}, "VN"),
        ("Toàn quốc", {}, "VN"),
        ("TỔNG SỐ", {"on": year(2013)}, "VN"),
        # official codes win over the name
        ("Xã Đức Trọng", {"code": "24958"}, "X34-24958"),
        ("Đơn vị bất kỳ", {"code": "24958", "on": NEW_ERA}, "X34-24958"),
        ("Đơn vị bất kỳ", {"code": "24958", "on": year(2023)}, "X63-24958"),
        ("", {"code": "678"}, "H63-678"),
        ("", {"code": 68.0, "on": year(2013)}, "T63-68"),
        ("", {"code": "1", "tier": "tỉnh", "on": year(2013)}, "T63-01"),
        # catalog ids
        ("X34-24958", {}, "X34-24958"),
    ],
)
def test_resolve_finds_the_unit(name, kwargs, expected):
    assert loc.resolve(name, **kwargs).id == expected


def province_names_2013() -> list[str]:
    """Column B of sheet M09+, rows 15-82, without region rows (I, II …) and TỔNG SỐ."""
    rows = CalamineWorkbook.from_path(str(FINAL_2013)).get_sheet_by_name("M09+").to_python()
    names = []
    for row in rows[14:82]:
        mark, name = str(row[0]).strip(), str(row[1])
        if re.fullmatch(r"[IVX]+", mark) or loc.name_key(name) == "tong so":
            continue
        names.append(name)
    return names


def test_every_province_of_final_2013_resolves():
    names = province_names_2013()
    assert len(names) == 63
    found = [loc.resolve(n, tier="tỉnh", on=year(2013)) for n in names]
    assert len({u.id for u in found}) == 63
    # each under the unit of 2013: Thừa Thiên Huế, not the Thành phố Huế of 2025
    assert all(u.id.startswith("T63-") and (u.valid_from or date.min) <= date(2013, 1, 1)
               and u.valid_to >= date(2013, 12, 31) for u in found)
    assert "T63-46-TTH" in {u.id for u in found}


def test_every_unit_resolves_by_its_own_name(catalog):
    """Its name, its era and its province give the unit, or a refusal that lists it."""
    for unit in catalog.itertuples():
        if unit.id == "VN":
            continue
        on = year(min(unit.valid_to.year, 2020)) if unit.valid_to else year(2026)
        if unit.valid_from and unit.valid_to:  # Thành phố Huế, 01/01–30/06/2025
            on = (unit.valid_from, unit.valid_to)
        try:
            assert loc.resolve(unit.name, on=on, province=unit.province).id == unit.id
        except Refused as err:
            assert unit.id in err.candidates, unit.name


# ---------------------------------------------------------------- resolve: refused


@pytest.mark.parametrize(
    ("name", "kwargs", "candidates", "shown"),
    [
        ("Đức Phổ", {}, {"H63-534", "X63-25183", "X34-21439"},
         ["Thị xã Đức Phổ (Quảng Ngãi)", "Xã Đức Phổ (Lâm Đồng)", "Phường Đức Phổ (Quảng Ngãi)"]),
        ("Lâm Đồng", {}, {"T63-68", "T34-68"},
         ["Tỉnh Lâm Đồng (đến 30/06/2025)", "Tỉnh Lâm Đồng (từ 01/07/2025)", "kỳ báo cáo"]),
        (" HÀ GIANG", {"on": year(2013)}, {"T63-02", "H63-024", "X63-12745", "X63-15292"},
         ["Tỉnh Hà Giang", "Thành phố Hà Giang (Hà Giang)", "Xã Hà Giang (Thái Bình)"]),
        ("quan hoa", {}, {"H63-385", "X63-00169"},
         ["Huyện Quan Hóa (Thanh Hóa)", "Phường Quan Hoa (Hà Nội)"]),
        ("Phường 1", {"province": "Lâm Đồng", "on": year(2023)}, {"X63-24784", "X63-24823"},
         ["Phường 1 (Thành phố Đà Lạt, Lâm Đồng)", "Phường 1 (Thành phố Bảo Lộc, Lâm Đồng)"]),
        ("", {"code": "24958"}, {"X63-24958", "X34-24958"},
         ["Thị trấn Liên Nghĩa (Lâm Đồng)", "Xã Đức Trọng (Lâm Đồng)"]),
    ],
)
def test_ambiguous_names_are_refused_with_candidates(name, kwargs, candidates, shown):
    with pytest.raises(Refused) as err:
        loc.resolve(name, **kwargs)
    assert set(err.value.candidates) == candidates
    for label in shown:
        assert label in err.value.message
    assert "Mã ĐVHC" in err.value.message and "tỉnh" in err.value.message


def test_numbered_ward_needs_a_province():
    with pytest.raises(Refused) as err:
        loc.resolve("Phường 1")
    assert len(err.value.candidates) > 20
    assert "và" in err.value.message and "đơn vị khác" in err.value.message
    assert loc.resolve("Phường 1", province="Phú Yên", on=year(2023)).province == "Phú Yên"


@pytest.mark.parametrize(
    ("name", "kwargs", "suggested"),
    [
        ("Đức Trọg", {}, "H63-678"),
        ("Quận Đức Trọng", {}, "H63-678"),
        ("Xã Bảo Lộc", {"on": year(2023)}, None),
        ("Đức Trọng", {"tier": "tỉnh"}, None),
        ("Huyện Đức Trọng", {"province": "Quảng Ngãi"}, None),
        ("xyz abc", {}, None),
    ],
)
def test_unknown_names_are_refused_with_suggestions(name, kwargs, suggested):
    with pytest.raises(Refused) as err:
        loc.resolve(name, **kwargs)
    assert "Không tìm thấy" in err.value.message
    assert len(err.value.candidates) <= 3
    if suggested:
        assert suggested in err.value.candidates
        assert "Có phải:" in err.value.message


@pytest.mark.parametrize(
    ("name", "kwargs", "says"),
    [
        ("", {}, "Thiếu tên địa phương"),
        ("Huyện Đức Trọng", {"province": "Atlantis"}, "Không tìm thấy tỉnh"),
        ("", {"code": "99999999"}, "Mã ĐVHC '99999999'"),
    ],
)
def test_bad_input_is_refused(name, kwargs, says):
    with pytest.raises(Refused, match=says):
        loc.resolve(name, **kwargs)


def test_refusal_is_repeated_from_the_memo():
    for _ in range(2):
        with pytest.raises(Refused) as err:
            loc.resolve("Đức Phổ")
        assert len(err.value.candidates) == 3


def test_resolve_is_memoised():
    """The same name in the same period is resolved once (its speed is measured in bench/)."""
    first = loc.resolve("Huyện Đức Trọng", on=year(2022))
    assert loc.resolve("Huyện Đức Trọng", on=year(2022)) is first


def test_unknown_tier_is_a_programming_error():
    with pytest.raises(ValueError):
        loc.resolve("Đức Trọng", tier="vùng")


# ---------------------------------------------------------------- name_key, get


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (" TP. Bảo Lộc", "thanh pho bao loc"),
        ("THỪA THIÊN - HUẾ", "thua thien hue"),
        ("Phường 01", "phuong 1"),
        ("Tỉnh Hoà Bình", "tinh hoa binh"),
        ("Phường B'lao", "phuong blao"),
        ("H.Đức Trọng", "huyen duc trong"),
        ("Huyện ủy Đức Trọng", "huyen duc trong"),
        ("Q1", "quan 1"),
    ],
)
def test_name_key(name, key):
    assert loc.name_key(name) == key


def test_get():
    unit = loc.get("X34-24958")
    assert (unit.name, unit.short_name, unit.level, unit.tier) == (
        "Xã Đức Trọng", "Đức Trọng", "xã", "xã")
    assert (unit.parent_id, unit.province, unit.valid_from, unit.valid_to) == (
        "T34-68", "Lâm Đồng", date(2025, 7, 1), None)
    with pytest.raises(Refused):
        loc.get("X63-0")


# ---------------------------------------------------------------- catalog and lineage


def test_catalog_counts(catalog):
    prefix = catalog["id"].str.extract(r"^([A-Z]+\d*)")[0]
    counts = prefix.value_counts().to_dict()
    # the 63 legacy provinces, Hà Tây (merged into Hà Nội in 2008) and Thừa Thiên Huế (the
    # province before it became Thành phố Huế in 2025)
    assert counts == {"VN": 1, "T63": 63 + 2, "T34": 34, "H63": 696,
                      # 10,040 legacy rows less 5 island districts without communes
                      "X63": 10_035, "X34": 3_321}
    assert catalog["id"].is_unique
    assert list(catalog.columns) == ["id", "code", "name", "short_name", "level", "tier",
                                     "parent_id", "province", "valid_from", "valid_to"]


def test_catalog_columns_are_consistent(catalog):
    assert set(catalog["tier"]) == {"quốc gia", "tỉnh", "huyện", "xã"}
    assert set(catalog["level"]) == {"quốc gia", "tỉnh", "thành phố", "huyện", "quận", "thị xã",
                                     "xã", "phường", "thị trấn", "đặc khu"}
    named = catalog[catalog["id"] != "VN"]
    assert all(n.lower().startswith(lv) for n, lv in zip(named["name"], named["level"],
                                                        strict=True))
    assert set(catalog["parent_id"].dropna()) <= set(catalog["id"])
    earlier = ["T63-28", "T63-46-TTH", "T63-46"]
    legacy = catalog[catalog["id"].str.contains("63-") & ~catalog["id"].isin(earlier)]
    assert legacy["valid_from"].isna().all() and (legacy["valid_to"] == date(2025, 6, 30)).all()
    spans = {r.id: (r.name, r.valid_from, r.valid_to)
             for r in catalog[catalog["id"].isin(earlier)].itertuples()}
    assert spans == {"T63-28": ("Tỉnh Hà Tây", None, date(2008, 7, 31)),
                     "T63-46-TTH": ("Tỉnh Thừa Thiên Huế", None, date(2024, 12, 31)),
                     "T63-46": ("Thành phố Huế", date(2025, 1, 1), date(2025, 6, 30))}
    new = catalog[catalog["id"].str.contains("34-")]
    assert (new["valid_from"] == date(2025, 7, 1)).all() and new["valid_to"].isna().all()
    assert set(catalog.loc[catalog["tier"] == "tỉnh", "parent_id"]) == {"VN"}


@pytest.mark.parametrize(
    ("old_id", "new_id", "kind"),
    [
        ("X63-24958", "X34-24958", "full"),  # thị trấn Liên Nghĩa -> xã Đức Trọng
        ("X63-24982", "X34-24958", "full"),  # xã Phú Hội -> xã Đức Trọng
        ("T63-68", "T34-68", "full"),
        ("T63-67", "T34-68", "full"),  # Đắk Nông into Lâm Đồng
        ("H63-678", "T34-68", "full"),
        ("H63-534", "T34-51", "full"),
        ("X63-00007", "X34-00008", "partial"),
        ("X63-00007", "X34-00025", "partial"),
        ("T63-46-TTH", "T63-46", "full"),  # Thừa Thiên Huế -> Thành phố Huế, 2025-01-01
        ("T63-46", "T34-46", "full"),
    ],
)
def test_lineage_rows(lineage, old_id, new_id, kind):
    row = lineage[(lineage["old_id"] == old_id) & (lineage["new_id"] == new_id)]
    assert row["kind"].tolist() == [kind]


def test_duc_trong_commune_predecessors(lineage):
    rows = lineage[(lineage["new_id"] == "X34-24958")]
    assert set(rows["old_id"]) == {"X63-24958", "X63-24982"}
    assert set(rows["kind"]) == {"full"}
    assert {loc.get(i).parent_id for i in rows["old_id"]} == {"H63-678"}
    assert {loc.get(i).name for i in rows["old_id"]} == {"Thị trấn Liên Nghĩa", "Xã Phú Hội"}


def test_lineage_covers_every_unit(catalog, lineage):
    ids = set(catalog["id"])
    assert set(lineage["old_id"]) <= ids and set(lineage["new_id"]) <= ids
    assert set(lineage["effective"]) == {date(2025, 7, 1), date(2025, 1, 1), date(2008, 8, 1)}
    earlier = lineage[lineage["effective"] < date(2025, 7, 1)]
    assert earlier[["old_id", "new_id", "kind"]].values.tolist() == [
        ["T63-28", "T63-01", "full"], ["T63-46-TTH", "T63-46", "full"]]
    assert set(lineage["kind"]) == {"full", "partial"}
    old = {i for i in ids if i[:3] in ("T63", "H63", "X63")}
    assert old <= set(lineage["old_id"])
    assert {i for i in ids if i.startswith("X34")} <= set(lineage["new_id"])
    reform = lineage["effective"] == date(2025, 7, 1)
    provinces = lineage[lineage["old_id"].str.startswith("T63") & reform]
    # the provinces that ended before go into the 63, not straight into the 34
    assert len(provinces) == 63 and provinces["new_id"].nunique() == 34
    assert {"T63-28", "T63-46-TTH"}.isdisjoint(provinces["old_id"])


def test_frames_load_into_the_schema(catalog, lineage):
    con = duckdb.connect()
    con.execute((ROOT / "etl" / "schema.sql").read_text(encoding="utf-8"))
    con.register("catalog_df", catalog)
    con.register("lineage_df", lineage)
    con.execute("INSERT INTO localities SELECT * FROM catalog_df")
    con.execute("INSERT INTO lineage SELECT * FROM lineage_df")
    got = con.execute("SELECT count(*), count(valid_from), count(valid_to) FROM localities")
    # valid_from: the new units and Thành phố Huế; valid_to: the legacy ones and the two ended
    assert got.fetchone() == (len(catalog), 3_321 + 34 + 1, 63 + 2 + 696 + 10_035)
    row = con.execute("SELECT name, effective FROM lineage JOIN localities ON id = old_id "
                      "WHERE new_id = 'X34-24958' ORDER BY name").fetchall()
    assert row == [("Thị trấn Liên Nghĩa", date(2025, 7, 1)), ("Xã Phú Hội", date(2025, 7, 1))]


def test_import_is_cheap():
    """Importing loads no data and does not pull in pandas."""
    code = ("import sys, etl; had = 'pandas' in sys.modules; import etl.localities; "
            "from etl.localities._catalog import all_units as units; "
            "print(had or 'pandas' not in sys.modules, units.is_built())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["True", "False"]


@pytest.mark.parametrize(("name", "on", "said"), [
    ("Xã Đức Trọng", (date(2022, 1, 1), date(2022, 12, 31)), "chỉ có từ 01/07/2025"),
    ("Huyện Đức Trọng", NEW_ERA, "chỉ có đến 30/06/2025"),
])
def test_a_locality_of_another_period_says_when_it_existed(name, on, said):
    with pytest.raises(Refused) as err:
        loc.resolve(name, on=on)
    assert said in err.value.message and "không có trong kỳ báo cáo" in err.value.message
    assert "không tìm thấy" not in err.value.message.lower()
    assert err.value.candidates


def test_an_unknown_name_is_still_unknown_in_any_period():
    with pytest.raises(Refused, match="Không tìm thấy địa phương"):
        loc.resolve("Xã Đức Trọngg", on=(date(2022, 1, 1), date(2022, 12, 31)))


def test_the_cli_names_the_period_of_a_locality_given_by_flag(tmp_path, capsys):
    from etl.cli import main
    from tests.workbook import write_xlsx

    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"], [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]
    path = write_xlsx(tmp_path / "p.xlsx", rows)
    assert main(["load", str(path), "--db", str(tmp_path / "d.duckdb"),
                 "--locality", "Xã Đức Trọng", "--period", "2022"]) == 2
    assert "chỉ có từ 01/07/2025" in capsys.readouterr().err


@pytest.mark.parametrize("title, expected", [
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LÂM ĐỒNG\nKẾT QUẢ NĂM 2023", "T63-68"),
    ("TÌNH HÌNH KINH TẾ - XÃ HỘI HUYỆN DI LINH NĂM 2023", "H63-679"),
])
def test_xa_hoi_in_a_title_names_no_commune_nor_hides_the_unit_after_it(title, expected):
    assert title_locality(title, "2023") == expected

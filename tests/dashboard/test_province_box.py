"""The province box above every locality box: the locality box lists one province's units (a
few hundred on the whole country, not ten thousand on every run), the province follows the
place shown, and picking a province moves to its unit with the most results; on Dữ liệu the
province is a filter of its own, kept in the address."""

from __future__ import annotations

import duckdb

from dashboard.filters import WHOLE_COUNTRY
from tests.dashboard.test_pages import BAO_LOC, DUC_PHO


def _provinces(db, ids: list[str]) -> dict[str, str]:
    with duckdb.connect(str(db)) as con:  # as the dashboard opens it
        return dict(con.execute("SELECT id, coalesce(province, $whole) FROM localities "
                                "WHERE list_contains($ids, id)",
                                {"ids": ids, "whole": WHOLE_COUNTRY}).fetchall())


def test_the_locality_box_lists_the_province_of_the_place_shown(page, demo_ids, demo_db):
    at = page("tong_quan", dia_phuong=BAO_LOC)
    options = at.selectbox(key="dia_phuong").options
    assert BAO_LOC in options and DUC_PHO not in options
    of = _provinces(demo_db, list(demo_ids.values()))
    assert at.selectbox(key="tinh").value == of[demo_ids[BAO_LOC]] == "Lâm Đồng"
    assert len(options) == sum(1 for p in of.values() if p == "Lâm Đồng")
    assert WHOLE_COUNTRY in at.selectbox(key="tinh").options


def test_picking_a_province_shows_its_place_with_the_most_results(page, demo_ids):
    at = page("tong_quan", dia_phuong=BAO_LOC)
    at.selectbox(key="tinh").set_value("Quảng Ngãi").run()
    assert not at.exception
    assert at.query_params["dia_phuong"] == demo_ids[DUC_PHO]
    assert at.selectbox(key="tinh").value == "Quảng Ngãi"
    assert DUC_PHO in at.selectbox(key="dia_phuong").options
    at.run()  # any later run (another widget changed): it stays with the place shown
    assert at.selectbox(key="tinh").value == "Quảng Ngãi"
    assert at.query_params["dia_phuong"] == demo_ids[DUC_PHO]


def test_an_address_in_another_province_opens_that_province(page, demo_ids):
    at = page("thu_ngan_sach", dia_phuong=DUC_PHO)
    assert at.selectbox(key="tinh").value == "Quảng Ngãi"
    assert at.selectbox(key="dia_phuong").value == demo_ids[DUC_PHO]


def test_several_places_keep_those_of_other_provinces(page, demo_ids):
    at = page("dat_chi_tieu", dia_phuong=[BAO_LOC, DUC_PHO])
    box = at.multiselect(key="cac_dia_phuong")
    assert box.value == [demo_ids[BAO_LOC], demo_ids[DUC_PHO]]
    assert at.selectbox(key="tinh").value == "Quảng Ngãi"  # the last one picked
    assert BAO_LOC in box.options and DUC_PHO in box.options


def test_the_data_table_filters_by_province(page, demo_ids, demo_db):
    at = page("du_lieu")
    assert at.selectbox(key="loc_tinh").value == ""
    everything = set(at.dataframe[0].value["Địa phương"])
    at.selectbox(key="loc_tinh").set_value("Quảng Ngãi").run()
    assert not at.exception and at.query_params["tinh"] == "Quảng Ngãi"
    shown = set(at.dataframe[0].value["Địa phương"])
    of = _provinces(demo_db, list(demo_ids.values()))
    assert shown and shown < everything | shown
    assert all(of[demo_ids[name]] == "Quảng Ngãi" for name in shown)
    linked = page("du_lieu", tinh="Quảng Ngãi")
    assert set(linked.dataframe[0].value["Địa phương"]) == shown

"""The Trình chiếu page through app.py's navigation (AppTest) on the demo database: the deck
from the address, the ready-made slide list, turning slides, the chosen slides only, the
places offered to compare with."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.dashboard.test_pages import run, texts

BAO_LOC, DUC_TRONG, DUC_PHO = "Thành phố Bảo Lộc", "Huyện Đức Trọng", "Thị xã Đức Phổ"


@pytest.fixture
def deck(monkeypatch, demo_db, demo_ids):
    monkeypatch.setenv("CHITIEU_DB", str(demo_db))

    def open_deck(name: str, period: str, **params: str | list[str]):
        return run("trinh_chieu", dia_phuong=demo_ids[name], ky=period, **params)

    return open_deck


def _number(at) -> tuple[int, int]:
    found = re.search(r'class="slide-number">(\d+) / (\d+)<', texts(at))
    assert found, texts(at)
    return int(found[1]), int(found[2])


def test_ready_made_deck_opens_on_the_slide_in_the_address(deck):
    at = deck(BAO_LOC, "2021-2023", slide="3")
    assert _number(at)[0] == 3
    assert at.multiselect(key="cac_trang").value == [
        "tieu_de", "tong_quan", "tang_truong", "ngan_sach", "ho_ngheo", "dat_chi_tieu"]
    assert "Tăng trưởng tổng giá trị sản xuất giai đoạn 2021–2023 đạt 7,8%/năm" in texts(at)


def test_next_and_previous_turn_and_wrap_round(deck):
    at = deck(DUC_TRONG, "2023-H1")
    first, total = _number(at)
    assert first == 1
    at.button(key="sau").click().run()
    assert _number(at) == (2, total) and at.query_params["slide"] == "2"
    at.button(key="truoc").click().run()
    at.button(key="truoc").click().run()
    assert _number(at) == (total, total)


def test_only_the_chosen_slides_are_shown(deck):
    at = deck(DUC_TRONG, "2023-H1", cac_trang=["ngan_sach"])
    assert _number(at) == (1, 1)
    assert ("Tổng thu ngân sách nhà nước trên địa bàn 6 tháng đầu năm 2023 ước đạt 730.734 triệu "
            "đồng, bằng 41% dự toán và 84% cùng kỳ") in texts(at)
    assert len(at.get("plotly_chart")) == 1


def test_a_table_slide_spanning_two_domains_heads_each(deck):
    at = deck(BAO_LOC, "2021-2023", slide="8")
    assert "(phần 2/6: Ngân sách, Văn hóa – xã hội)" in texts(at)
    for domain in ("Ngân sách", "Văn hóa – xã hội"):
        assert f'<tr class="group"><td colspan="5">{domain}</td></tr>' in texts(at)


def test_the_compare_box_offers_the_province_and_the_provinces(deck, demo_db, demo_ids):
    """'So sánh với' lists the other units of the place's province and every province, not
    every unit of the country; a unit of another province named in the address stays picked."""
    with duckdb.connect(str(demo_db)) as con:
        rows = con.execute("SELECT id, tier, coalesce(province, '') FROM localities "
                           "WHERE list_contains($ids, id)",
                           {"ids": list(demo_ids.values())}).fetchall()
    tier = {lid: t for lid, t, _ in rows}
    province = {lid: p for lid, _, p in rows}
    bao_loc, duc_pho = demo_ids[BAO_LOC], demo_ids[DUC_PHO]
    at = deck(BAO_LOC, "2021-2023")
    box = at.multiselect(key="so_sanh_voi")
    assert not at.exception and box.value == []
    offered = set(box.options)  # the names shown
    expected = {name for name, lid in demo_ids.items() if lid != bao_loc and (
        province[lid] == province[bao_loc] or tier[lid] in ("tỉnh", "quốc gia"))}
    assert offered == expected
    assert DUC_PHO not in offered and DUC_TRONG in offered
    assert any(tier[lid] == "tỉnh" and province[lid] != province[bao_loc]
               for name, lid in demo_ids.items() if name in offered)
    picked = deck(BAO_LOC, "2021-2023", so_sanh_voi=duc_pho)  # as the QR code's address
    box = picked.multiselect(key="so_sanh_voi")
    assert box.value == [duc_pho] and DUC_PHO in box.options
    assert picked.query_params["so_sanh_voi"] == duc_pho


def test_places_in_the_address_make_the_comparison_slide(deck, demo_ids):
    alone = deck(BAO_LOC, "2021-2023")
    compared = deck(BAO_LOC, "2021-2023", so_sanh_voi=demo_ids[DUC_PHO])
    assert "so_sanh" not in alone.multiselect(key="cac_trang").value
    assert "so_sanh" in compared.multiselect(key="cac_trang").value

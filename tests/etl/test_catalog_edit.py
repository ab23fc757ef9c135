"""The database's catalog is the live one: an admin edits an indicator (the computed status
follows a direction change, in the current rows and the export), maps an uncatalogued name onto
a catalogued indicator (its rows follow, nothing is rewritten, the next load matches it), every
change is in the audit log, and staff or viewers are refused at the writing function."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import accounts, catalog_edit, store, store_catalog
from etl.accounts import Actor
from etl.catalog_edit import Change
from etl.cli import main
from etl.errors import Refused
from etl.indicators import DEFAULT_PATH, Catalog
from tests.query import rows
from tests.seed import SEED
from tests.workbook import write_xlsx

PASSWORD = "mật-khẩu-danh-mục-2025"
HEADER = ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"]
NEW_NAME = "Số sáng kiến cải tiến kỹ thuật được công nhận"
BL, GROWTH = "Thành phố Bảo Lộc", "budget_revenue_growth"   # 11-12 % planned, 20,4 % reached
ADMIN = Actor("quantri")


@pytest.fixture
def db(writable_db: Path) -> Path:
    """A copy of the demo database with an admin, a staff member and a viewer."""
    con = store.connect(writable_db)
    try:
        for name, role, places in (("quantri", "admin", []),
                                   ("ductrong", "staff", ["Huyện Đức Trọng"]),
                                   ("xem", "viewer", [])):
            accounts.add_user(con, name, PASSWORD, role, places, actor=Actor.local_operator())
    finally:
        con.close()
    return writable_db


def _with(db: Path, action):
    con = store.connect(db)
    try:
        return action(con)
    finally:
        con.close()


def _as_stored(db: Path, indicator_id: str) -> Change:
    ind = _with(db, lambda con: store_catalog.indicator(con, indicator_id))[0]
    return Change(ind.unit, ind.direction, ind.kind, ind.domain, ind.synonyms)


def _status(db: Path) -> str:
    return rows(db, "SELECT computed_status FROM current_rows WHERE locality = ? AND period = "
                     "'2021-2023' AND indicator_id = ?", [BL, GROWTH])[0][0]


def _load(db: Path, path: Path) -> int:
    """`python -m etl load` as the local operator: the file is matched against the database's
    own catalog."""
    return main(["load", str(path), "--db", str(db)])


def _new_name_file(tmp_path: Path, name: str, actual: str) -> Path:
    return write_xlsx(tmp_path / name, [HEADER, ["Huyện Đức Trọng", "2023", NEW_NAME, "sáng kiến",
                                                  "10", actual]])


def test_a_fresh_database_holds_the_seed_catalog_in_its_order():
    con = duckdb.connect()
    try:
        store.ensure_schema(con)
        live = store_catalog.catalog(con)
    finally:
        con.close()
    assert [i.id for i in live] == [i.id for i in SEED]
    assert live.get(GROWTH) == SEED.get(GROWTH)


def test_a_direction_change_moves_the_computed_status_everywhere(db):
    assert _status(db) == "Vượt"
    version = rows(db, "SELECT value FROM meta WHERE key = 'data_version'")[0][0]
    change = _as_stored(db, GROWTH)
    detail = _with(db, lambda con: catalog_edit.edit_indicator(
        con, GROWTH, Change(change.unit, "down", change.kind, change.domain, change.synonyms),
        actor=ADMIN))
    assert "hướng: tăng là tốt → giảm là tốt" in detail
    assert _status(db) == "Chưa đạt"  # 20,4 above a range of 11-12 when lower is better
    exported = _with(db, lambda con: store.current_view(
        con, ["locality", "period", "indicator_id", "direction", "computed_status"]))
    row = exported[(exported.locality == BL) & (exported.period == "2021-2023")
                   & (exported.indicator_id == GROWTH)].iloc[0]
    assert (row.direction, row.computed_status) == ("down", "Chưa đạt")
    assert rows(db, "SELECT value FROM meta WHERE key = 'data_version'")[0][0] != version
    _with(db, lambda con: catalog_edit.edit_indicator(
        con, GROWTH, Change(change.unit, None, change.kind, change.domain, change.synonyms),
        actor=ADMIN))
    assert _status(db) == "Không xác định"


def test_every_change_is_audited_with_who_and_old_to_new(db):
    change = _as_stored(db, GROWTH)
    _with(db, lambda con: catalog_edit.edit_indicator(
        con, GROWTH, Change("‰", "down", "rate", "kinh tế", change.synonyms), actor=ADMIN))
    actor, action, subject, detail = rows(
        db, "SELECT actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert (actor, action, subject) == ("quantri", "catalog", GROWTH)
    assert detail == ("Tốc độ tăng tổng thu ngân sách nhà nước trên địa bàn: đơn vị: % → ‰; "
                      "hướng: tăng là tốt → giảm là tốt; loại: growth → rate; "
                      "lĩnh vực: ngân sách → kinh tế")
    assert rows(db, "SELECT unit, kind, domain FROM indicators WHERE id = ?", [GROWTH]) == [
        ("‰", "rate", "kinh tế")]
    assert set(rows(db, "SELECT kind, domain FROM current_rows WHERE indicator_id = ?",
                     [GROWTH])) == {("rate", "kinh tế")}


def test_an_unchanged_form_writes_nothing(db):
    before = rows(db, "SELECT count(*) FROM audit_log")[0][0]
    result = _with(db, lambda con: catalog_edit.edit_indicator(
        con, GROWTH, _as_stored(db, GROWTH), actor=ADMIN))
    assert result is None and rows(db, "SELECT count(*) FROM audit_log")[0][0] == before


def test_a_new_synonym_matches_on_the_next_load(db, tmp_path):
    change = _as_stored(db, "jobs_created")
    _with(db, lambda con: catalog_edit.edit_indicator(
        con, "jobs_created", Change(change.unit, change.direction, change.kind, change.domain,
                                    (*change.synonyms, NEW_NAME)), actor=ADMIN))
    assert _load(db, _new_name_file(tmp_path, "a.xlsx", "12")) == 0
    assert rows(db, "SELECT indicator_id FROM observations WHERE indicator_as_written = ?",
                 [NEW_NAME]) == [("jobs_created",)]


@pytest.mark.parametrize(("synonym", "reason"), [
    ("Tỷ lệ hộ nghèo", "đã là tên của chỉ tiêu «Tỷ lệ hộ nghèo» (poverty_rate)"),
    ("Tổng số", "quá chung"),
    ("a | b", "ký tự '|'"),
])
def test_a_synonym_that_would_mismatch_is_refused(db, synonym, reason):
    change = _as_stored(db, GROWTH)
    with pytest.raises(Refused, match=reason.replace("(", r"\(").replace(")", r"\)")
                       .replace("|", r"\|")):
        _with(db, lambda con: catalog_edit.edit_indicator(
            con, GROWTH, Change(change.unit, change.direction, change.kind, change.domain,
                                (*change.synonyms, synonym)), actor=ADMIN))
    assert _as_stored(db, GROWTH) == change


def test_a_bad_choice_is_refused_in_vietnamese(db):
    change = _as_stored(db, GROWTH)
    with pytest.raises(Refused, match="ô hướng không hợp lệ"):
        _with(db, lambda con: catalog_edit.edit_indicator(
            con, GROWTH, Change(change.unit, "sideways", change.kind, change.domain, ()),
            actor=ADMIN))


def test_a_mapped_name_follows_its_indicator_and_the_next_load_matches(db, tmp_path):
    assert _load(db, _new_name_file(tmp_path, "truoc.xlsx", "12")) == 0
    (from_id,), = rows(db, "SELECT indicator_id FROM observations WHERE indicator_as_written = ?",
                        [NEW_NAME])
    assert from_id.startswith("u_")
    detail = _with(db, lambda con: catalog_edit.map_name(con, from_id, "jobs_created",
                                                         actor=ADMIN))
    assert f"gộp «{NEW_NAME}» (1 số liệu) → «Số lao động được giải quyết việc làm»" == detail
    assert from_id not in detail  # what the admin reads names no internal id; the audit does
    shown = rows(db, "SELECT indicator_id, indicator, indicator_as_written, actual_text "
                      "FROM current_rows WHERE indicator_as_written = ?", [NEW_NAME])
    assert shown == [("jobs_created", "Số lao động được giải quyết việc làm", NEW_NAME, "12")]
    exported = _with(db, lambda con: store.current_view(con, ["indicator", "indicator_as_written"]))
    assert "Số lao động được giải quyết việc làm" in set(
        exported[exported.indicator_as_written == NEW_NAME].indicator)
    # nothing rewritten: the stored row keeps its id, the alias says where it shows
    assert rows(db, "SELECT count(*) FROM observations WHERE indicator_id = ?",
                 [from_id]) == [(1,)]
    assert rows(db, "SELECT action, subject, detail FROM audit_log ORDER BY id DESC LIMIT 1") == [
        ("catalog", "jobs_created", f"{detail} (mã {from_id})")]
    # the next upload with that name matches, and replaces the earlier batch of it
    assert _load(db, _new_name_file(tmp_path, "sau.xlsx", "15")) == 0
    assert rows(db, "SELECT DISTINCT indicator_id FROM observations o JOIN batches b "
                     "ON b.id = o.batch_id WHERE indicator_as_written = ? AND b.state = 'active'",
                 [NEW_NAME]) == [("jobs_created",)]
    assert rows(db, "SELECT actual_text FROM current_rows WHERE indicator_as_written = ?",
                 [NEW_NAME]) == [("15",)]


def test_a_name_is_mapped_once_and_only_onto_the_catalog(db, tmp_path):
    assert _load(db, _new_name_file(tmp_path, "a.xlsx", "12")) == 0
    (from_id,), = rows(db, "SELECT id FROM indicators WHERE name = ?", [NEW_NAME])
    with pytest.raises(Refused, match="Không có chỉ tiêu"):
        _with(db, lambda con: catalog_edit.map_name(con, from_id, from_id, actor=ADMIN))
    _with(db, lambda con: catalog_edit.map_name(con, from_id, "jobs_created", actor=ADMIN))
    with pytest.raises(Refused, match="đã được gộp"):
        _with(db, lambda con: catalog_edit.map_name(con, from_id, "ocop_products", actor=ADMIN))


def test_a_mapping_that_would_hide_a_figure_is_refused(db, tmp_path):
    """The name and the indicator both have a 2023 row for Đức Trọng: merged, one would hide the
    other, so nothing is written."""
    both = write_xlsx(tmp_path / "ca_hai.xlsx", [
        HEADER, ["Huyện Đức Trọng", "2023", NEW_NAME, "sáng kiến", "10", "12"],
        ["Huyện Đức Trọng", "2023", "Số lao động được giải quyết việc làm", "người", "3.000",
         "3.100"]])
    assert _load(db, both) == 0
    (from_id,), = rows(db, "SELECT id FROM indicators WHERE name = ?", [NEW_NAME])
    with pytest.raises(Refused, match="che mất một trong hai") as refused:
        _with(db, lambda con: catalog_edit.map_name(con, from_id, "jobs_created", actor=ADMIN))
    assert "Huyện Đức Trọng, Năm 2023" in refused.value.message
    assert rows(db, "SELECT count(*) FROM indicator_aliases") == [(0,)]


def test_a_mapping_is_undone_and_the_name_shows_as_written_again(db, tmp_path):
    """A mapping made by mistake: undone, the name's rows show under it again, it is no longer
    a synonym (the next upload keeps it as written), and the undo is audited."""
    assert _load(db, _new_name_file(tmp_path, "truoc.xlsx", "12")) == 0
    (from_id,), = rows(db, "SELECT id FROM indicators WHERE name = ?", [NEW_NAME])
    synonyms = _as_stored(db, "jobs_created").synonyms
    _with(db, lambda con: catalog_edit.map_name(con, from_id, "jobs_created", actor=ADMIN))
    assert NEW_NAME in _as_stored(db, "jobs_created").synonyms
    detail = _with(db, lambda con: catalog_edit.unmap_name(con, from_id, actor=ADMIN))
    assert detail == (f"bỏ gộp «{NEW_NAME}» (1 số liệu) khỏi «Số lao động được giải "
                      f"quyết việc làm»; bỏ tên gọi khác «{NEW_NAME}»")
    assert rows(db, "SELECT indicator_id, actual_text FROM current_rows "
                     "WHERE indicator_as_written = ?", [NEW_NAME]) == [(from_id, "12")]
    assert _as_stored(db, "jobs_created").synonyms == synonyms
    assert rows(db, "SELECT count(*) FROM indicator_aliases") == [(0,)]
    assert rows(db, "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1") == [
        (f"{detail} (mã {from_id})",)]
    assert _load(db, _new_name_file(tmp_path, "sau.xlsx", "15")) == 0
    assert rows(db, "SELECT indicator_id, actual_text FROM current_rows "
                     "WHERE indicator_as_written = ?", [NEW_NAME]) == [(from_id, "15")]
    with pytest.raises(Refused, match=f"«{NEW_NAME}» không phải một tên đã được gộp"):
        _with(db, lambda con: catalog_edit.unmap_name(con, from_id, actor=ADMIN))
    with pytest.raises(Refused, match="Chỉ quản trị viên"):
        _with(db, lambda con: catalog_edit.unmap_name(con, from_id, actor=Actor("ductrong")))


@pytest.mark.parametrize(("who", "reason"), [("ductrong", "Chỉ quản trị viên"),
                                             ("xem", "chỉ được xem số liệu")])
def test_staff_and_viewers_are_refused_at_the_write(db, tmp_path, who, reason):
    assert _load(db, _new_name_file(tmp_path, "a.xlsx", "12")) == 0
    (from_id,), = rows(db, "SELECT id FROM indicators WHERE name = ?", [NEW_NAME])
    change = _as_stored(db, GROWTH)
    before = rows(db, "SELECT count(*) FROM audit_log WHERE action = 'catalog'")
    with pytest.raises(Refused, match=reason):
        _with(db, lambda con: catalog_edit.edit_indicator(
            con, GROWTH, Change(change.unit, "down", change.kind, change.domain, ()),
            actor=Actor(who)))
    with pytest.raises(Refused, match=reason):
        _with(db, lambda con: catalog_edit.map_name(con, from_id, "jobs_created",
                                                    actor=Actor(who)))
    assert _status(db) == "Vượt" and _as_stored(db, GROWTH) == change
    assert rows(db, "SELECT count(*) FROM indicator_aliases") == [(0,)]
    assert rows(db, "SELECT count(*) FROM audit_log WHERE action = 'catalog'") == before


def test_a_changed_seed_csv_keeps_an_admins_edit(db, tmp_path):
    change = _as_stored(db, GROWTH)
    _with(db, lambda con: catalog_edit.edit_indicator(
        con, GROWTH, Change("‰", change.direction, change.kind, change.domain, change.synonyms),
        actor=ADMIN))
    seed = Path(shutil.copy(DEFAULT_PATH, tmp_path / "indicators.csv"))
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace(",Số hộ nghèo,,hộ,", ",Số hộ nghèo,,hộ gia đình,"),
                    encoding="utf-8")
    assert Catalog.load(seed).get("poor_households").unit == "hộ gia đình"

    def reseed(con):
        with store.transaction(con):
            store.ensure_schema(con, seed)
        return store_catalog.catalog(con)

    live = _with(db, reseed)
    assert live.get("poor_households").unit == "hộ gia đình"  # nobody edited it: the CSV's
    assert live.get(GROWTH).unit == "‰"                       # an admin's edit stays

"""The collector pause around a load: off inside, back as it was after, nested and on error."""

from __future__ import annotations

import gc

import pytest

from etl.gc_pause import paused


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_after():
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_nested_pause_leaves_it_off_until_the_outer_one_ends():
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on():
    with pytest.raises(ValueError), paused():
        raise ValueError("bad file")
    assert gc.isenabled()


def test_a_collector_someone_turned_off_stays_off():
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_a_load_reads_its_rows_with_the_collector_off_and_turns_it_back_on(tmp_path):
    from etl.indicators import Catalog
    from etl.pipeline import prepare
    from etl.synth import write_synthetic

    book = write_synthetic(tmp_path / "so_lieu.xlsx", 2, 3, 2)
    seen = []

    def catalog() -> Catalog:  # called once the rows are read, before they are matched
        seen.append(gc.isenabled())
        return Catalog.load()

    prepared = prepare(book, catalog=catalog)
    assert seen == [False]
    assert gc.isenabled()
    assert len(prepared.table.records) == 2 * 3 * 2

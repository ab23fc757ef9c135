"""Status palette, icons, the status counted on cards and the report-vs-computation flag."""

import pytest

from dashboard import status


@pytest.mark.parametrize(
    ("reported", "computed", "expected"),
    [
        ("Đạt", "Chưa đạt", "Đạt"),
        (None, "Vượt", "Vượt"),
        (None, None, "Không xác định"),
        ("", "Chưa đạt", "Chưa đạt"),
        (float("nan"), "Đạt", "Đạt"),
        ("Chưa đạt", "Không xác định", "Chưa đạt"),
    ],
)
def test_effective_status(reported, computed, expected):
    assert status.effective_status(reported, computed) == expected


@pytest.mark.parametrize(
    ("reported", "computed", "expected"),
    [
        ("Đạt", "Chưa đạt", True),
        ("Vượt", "Chưa đạt", True),
        ("Chưa đạt", "Đạt", True),
        ("Đạt", "Vượt", False),
        ("Chưa đạt", "Không xác định", False),
        (None, "Chưa đạt", False),
        ("Chưa đạt", "Chưa đạt", False),
    ],
)
def test_disagrees(reported, computed, expected):
    assert status.disagrees(reported, computed) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Vượt", "▲ Vượt"), ("Đạt", "✓ Đạt"), ("Chưa đạt", "✗ Chưa đạt"),
     (None, "? Không xác định"), ("Không đạt?", "? Không xác định")],
)
def test_label_has_icon_and_word(value, expected):
    assert status.label(value) == expected


def test_every_status_has_a_colour_and_icon():
    assert set(status.STATUS_COLORS) == set(status.STATUS_ICONS) == {
        *status.STATUSES, *status.PROGRESS}
    assert len(set(status.STATUS_COLORS.values())) == 4


def test_badge_escapes_text():
    html = status.badge_html("Đạt", "<b>8</b>")
    assert "&lt;b&gt;8&lt;/b&gt;" in html and status.STATUS_COLORS["Đạt"] in html

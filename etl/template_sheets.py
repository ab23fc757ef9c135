"""How a reader knows the upload template (etl/template.py writes it): its sheet names, and
whether its data sheet holds anything. Kept apart from the writer so that a load, which only
recognises templates, imports no openpyxl."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DATA_SHEET", "GUIDE_SHEET", "LISTS_SHEET", "is_template", "is_empty_data"]

DATA_SHEET = "Số liệu"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"


def is_template(sheet_names: Sequence[str]) -> bool:
    """A workbook made by `template_workbook`: its data, guide and list sheets are all there."""
    return {DATA_SHEET, GUIDE_SHEET, LISTS_SHEET} <= set(sheet_names)


def is_empty_data(rows: Sequence[Sequence[object]]) -> bool:
    """No cell below the header row holds anything (the drop-downs alone are not data)."""
    return not any(str(cell).strip() for row in rows[1:] for cell in row if cell is not None)

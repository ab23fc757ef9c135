"""Observations as the pages use them: the cached query plus each row's verdict and tiến độ.

`metrics.with_status` (and `progress.with_progress` inside it) walks every row in Python; each
page called it several times on the same rows (cards, counts, the scorecard, the budget), and
every session opening the same page did it again — a sixth of a chart page's script with ten
viewers at once. Here it runs once per data version and filters, in `st.cache_data` beside the
query's own cache, and every session showing those rows shares the result; `with_status` on
rows that already have their verdicts (these, or any subset of them) only copies them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.metrics import with_status

__all__ = ["observations"]


@st.cache_data(show_spinner=False, max_entries=512)
def observations(version: str, locality_ids: Sequence[str] = (),
                 period_codes: Sequence[str] = (),
                 indicator_ids: Sequence[str] = ()) -> pd.DataFrame:
    """`queries.observations` with `metrics.with_status`'s columns (status, against, checked,
    disagree, and the in-year progress columns)."""
    return with_status(queries.observations(version, locality_ids, period_codes, indicator_ids))

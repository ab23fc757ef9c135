"""What the tests check of the tables the store keeps beside the observations: the counts of
the current rows (`current_counts`, `indicator_counts`) against the current rows themselves,
and each batch's (locality, period) pairs (`batch_pairs`) against its observations."""

from __future__ import annotations

import duckdb


def counts_differ(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(table, locality, period or indicator, rows, results) that `current_counts` or
    `indicator_counts` and the current rows disagree on."""
    differ = []
    for table, by in (("current_counts", "period"), ("indicator_counts", "indicator_id")):
        differ += [(table, *row) for row in con.execute(f"""
            WITH counted AS (SELECT locality_id, {by}, count(*) AS n_rows,
                                    count(actual_value) AS n_actual
                             FROM current_rows GROUP BY ALL)
            (SELECT * FROM {table} EXCEPT ALL SELECT * FROM counted)
            UNION ALL
            (SELECT * FROM counted EXCEPT ALL SELECT * FROM {table})
            """).fetchall()]
    return differ


def pairs_differ(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(batch, locality, period) that `batch_pairs` and the observations disagree on."""
    return con.execute("""
        WITH named AS (SELECT DISTINCT batch_id, locality_id, period FROM observations)
        (SELECT * FROM batch_pairs EXCEPT ALL SELECT * FROM named)
        UNION ALL
        (SELECT * FROM named EXCEPT ALL SELECT * FROM batch_pairs)
        """).fetchall()

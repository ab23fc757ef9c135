"""What the tests check of the tables the store keeps beside the observations: the counts of
the current rows (`current_counts`) against the current rows themselves."""

from __future__ import annotations

import duckdb


def counts_differ(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(locality, period, rows, results) that `current_counts` and `current_rows` disagree on."""
    return con.execute("""
        WITH counted AS (SELECT locality_id, period, count(*) AS n_rows,
                                count(actual_value) AS n_actual
                         FROM current_rows GROUP BY ALL)
        (SELECT * FROM current_counts EXCEPT ALL SELECT * FROM counted)
        UNION ALL
        (SELECT * FROM counted EXCEPT ALL SELECT * FROM current_counts)
        """).fetchall()

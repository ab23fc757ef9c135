"""What the tests check of the tables the store keeps beside the observations: the counts of
the current rows (`current_counts`) against the current rows themselves, and each batch's
(locality, period) pairs (`batch_pairs`) against its observations."""

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


def pairs_differ(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(batch, locality, period) that `batch_pairs` and the observations disagree on."""
    return con.execute("""
        WITH named AS (SELECT DISTINCT batch_id, locality_id, period FROM observations)
        (SELECT * FROM batch_pairs EXCEPT ALL SELECT * FROM named)
        UNION ALL
        (SELECT * FROM named EXCEPT ALL SELECT * FROM batch_pairs)
        """).fetchall()

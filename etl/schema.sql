-- Chỉ Tiêu data model (DuckDB). Applied by etl.store.ensure_schema; idempotent.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Administrative units: legacy (63 provinces, districts, communes, valid until
-- 2025-06-30) and the 2025 system (34 provinces, 3,321 communes, from 2025-07-01).
-- id: 'VN', 'T63-68' (province), 'H63-678' (district), 'X63-24820' (commune),
--     'T34-68', 'X34-24958'.
CREATE TABLE IF NOT EXISTS localities (
    id          VARCHAR PRIMARY KEY,
    code        VARCHAR,           -- official code (mã ĐVHC)
    name        VARCHAR NOT NULL,  -- 'Huyện Đức Trọng'
    short_name  VARCHAR NOT NULL,  -- 'Đức Trọng'
    level       VARCHAR NOT NULL,  -- tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn, đặc khu, quốc gia
    tier        VARCHAR NOT NULL,  -- quốc gia | tỉnh | huyện | xã
    parent_id   VARCHAR,
    province    VARCHAR,           -- province name, for display and disambiguation
    valid_from  DATE,
    valid_to    DATE
);

CREATE TABLE IF NOT EXISTS lineage (
    old_id     VARCHAR NOT NULL,
    new_id     VARCHAR NOT NULL,
    effective  DATE NOT NULL,
    kind       VARCHAR NOT NULL     -- full | partial
);

CREATE TABLE IF NOT EXISTS indicators (
    id           VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    parent_id    VARCHAR,
    unit         VARCHAR,
    direction    VARCHAR,           -- up | down | NULL (not judged)
    domain       VARCHAR,           -- kinh tế, ngân sách, văn hóa – xã hội, môi trường, quốc phòng – an ninh, xây dựng Đảng
    kind         VARCHAR,           -- growth | rate | amount | count | level
    notes        VARCHAR,           -- price base, poverty standard …
    synonyms     VARCHAR,           -- '|'-separated, as written in documents
    catalogued   BOOLEAN NOT NULL DEFAULT TRUE
);
-- The database's catalog is the live one (data/indicators.csv only seeds it): databases made
-- before the admin's catalog page get the catalog order and the mark of an admin's edit.
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS position INTEGER;     -- catalog order
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS edited_at TIMESTAMP;  -- an admin's last edit: the CSV no longer overwrites the row

-- An uncatalogued name an admin mapped onto a catalogued indicator: its rows show under that
-- indicator (the current view reads observations through this table; nothing is rewritten).
CREATE TABLE IF NOT EXISTS indicator_aliases (
    from_id    VARCHAR PRIMARY KEY,   -- the uncatalogued id (u_…) the rows were stored under
    to_id      VARCHAR NOT NULL,      -- the catalogued indicator they now follow
    mapped_by  VARCHAR NOT NULL,
    mapped_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS periods (
    code        VARCHAR PRIMARY KEY,  -- YYYY, YYYY-H1, YYYY-H2, YYYY-Q1..Q4, YYYY-9M, YYYY-YYYY
    kind        VARCHAR NOT NULL,     -- year | half | quarter | nine_months | term
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    label       VARCHAR NOT NULL      -- 'Năm 2022', '6 tháng đầu năm 2023' …
);

CREATE SEQUENCE IF NOT EXISTS batch_ids START 1;

CREATE TABLE IF NOT EXISTS batches (
    id           INTEGER PRIMARY KEY DEFAULT nextval('batch_ids'),
    file_name    VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    sheet        VARCHAR,
    layout       VARCHAR NOT NULL,    -- phu_luc | by_year | long | by_locality
    title        VARCHAR,             -- title rows of the table, joined
    loaded_by    VARCHAR,
    loaded_at    TIMESTAMP NOT NULL,
    locality_id  VARCHAR,             -- NULL when the file covers several
    period       VARCHAR,             -- NULL when the file covers several
    scope        VARCHAR NOT NULL,    -- sorted 'locality@period' pairs + measures: what a correction replaces
    row_count    INTEGER NOT NULL,
    state        VARCHAR NOT NULL,    -- active | replaced | rolled_back
    replaced_by  INTEGER,
    options      VARCHAR,             -- the command-line arguments, for history
    source       VARCHAR              -- who published the document ('Bộ Tài chính, …'), if known
);
-- databases made before the source column
ALTER TABLE batches ADD COLUMN IF NOT EXISTS source VARCHAR;

CREATE TABLE IF NOT EXISTS observations (
    batch_id             INTEGER NOT NULL,
    row_no               INTEGER NOT NULL,   -- 1-based row in the sheet
    locality_id          VARCHAR NOT NULL,
    period               VARCHAR NOT NULL,
    indicator_id         VARCHAR NOT NULL,
    indicator_as_written VARCHAR NOT NULL,
    parent_as_written    VARCHAR,
    unit                 VARCHAR,
    target_text          VARCHAR,
    target_op            VARCHAR,            -- = > >= < <= range
    target_low           DOUBLE,
    target_high          DOUBLE,
    target_source        VARCHAR,            -- sheet!A1
    actual_text          VARCHAR,
    actual_op            VARCHAR,            -- = > >= < <=  ('> 80' keeps its qualifier)
    actual_value         DOUBLE,
    actual_comparable    BOOLEAN,            -- FALSE for '263 đảng viên/ 3 năm' against a yearly target
    actual_is_estimate   BOOLEAN,            -- ước thực hiện
    actual_source        VARCHAR,
    reported_status      VARCHAR,            -- Vượt | Đạt | Chưa đạt
    pct_target           DOUBLE,             -- % of plan / dự toán, as reported
    pct_prev             DOUBLE,             -- % of the same period last year (cùng kỳ), as reported
    note                 VARCHAR
);

-- Attainment against a known direction ('Không xác định' without one).
CREATE OR REPLACE MACRO attainment_directed(op, lo, hi, a_op, a, direction, comparable) AS
    CASE
        WHEN op IS NULL OR a IS NULL OR direction IS NULL OR comparable IS FALSE
             OR (a_op IN ('<', '<=') AND direction = 'up')
             OR (a_op IN ('>', '>=') AND direction = 'down')
            THEN 'Không xác định'
        WHEN direction = 'up' THEN CASE
            WHEN op IN ('=', 'range') AND a > coalesce(hi, lo) + 1e-9 THEN 'Vượt'
            WHEN op IN ('=', 'range') AND a >= lo - 1e-9 THEN 'Đạt'
            WHEN op = '>' AND (a > lo + 1e-9 OR (a_op = '>' AND a >= lo - 1e-9)) THEN 'Đạt'
            WHEN op = '>=' AND a >= lo - 1e-9 THEN 'Đạt'
            WHEN op IN ('<', '<=') THEN 'Không xác định'
            ELSE 'Chưa đạt' END
        WHEN direction = 'down' THEN CASE
            WHEN op IN ('=', 'range') AND a < coalesce(lo, hi) - 1e-9 THEN 'Vượt'
            WHEN op IN ('=', 'range') AND a <= hi + 1e-9 THEN 'Đạt'
            WHEN op = '<' AND (a < hi - 1e-9 OR (a_op = '<' AND a <= hi + 1e-9)) THEN 'Đạt'
            WHEN op = '<=' AND a <= hi + 1e-9 THEN 'Đạt'
            WHEN op IN ('>', '>=') THEN 'Không xác định'
            ELSE 'Chưa đạt' END
        ELSE 'Không xác định'
    END;

-- Attainment from target, actual and direction: Vượt | Đạt | Chưa đạt | Không xác định.
-- A catalogued indicator without a direction is one the catalog does not judge (the share of
-- revenue a province keeps). An uncatalogued one has no direction because nobody gave it one,
-- and what can still be decided is: a target written with its own sense ('≥ 90', '< 1') reads
-- that way, and a result equal to a target of one value, or inside a range, has met it.
CREATE OR REPLACE MACRO attainment(op, lo, hi, a_op, a, direction, comparable, catalogued) AS
    CASE
        WHEN direction IS NULL AND catalogued IS NOT TRUE AND op IN ('=', 'range')
             AND a_op = '=' AND comparable IS NOT FALSE
             AND a BETWEEN coalesce(lo, hi) - 1e-9 AND coalesce(hi, lo) + 1e-9
            THEN 'Đạt'
        WHEN direction IS NULL AND catalogued IS NOT TRUE
            THEN attainment_directed(op, lo, hi, a_op, a, CASE WHEN op IN ('>', '>=') THEN 'up'
                                     WHEN op IN ('<', '<=') THEN 'down' END, comparable)
        ELSE attainment_directed(op, lo, hi, a_op, a, direction, comparable)
    END;

-- A unit as the dashboard and the phụ lục write it: a capital that only began the phrase
-- ('Đơn vị tính: Triệu đồng', a ĐVT cell 'Triệu đồng') is lowered, so one table does not read
-- 'Triệu đồng' beside 'triệu đồng'; acronyms ('USD', 'VNĐ') and '%' stay. Stored units and the
-- export keep what the file wrote.
CREATE OR REPLACE MACRO shown_unit(u) AS
    CASE WHEN regexp_matches(u, '^\p{Lu}\p{Ll}') THEN lower(left(u, 1)) || substr(u, 2) ELSE u END;

-- The current rows: for each (locality, period, indicator) and each measure, the value
-- from the latest active batch that provides that measure. With only_batch NULL, merged key
-- by key over every active batch (the view below). With a batch id, that batch's rows alone,
-- unmerged: what the merge gives for a batch no other active batch shares a locality and
-- period with, none of whose names is mapped (the store checks both), without its cost.
CREATE OR REPLACE MACRO current_observations_of(only_batch) AS TABLE
-- Rows of a mapped uncatalogued name count under the indicator it was mapped onto.
WITH live AS (
    SELECT o.* REPLACE (coalesce(a.to_id, o.indicator_id) AS indicator_id)
    FROM observations o JOIN batches b ON b.id = o.batch_id
    LEFT JOIN indicator_aliases a ON a.from_id = o.indicator_id
    WHERE b.state = 'active' AND only_batch IS NULL
), merged AS (
    SELECT
        locality_id, period, indicator_id,
        max(batch_id) AS last_batch_id,
        arg_max(row_no, batch_id) AS last_row_no,
        arg_max(indicator_as_written, batch_id) AS indicator_as_written,
        arg_max(parent_as_written, batch_id) AS parent_as_written,
        arg_max(unit, batch_id) FILTER (WHERE unit IS NOT NULL) AS unit,
        arg_max({'text': target_text, 'op': target_op, 'low': target_low, 'high': target_high,
                 'source': target_source, 'batch_id': batch_id, 'row_no': row_no}, batch_id)
            FILTER (WHERE target_text IS NOT NULL) AS t,
        arg_max({'text': actual_text, 'op': actual_op, 'value': actual_value,
                 'comparable': actual_comparable, 'estimate': actual_is_estimate,
                 'source': actual_source, 'batch_id': batch_id, 'row_no': row_no}, batch_id)
            FILTER (WHERE actual_text IS NOT NULL) AS a,
        arg_max(reported_status, batch_id) FILTER (WHERE reported_status IS NOT NULL) AS reported_status,
        arg_max(pct_target, batch_id) FILTER (WHERE pct_target IS NOT NULL) AS pct_target,
        arg_max(pct_prev, batch_id) FILTER (WHERE pct_prev IS NOT NULL) AS pct_prev,
        arg_max(note, batch_id) FILTER (WHERE note IS NOT NULL) AS note
    FROM live
    GROUP BY locality_id, period, indicator_id
    UNION ALL BY NAME
    SELECT
        locality_id, period, indicator_id, batch_id AS last_batch_id, row_no AS last_row_no,
        indicator_as_written, parent_as_written, unit,
        CASE WHEN target_text IS NOT NULL THEN
            {'text': target_text, 'op': target_op, 'low': target_low, 'high': target_high,
             'source': target_source, 'batch_id': batch_id, 'row_no': row_no} END AS t,
        CASE WHEN actual_text IS NOT NULL THEN
            {'text': actual_text, 'op': actual_op, 'value': actual_value,
             'comparable': actual_comparable, 'estimate': actual_is_estimate,
             'source': actual_source, 'batch_id': batch_id, 'row_no': row_no} END AS a,
        reported_status, pct_target, pct_prev, note
    FROM observations
    WHERE batch_id = only_batch
)
SELECT
    m.locality_id, l.name AS locality, m.period, m.indicator_id,
    i.name AS indicator, i.domain, i.kind, i.direction, i.parent_id AS indicator_parent_id,
    i.catalogued, i.notes AS indicator_notes,
    m.indicator_as_written, m.parent_as_written, coalesce(m.unit, i.unit) AS unit,
    m.t.text AS target_text, m.t.op AS target_op, m.t.low AS target_low, m.t.high AS target_high,
    m.a.text AS actual_text, m.a.op AS actual_op, m.a.value AS actual_value,
    m.a.comparable AS actual_comparable, m.a.estimate AS actual_is_estimate,
    m.reported_status,
    attainment(m.t.op, m.t.low, m.t.high, m.a.op, m.a.value, i.direction, m.a.comparable,
               i.catalogued)
        AS computed_status,
    m.pct_target, m.pct_prev, m.note,
    coalesce(m.a.batch_id, m.t.batch_id, m.last_batch_id) AS batch_id,
    coalesce(m.a.row_no, m.t.row_no, m.last_row_no) AS row_no,   -- the sheet row of batch_id's value
    m.t.batch_id AS target_batch_id, m.a.batch_id AS actual_batch_id,
    coalesce(m.a.source, m.t.source) AS source,
    m.t.source AS target_source, m.a.source AS actual_source
FROM merged m
LEFT JOIN localities l ON l.id = m.locality_id
LEFT JOIN indicators i ON i.id = m.indicator_id;

CREATE OR REPLACE VIEW current_observations AS SELECT * FROM current_observations_of(NULL);

-- Accounts (DESIGN.md "Accounts"). Passwords are stored only as argon2id hashes.
CREATE TABLE IF NOT EXISTS users (
    name           VARCHAR PRIMARY KEY,   -- login name
    role           VARCHAR NOT NULL,      -- viewer | staff | admin
    password_hash  VARCHAR NOT NULL,      -- argon2id hash, never the password
    created_at     TIMESTAMP NOT NULL,
    created_by     VARCHAR
);

-- The localities a staff account writes for (and the units under them).
CREATE TABLE IF NOT EXISTS user_localities (
    user_name    VARCHAR NOT NULL,
    locality_id  VARCHAR NOT NULL
);

-- Failed logins by the name typed (known or not), so a lock survives reruns and restarts.
CREATE TABLE IF NOT EXISTS login_failures (
    name          VARCHAR PRIMARY KEY,
    failures      INTEGER NOT NULL,
    last_failure  TIMESTAMP NOT NULL,
    locked_until  TIMESTAMP
);

-- Who did what, when, through which channel, from which file.
CREATE SEQUENCE IF NOT EXISTS audit_ids START 1;

CREATE TABLE IF NOT EXISTS audit_log (
    id         INTEGER PRIMARY KEY DEFAULT nextval('audit_ids'),
    happened_at TIMESTAMP NOT NULL,
    actor      VARCHAR NOT NULL,      -- account name, or the operating-system user of the CLI
    via        VARCHAR NOT NULL,      -- web | cli
    action     VARCHAR NOT NULL,      -- login | login_failed | login_locked | logout | import | rollback | user_add | user_remove | catalog
    subject    VARCHAR,               -- batch id, account name …
    file_name  VARCHAR,
    detail     VARCHAR
);

-- current_rows: the view above materialised (same columns), kept by etl.store in the same
-- transaction as every import, rollback and catalog edit (refresh_current for the localities
-- a write touched; rebuilt whole when this schema or the seed catalog changes). The dashboard reads
-- it, so the per-key merging is paid once per write instead of by every viewer.

-- current_counts: how many current rows (and results) each locality has in each period,
-- kept beside current_rows by the same writes. The locality pickers and the period filter read
-- these few thousand rows instead of counting the millions of current rows on every first
-- visit after a write.
CREATE TABLE IF NOT EXISTS current_counts (
    locality_id  VARCHAR NOT NULL,
    period       VARCHAR NOT NULL,
    n_rows       BIGINT NOT NULL,
    n_actual     BIGINT NOT NULL
);

-- indicator_counts: the same by locality and indicator. The indicator lists, the domains and
-- a comparison's localities reporting an indicator read these (a few hundred thousand rows on
-- the whole country) instead of the current rows.
CREATE TABLE IF NOT EXISTS indicator_counts (
    locality_id  VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    n_rows       BIGINT NOT NULL,
    n_actual     BIGINT NOT NULL
);

-- batch_pairs: the (locality, period) pairs each batch has rows for, written with its rows
-- (and rebuilt with current_rows). The history's list of batches, the batches one shares
-- places and periods with, and an import's check for batches it replaces read these few
-- thousand rows instead of every observation of the country.
CREATE TABLE IF NOT EXISTS batch_pairs (
    batch_id     INTEGER NOT NULL,
    locality_id  VARCHAR NOT NULL,
    period       VARCHAR NOT NULL
);

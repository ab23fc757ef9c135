"""Chỉ Tiêu dashboard package: SQL queries (`queries`), frames and metrics computed from them
(`frames`, `metrics`, `periods`, `poverty`), Plotly figures (`charts`), Vietnamese formatting and
strings (`fmt`, `status`, `i18n`), Streamlit widgets and blocks (`filters`, `ui`), downloads
(`export`) and the database connection (`db`). Pages in `pages/` only lay these out."""

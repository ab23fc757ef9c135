"""Chỉ Tiêu dashboard package: SQL queries (`queries`), frames and metrics computed from them
(`frames`, `metrics`, `periods`, `poverty`), Plotly figures (`charts`), Vietnamese formatting and
strings (`fmt`, `status`, `i18n`), Streamlit widgets and blocks (`filters`, `ui`), downloads
(`export`), the presentation deck (`slides` its content, `present` its projector figures,
`slideshow` the page's blocks, `deck` PowerPoint and PNG) and the database connection (`db`).
Pages in `pages/` only lay these out."""

"""Chỉ Tiêu ETL: read phụ lục tables, detect layout, parse, validate and store in DuckDB.

Pure Python, no Streamlit. The CLI lives in `etl.cli` (`python -m etl ...`).
"""

"""The server settings that keep per-viewer work down (bench/viewers.py --clients protocol):
no full garbage collection after every script run, no file watcher set up for every new
session. `streamlit run app.py` reads them from .streamlit/config.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_no_file_watcher_per_session_and_no_collection_per_run():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["postScriptGC"] is False

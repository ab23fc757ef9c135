"""The bench scripts still run on the code as it is (they print figures; this checks only that
they finish and print them, on small inputs — timings are never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("script", "args", "printed"), [
    ("bench/etl.py", ["--rows", "1000"], "ratio whole load / bare read"),
    ("bench/junk.py", ["--rows", "300"], "s"),
    ("bench/catalog.py", ["--runs", "1"], "edit direction of"),
    ("bench/viewers.py", ["--clients", "protocol", "--viewers", "2", "--rounds", "1"],
     "worst at once, again / median alone, again"),
])
def test_bench_script_runs(script, args, printed, tmp_path):
    done = subprocess.run([sys.executable, script, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert printed in done.stdout


def test_the_protocol_message_names_the_page_by_its_address():
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from bench.protocol import rerun_message

    message = BackMsg()
    message.ParseFromString(rerun_message("/thu_ngan_sach?dia_phuong=H63-678&ky=2023-H1"))
    assert message.WhichOneof("type") == "rerun_script"
    assert message.rerun_script.page_name == "thu_ngan_sach"
    assert message.rerun_script.query_string == "dia_phuong=H63-678&ky=2023-H1"
    message.ParseFromString(rerun_message("/"))
    assert (message.rerun_script.page_name, message.rerun_script.query_string) == ("", "")

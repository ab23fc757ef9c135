"""`python -m etl` entry point.

The process ends with `os._exit` once its output is flushed: every database connection is
closed by then (each command closes its own in a `finally`), and tearing down the interpreter
(freeing a large load's rows, caches and the locality catalog object by object) took a tenth
of a second more than the command itself on a 100,000-row file."""

import os
import sys

from etl.cli import main

code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except BrokenPipeError:  # `export | head`: the reader left; not an error
    pass
os._exit(code)

"""`python -m etl` entry point.

The process ends with `os._exit` once its output is flushed: every database connection is
closed by then (each command closes its own in a `finally`), and tearing down the interpreter
(freeing a large load's rows, caches and the locality catalog object by object) took a tenth
of a second more than the command itself on a 100,000-row file.

For the same reason the cyclic garbage collector is off for the whole process: a command is one
short run whose memory the exit gives back, and a collector turned back on after a load
(`etl.gc_pause`) walked the load's hundreds of thousands of objects once more before the exit
(0,05–0,07 s of a 100,000-row load). Reference counting still frees what is no longer used."""

import gc
import os
import sys

gc.disable()

from etl.cli import main  # noqa: E402 - after the collector is off: imports allocate too

code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except BrokenPipeError:  # `export | head`: the reader left; not an error
    pass
os._exit(code)

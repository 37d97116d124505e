"""`python -m generator` is the same program as `portfolio`."""

from generator.cli import run

run()

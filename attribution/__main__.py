"""python -m attribution: the same as the `attribution` command."""
from .cli import cli

cli(prog_name="attribution")

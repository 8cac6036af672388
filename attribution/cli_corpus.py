"""`attribution ingest` and `attribution export`: thin layers over store.py and export.py."""
from __future__ import annotations

import sys

import click

from .cli_common import engine_options, input_options, make_engine

DEFAULT_DB = "attribution.db"


def db_option(fn):
    """--db, shared by the commands that read or write the database."""
    return click.option(
        "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
        help="SQLite database file.",
    )(fn)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes for the spaCy pipeline.")
@input_options
@engine_options
def ingest_cmd(paths, db_path, workers, max_bytes, model, rules_dir):
    """Label articles and store them, their claims and sources in a SQLite database.

    PATHS are .txt, .html, .jsonl or .json files (a .json file holds one record or an array of them),
    folders of them, or - for stdin.
    Articles already in the database are skipped; an article whose file
    changed replaces its old version.

    \b
    Example:
        attribution ingest seeds/ --db attribution.db
        attribution ingest feeds/*.jsonl --workers 4
    """
    from .store import StoreError, ingest

    engine = make_engine(model, rules_dir)
    show = sys.stderr.isatty()

    def progress(result):
        if show:
            click.echo(f"\r{result.articles} articles, {result.claims} claims, {len(result.errors)} errors",
                       nl=False, err=True)

    def report(err):
        if show:
            click.echo("\r\033[K", nl=False, err=True)
        click.echo(f"error: {err}", err=True)

    try:
        result = ingest(paths, db_path, engine, workers=workers, max_bytes=max_bytes, on_article=progress, on_error=report)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    if show:
        click.echo("\r\033[K", nl=False, err=True)
    click.echo(
        f"Ingested {_n(result.articles, 'article')} ({result.unchanged} unchanged), "
        f"{_n(result.claims, 'claim')}, {_n(len(result.errors), 'error')} into {db_path}"
    )
    if result.errors:
        raise SystemExit(1)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@click.command("export")
@db_option
@click.option("--what", type=click.Choice(["claims", "sources", "links", "articles"]), default="claims",
              show_default=True, help="What one row is.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write (default: standard output).")
@click.option("--label", type=click.Choice(["named-official", "anonymous-source", "editorial-framing"]),
              help="Only claims with this label (sources, links, articles: those having such claims).")
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--source", "source", metavar="NAME", help="Only claims from this source, nested sources included.")
def export_cmd(db_path, what, fmt, output, label, outlet, source):
    """Export claims, sources, links or articles from the database as CSV, JSON or JSONL.

    \b
    Example:
        attribution export --what claims -o claims.csv
        attribution export --what sources --format jsonl --label anonymous-source
    """
    from .export import COLUMNS, iter_rows, write
    from .store import StoreError, open_db

    try:
        db = open_db(db_path, create=False)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    try:
        rows = iter_rows(db, what, label=label, outlet=outlet, source=source)
        if output == "-":
            write(rows, fmt, sys.stdout, COLUMNS[what])
        else:
            try:
                out = open(output, "w", encoding="utf-8", newline="")
            except OSError as e:
                raise click.ClickException(f"{output}: {e.strerror or e}") from None
            with out:
                write(rows, fmt, out, COLUMNS[what])
    finally:
        db.close()

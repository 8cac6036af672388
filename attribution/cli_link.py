"""`attribution link`: link claims across the articles of a database."""
from __future__ import annotations

import click


@click.command("link")
@click.option("--db", "db_path", default="attribution.db", show_default=True, type=click.Path(dir_okay=False),
              help="Database made by attribution ingest.")
def link_cmd(db_path):
    """Link claims across articles: corroborates, conflicts, copy, echo.

    Rebuilds the links table from every claim in the database (ingest links
    new articles incrementally on its own).

    \b
    Example:
        attribution link --db attribution.db
    """
    from .link import link_all
    from .store import StoreError, open_db

    try:
        db = open_db(db_path, create=False)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    summary = link_all(db)
    try:
        from .credibility import score_db
    except ImportError:
        score_db = None
    if score_db is not None:
        score_db(db)
    total = sum(summary.values())
    click.echo(f"{total} links in {db_path}: " + ", ".join(f"{n} {rel}" for rel, n in summary.items()))

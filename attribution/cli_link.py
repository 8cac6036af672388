"""`attribution link`: link claims across the articles of a database and re-score them."""
from __future__ import annotations

import time

import click


@click.command("link")
@click.option("--db", "db_path", default="attribution.db", show_default=True, type=click.Path(dir_okay=False),
              help="The database written by `attribution ingest`.")
@click.option("--all", "rebuild", is_flag=True,
              help="Rebuild every link from scratch (default: link the articles that have no links yet).")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), envvar="ATTRIBUTION_RULES",
              help="Folder of rule files whose linking.toml lists to use (default: the project's rules/; "
                   "env ATTRIBUTION_RULES).")
def link_cmd(db_path: str, rebuild: bool, rules_dir: str | None):
    """Link claims across articles (corroborates, conflicts, copy, echo) and re-score.

    \b
    Example:
        attribution link --db attribution.db
        attribution link --db attribution.db --all
    """
    from . import credibility, link
    from .rules import RuleError, load_rules
    from .store import StoreError, clear_pending, open_db, pending_articles, write_transaction

    try:
        link.use_rules(load_rules(rules_dir))
    except RuleError as e:
        raise click.ClickException(str(e)) from None

    try:
        db = open_db(db_path, create=False)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    started = time.perf_counter()
    try:
        # The write lock is held while the links are computed, so an ingest running
        # now neither stores an article this run misses nor links at the same time.
        with write_transaction(db):
            pending = pending_articles(db)
            if rebuild or not db["links"].exists() or db["links"].count == 0:
                ids = None
                counts = link.link_all(db)
                scope = "all articles"
            else:
                # Articles without links, and those an ingest stored but did not get to link.
                ids = list(dict.fromkeys([r[0] for r in db.execute(
                    "select id from articles where id not in (select article_id from links union "
                    "select other_article_id from links)").fetchall()] + pending))
                counts = link.link_new(db, ids)
                scope = f"{len(ids)} article(s) without links or waiting to be linked"
        scored = credibility.score_db(db, ids)
        clear_pending(db, pending)
    finally:
        db.close()
    total = sum(counts.values())
    detail = ", ".join(f"{n} {rel}" for rel, n in counts.items())
    click.echo(f"{total} link(s) from {scope} ({detail}); {scored} article(s) scored "
               f"in {time.perf_counter() - started:.1f}s")

"""`attribution serve`: the database in Datasette, read-only, on this machine only.

``make_datasette(db)`` builds the configured ``Datasette`` without starting a
server, so the settings can be checked (and tests can query it directly).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import click

import attribution

METADATA = Path(attribution.__file__).parent.parent / "datasette-metadata.json"
# The metadata file describes a database called "attribution"; served under
# another file name, the same block applies to that name.
METADATA_DB = "attribution"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


class ServeError(Exception):
    """A problem with the database or metadata file; str() is the one-line message a user sees."""


def load_metadata(db_name: str, *, allow_sql: bool = False, path: str | Path | None = None) -> dict[str, Any]:
    path = Path(path) if path else METADATA
    if not path.is_file():
        raise ServeError(f"{path}: metadata file not found (it ships at the top of the project; reinstall with pip install -e .)")
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise ServeError(f"{path}: not valid JSON: {e}") from None
    metadata = copy.deepcopy(metadata)
    databases = metadata.setdefault("databases", {})
    if METADATA_DB in databases and db_name != METADATA_DB:
        databases[db_name] = databases.pop(METADATA_DB)
    # Arbitrary SQL is off unless asked for: an allow block that matches nobody.
    for block in [metadata, *databases.values()]:
        block.pop("allow_sql", None)
    if not allow_sql:
        metadata["allow_sql"] = False
    return metadata


def check_database(db: Path) -> None:
    """A readable SQLite file with the attribution tables, or a one-line ServeError."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("select name from sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise ServeError(f"{db}: not a SQLite database ({e})") from None
    if not {"articles", "claims"} <= names:
        raise ServeError(f"{db}: no articles or claims table (make it with: attribution ingest <files> --db {db})")


def datasette_settings(*, allow_sql: bool = False) -> dict[str, Any]:
    return {"allow_download": False, "default_allow_sql": allow_sql}


def make_datasette(db: str | Path, *, allow_sql: bool = False, metadata_path: str | Path | None = None):
    """A Datasette serving ``db`` immutable, with our metadata, no downloads and no arbitrary SQL."""
    from datasette.app import Datasette

    db = Path(db)
    if not db.is_file():
        raise ServeError(f"{db}: no such database (run: attribution ingest <files> --db {db})")
    check_database(db)
    metadata = load_metadata(db.stem, allow_sql=allow_sql, path=metadata_path)
    return Datasette(
        immutables=[str(db)],
        metadata=metadata,
        settings=datasette_settings(allow_sql=allow_sql),
    )


def build_datasette_args(
    db: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, allow_sql: bool = False,
    metadata_path: str | Path | None = None,
) -> list[str]:
    """The equivalent `datasette serve` command line (the metadata file must hold the db's name)."""
    args = [
        "datasette", "serve", "-i", str(db), "-m", str(metadata_path or METADATA),
        "--host", host, "--port", str(port), "--setting", "allow_download", "off",
        "--setting", "default_allow_sql", "on" if allow_sql else "off",
    ]
    return args


@click.command("serve")
@click.option("--db", "db_path", default="attribution.db", show_default=True,
              type=click.Path(dir_okay=False), help="Database made by attribution ingest.")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the data to your network.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-sql", is_flag=True, help="Let visitors run arbitrary SQL (off by default).")
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False), default=None,
              help="Datasette metadata file (default: the project's datasette-metadata.json).")
def serve_cmd(db_path, host, port, allow_sql, metadata_path):
    """Explore a database in Datasette: read-only, downloads off, on this machine only.

    \b
    Example:
        attribution serve --db attribution.db --port 8001
    """
    try:
        ds = make_datasette(db_path, allow_sql=allow_sql, metadata_path=metadata_path)
    except ServeError as e:
        raise click.ClickException(str(e)) from None
    import uvicorn

    wal = Path(f"{db_path}-wal")
    if wal.is_file() and wal.stat().st_size:
        # Served immutable, SQLite does not read the write-ahead log.
        click.echo(f"Warning: {wal} is not empty: changes still being written may not show until ingest finishes.", err=True)

    url_host = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {db_path} on http://{url_host}:{port}/")
    if allow_sql:
        click.echo("Arbitrary SQL is allowed (--allow-sql).")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")

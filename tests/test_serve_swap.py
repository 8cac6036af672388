"""Refreshing a published database: a running `attribution serve` keeps answering, unchanged,
while an ingest builds a new file; after the new file atomically replaces the served one and
serve is restarted, the new rows are served.

Real processes on a free port of 127.0.0.1, real SQLite files, the real model.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from attribution.store import ingest

CLI = [sys.executable, "-c", "from attribution.cli import cli; cli()"]
IDS = "/attribution/articles.json?_shape=array&_col=id&_size=max"


def article(n: int) -> str:
    # Invented text.
    return (f"Tram Line {n} Opens Next Spring\n\n"
            f"The transport director, Lena Fischer, said tram line {n} would open in April.\n\n"
            f"Two council engineers said the tracks for line {n} were nearly finished.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


def serve(db: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen(CLI + ["serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"serve ended: {proc.communicate()}")
        try:
            get(port, "/-/versions.json")
            return proc, port
        except (urllib.error.URLError, ConnectionError, OSError):
            assert time.monotonic() < deadline, "serve did not answer within 60 s"
            time.sleep(0.1)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    proc.communicate()


def test_serve_keeps_answering_during_ingest_and_serves_the_swapped_file(tmp_path, engine):
    news = tmp_path / "news"
    news.mkdir()
    for n in range(3):
        (news / f"n{n}.txt").write_text(article(n))
    served = tmp_path / "attribution.db"
    first = ingest([str(news)], served, engine)
    assert not first.errors
    old_ids = set(first.article_ids)

    for n in range(3, 9):
        (news / f"n{n}.txt").write_text(article(n))
    server, port = serve(served)
    try:
        assert {r["id"] for r in get(port, IDS)} == old_ids
        # build the new file next to the served one while serve answers
        builder = subprocess.Popen(CLI + ["ingest", "news", "--db", "new.db"], cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        answers = 0
        while builder.poll() is None:
            assert {r["id"] for r in get(port, IDS)} == old_ids
            answers += 1
            time.sleep(0.05)
        out, err = builder.communicate()
        assert builder.returncode == 0, err
        assert answers >= 3
        new = tmp_path / "new.db"
        # the finished file is whole: its write-ahead log was folded in when ingest closed it
        assert not Path(f"{new}-wal").exists()
        conn = sqlite3.connect(new)
        new_ids = {r[0] for r in conn.execute("select id from articles")}
        new_claims = conn.execute("select count(*) from claims").fetchone()[0]
        conn.close()
        assert len(new_ids) == 9 and old_ids < new_ids
        os.replace(new, served)
        # the running server still answers, with the old rows or the new ones, never an error
        assert {r["id"] for r in get(port, IDS)} in (old_ids, new_ids)
    finally:
        stop(server)

    server, port = serve(served)
    try:
        assert {r["id"] for r in get(port, IDS)} == new_ids
        assert get(port, "/attribution/claims.json?_size=0")["filtered_table_rows_count"] == new_claims
    finally:
        stop(server)

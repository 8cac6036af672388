"""The article page in a real browser: `attribution serve` on a free port, headless Chromium."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from attribution.store import ingest, open_db

# Set ATTRIBUTION_SCREENSHOTS to a folder to keep the screenshots for a look.
SHOTS = os.environ.get("ATTRIBUTION_SCREENSHOTS")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

# If either tag ran, the page title would change.
HOSTILE = (
    "Council Votes <script>document.title='pwned'</script> Tonight\n\n"
    "The mayor said the vote <img src=x onerror=\"document.title='pwned'\"> was final.\n\n"
    "Two council officials said the budget would pass."
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}: {proc.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server did not answer on {url}")


def chromium(tmp_path: Path, *args: str) -> str:
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--virtual-time-budget=3000", *args,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.browser
def test_article_page_in_chromium(tmp_path, seeded_db, engine):
    if not CHROMIUM:
        pytest.skip("chromium is not installed (make test installs it: apt-get install chromium)")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    result = ingest([hostile], seeded_db, engine)
    assert not result.errors and result.stored == 1
    article_id = result.article_ids[0]
    db = open_db(seeded_db)
    seed_id = db.execute("select id from articles where id != ? order by id limit 1", [article_id]).fetchone()[0]
    db.close()

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from attribution.cli import cli; cli()", "serve", "--db", seeded_db,
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/", proc)

        dom = chromium(tmp_path, "--dump-dom", f"{base}/-/attribution/article/{article_id}")
        title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
        # The script's words are in the title as text; had it run, the title would be just "pwned".
        assert title.strip() != "pwned" and title.strip().endswith("· attribution")
        assert "&lt;script&gt;" in dom
        assert "<script>document.title" not in dom and "<img src" not in dom
        assert '<mark class="claim' in dom

        seed_dom = chromium(tmp_path, "--dump-dom", f"{base}/-/attribution/article/{seed_id}")
        assert '<mark class="claim label-' in seed_dom

        for name, path in (("article", f"/-/attribution/article/{seed_id}"), ("charts", "/-/attribution/charts")):
            shot = tmp_path / f"{name}.png"
            chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", base + path)
            assert shot.stat().st_size > 10_000
            if SHOTS:
                shutil.copyfile(shot, Path(SHOTS) / shot.name)
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert f"Serving {seeded_db} on http://127.0.0.1:{port}/" in out

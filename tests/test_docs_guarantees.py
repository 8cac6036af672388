"""The README's Guarantees section names tests that exist: a renamed or deleted test fails here."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Guarantees\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def defined(path: Path) -> set[str]:
    return set(re.findall(r"^(?:async )?def (test_\w+)", path.read_text(encoding="utf-8"), re.M))


def test_every_test_named_in_the_guarantees_exists():
    text = section()
    everywhere = set().union(*(defined(p) for p in (ROOT / "tests").glob("test_*.py")))
    named = re.findall(r"`(tests/\w+\.py)?(?:::)?(test_\w+)?`", text)
    assert len(named) > 30
    for file, name in named:
        if file:
            assert (ROOT / file).is_file(), file
        if file and name:
            assert name in defined(ROOT / file), f"{file}::{name}"
        elif name:
            assert name in everywhere, name

"""Committed bindings must equal what the generator produces now (go-ethereum's stale check)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regenerate

EXPECTED = regenerate.expected()


@pytest.mark.parametrize(
    "path", sorted(EXPECTED), ids=lambda path: str(path.relative_to(regenerate.BINDINGS))
)
def test_golden_binding_is_current(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == EXPECTED[path], f"{path} is stale: run `make golden`"


def test_no_stray_files_in_the_golden_package() -> None:
    for package in regenerate.PACKAGES:
        on_disk = set((regenerate.BINDINGS / package).glob("*.py"))
        assert on_disk == {p for p in EXPECTED if p.parent.name == package}


def test_the_package_binds_every_compiled_contract() -> None:
    compiled = {p.stem for p in regenerate.BUILD.glob("*.json")}
    package = regenerate.BINDINGS / "fixtures"
    exported = (package / "__init__.py").read_text()
    assert all(f"import {name} as {name}\n" in exported for name in compiled), compiled

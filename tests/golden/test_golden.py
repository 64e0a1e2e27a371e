"""Committed bindings must equal what the generator produces now (go-ethereum's stale check)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regenerate

EXPECTED = regenerate.expected()


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=lambda path: path.stem)
def test_golden_binding_is_current(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == EXPECTED[path], f"{path} is stale: run `make golden`"


def test_golden_cases_cover_every_compiled_contract() -> None:
    compiled = {p.stem for p in regenerate.BUILD.glob("*.abi")}
    assert compiled == {Path(r.abi_path).stem for r in regenerate.CASES.values()}

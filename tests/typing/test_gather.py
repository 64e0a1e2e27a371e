"""abigen/runtime/gather.py is generated: it must be what its generator writes today."""

from __future__ import annotations

from regenerate_gather import TARGET, render  # tests/typing is on sys.path (rootdir conftest)


def test_the_batch_typing_protocols_are_current() -> None:
    assert TARGET.read_text() == render(), "run: .venv/bin/python tests/typing/regenerate_gather.py"

"""Corpus fixtures: the trees generated and type-checked once per session, only those the
session's tests select (node fixtures: tests/conftest.py)."""

from __future__ import annotations

import pytest
from corpus_artifacts import TREES, abi_files
from corpus_runs import Corpus, PerFile, generate_each


def _selected_trees(session: pytest.Session) -> list[str]:
    """Trees named by a collected test's `tree` parameter, in TREES order."""
    named = {
        callspec.params["tree"]
        for item in session.items
        if (callspec := getattr(item, "callspec", None)) is not None and "tree" in callspec.params
    }
    return [tree for tree in TREES if tree in named]


@pytest.fixture(scope="session")
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("corpus"), _selected_trees(request.session))


@pytest.fixture(scope="session")
def per_file() -> dict[str, PerFile]:
    """Tree -> every ABI-bearing file in it generated on its own; filled as tests ask."""
    return _PerFileCache()


class _PerFileCache(dict[str, PerFile]):
    def __missing__(self, tree: str) -> PerFile:
        if not TREES[tree].root.is_dir():
            pytest.fail(f"corpus tree {TREES[tree].root} is missing: run `make install`")
        result = self[tree] = generate_each(abi_files(TREES[tree].root))
        return result

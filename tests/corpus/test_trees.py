"""Package mode over each whole published tree, as users run it: `abigen --abi <package root>
--pkg NAME --out DIR`, no flags. It must exit 0 with nothing on stderr (non-ABI JSON skipped
silently), every generated module must import, and the output must pass mypy --strict,
pyright --strict and the project's ruff rules.

One tree: `pytest tests/corpus/test_trees.py -k optimism-bedrock` (generates and type-checks
only the trees the session selects).
"""

from __future__ import annotations

import json

import pytest
from corpus_artifacts import TREES, abi_entries, abi_files, read_json
from corpus_runs import Corpus, import_all, ruff_findings

tree_ids = pytest.mark.parametrize("tree", list(TREES))


@tree_ids
def test_tree_generates_with_no_flags(corpus: Corpus, tree: str) -> None:
    run = corpus.run(tree)
    print(f"{tree}: generated in {corpus.seconds[tree]:.1f} s")
    invalid = TREES[tree].invalid
    if not invalid:
        assert (run.returncode, run.stderr) == (0, "")
        return
    # Invalid ABIs are refused one line each, naming the file and entry; the rest generates.
    refused = run.stderr.splitlines()
    assert run.returncode == 1
    assert [line.split(": ")[2] for line in refused] == [
        str(TREES[tree].root / path) for path in invalid
    ]
    assert all(": entry " in line for line in refused), refused


def distinct_abis(tree: str) -> int:
    """Contracts with distinct non-empty ABIs: each needs a class of its own, so this bounds
    from below what a run that drops nothing must generate."""
    abis = {
        # Entry order aside: two compilations of one source may list entries differently.
        tuple(
            sorted(
                json.dumps(e, sort_keys=True) for e in (json.loads(a) if isinstance(a, str) else a)
            )
        )
        for path in abi_files(TREES[tree].root)
        for _, a in abi_entries(read_json(path))
    }
    return len(abis - {()})


@tree_ids
def test_tree_modules_import(corpus: Corpus, tree: str) -> None:
    package = corpus.package(tree)
    assert (package / "__init__.py").is_file(), f"nothing generated: {corpus.run(tree).stderr}"
    imported = import_all(corpus.out, TREES[tree].pkg)
    print(f"{tree}: {imported.classes} contract classes imported in {imported.seconds:.1f} s")
    assert imported.failures == []
    assert imported.exported == imported.classes  # __init__ re-exports every contract class
    assert imported.classes >= distinct_abis(tree)


@pytest.mark.slow
@tree_ids
def test_tree_mypy_strict(corpus: Corpus, tree: str) -> None:
    assert (corpus.package(tree) / "__init__.py").is_file(), "nothing generated"
    checks = corpus.type_checks()
    print(f"mypy over the session's trees: {checks.seconds['mypy']:.0f} s")
    assert checks.broken is None
    assert checks.mypy_errors[TREES[tree].pkg] == []


@pytest.mark.slow
@tree_ids
def test_tree_pyright_strict(corpus: Corpus, tree: str) -> None:
    assert (corpus.package(tree) / "__init__.py").is_file(), "nothing generated"
    checks = corpus.type_checks()
    print(f"pyright over the session's trees: {checks.seconds['pyright']:.0f} s")
    assert checks.broken is None
    assert checks.pyright_errors[TREES[tree].pkg] == []


@tree_ids
def test_tree_ruff(corpus: Corpus, tree: str) -> None:
    assert (corpus.package(tree) / "__init__.py").is_file(), "nothing generated"
    assert ruff_findings(corpus.out, TREES[tree].pkg) == []

"""Every ABI-bearing JSON file in the corpus generated on its own, as `abigen --abi FILE
--pkg x` would (a module, or a package for a file holding several contracts), with no flags.
Published ABIs are valid: at least 99.5% must generate, and the rest must be invalid ABIs
refused in one line naming the file and the entry, never a crash or an "unknown format".

Faithful and cheap: the real pipeline (abigen.generate.run) per file in this process, with
the output of all files formatted (so parsed) in one abigen.output.finish call at the end.
One tree: `pytest tests/corpus/test_per_file.py -k chainlink`.
"""

from __future__ import annotations

import pytest
from corpus_artifacts import TREES
from corpus_runs import FileResult, PerFile

MIN_RATIO = 0.995


def describe(result: FileResult) -> str:
    return f"{result.path}: {result.internal or ' | '.join(result.errors)}"


@pytest.mark.parametrize("tree", list(TREES))
def test_each_file_generates_on_its_own(per_file: dict[str, PerFile], tree: str) -> None:
    run = per_file[tree]
    total = len(run.results)
    print(
        f"{tree}: {run.generated}/{total} files generated ({run.modules} modules) in "
        f"{run.seconds['generate']:.1f} s + {run.seconds['format']:.1f} s formatting"
    )
    for result in run.results:
        if not result.generated:
            print(f"  FAILED {describe(result)}")
    assert total > 0
    assert [describe(r) for r in run.results if not r.well_refused] == []
    assert run.unformatted == []


def test_per_file_success_ratio(per_file: dict[str, PerFile]) -> None:
    results = [r for tree in TREES for r in per_file[tree].results]
    generated = sum(r.generated for r in results)
    print(f"per-file generation: {generated}/{len(results)} = {generated / len(results):.2%}")
    assert generated / len(results) >= MIN_RATIO, [describe(r) for r in results if not r.generated]

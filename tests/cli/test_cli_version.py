"""`abigen --version`: the installed package's version, as fast as `--help` (no web3, no
generator, no importlib.metadata, whose imports alone cost more than the rest)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from typer.testing import CliRunner

from abigen.cli import app

ABIGEN = Path(sys.executable).with_name("abigen")

LIGHT = """
import sys
from abigen.cli import main
sys.argv = ["abigen", "--version"]
try:
    main()
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
heavy = ("web3", "jinja2", "abigen.generate", "abigen.runtime", "importlib.metadata")
loaded = sorted(m for m in sys.modules if m.startswith(heavy))
assert not loaded, loaded
"""


def test_version_prints_the_metadata_version(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(ABIGEN), "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"abigen {version('abigen')}\n",
        "",
    )


def test_version_wins_over_other_options() -> None:
    # Eager, like --help: printed even beside a generation request, which is not run.
    result = CliRunner().invoke(app, ["--pkg", "x", "--abi", "missing.json", "--version"])
    assert (result.exit_code, result.stdout) == (0, f"abigen {version('abigen')}\n")


def test_version_loads_nothing_heavy(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LIGHT],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"abigen {version('abigen')}\n"


def test_help_lists_version() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "--version" in result.stdout

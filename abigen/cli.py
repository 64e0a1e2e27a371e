"""The `abigen` command: generate typed Python bindings from ABIs (go-ethereum's flags)."""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path
from typing import Annotated

import typer

from abigen.client.cli import fail, register

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _parse_aliases(values: list[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for value in values:
        original, sep, new = value.partition("=")
        if not sep or not original or not new.isidentifier():
            fail(f"--alias {value!r}: expected ORIGINAL=NEW with NEW a valid identifier", 2)
        aliases[original] = new
    return aliases


def _print_version(value: bool) -> None:
    if value:
        from abigen.version import installed_version

        typer.echo(f"abigen {installed_version()}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def generate(
    ctx: typer.Context,
    abi: Annotated[
        list[str] | None,
        typer.Option(
            "--abi",
            metavar="PATH",
            help="ABI input: a bare ABI, a Hardhat/Foundry/Truffle/Waffle artifact, Vyper or solc "
            "output; a file, folder (searched recursively) or glob; - for stdin. Repeatable.",
        ),
    ] = None,
    pkg: Annotated[
        str, typer.Option("--pkg", metavar="NAME", help="Name of the generated module or package")
    ] = "",
    type_: Annotated[
        str | None,
        typer.Option(
            "--type", metavar="NAME", help="Class name for a single contract (default: from --pkg)"
        ),
    ] = None,
    bin_: Annotated[
        str | None,
        typer.Option("--bin", metavar="FILE", help="Creation bytecode (hex) file: adds deploy()"),
    ] = None,
    combined_json: Annotated[
        str | None,
        typer.Option(
            "--combined-json",
            metavar="FILE",
            help="solc --combined-json or standard-JSON output; - for stdin",
        ),
    ] = None,
    exc: Annotated[
        list[str] | None,
        typer.Option(
            "--exc",
            metavar="PATTERNS",
            help="Skip contracts: PATH:TYPE, *:TYPE or PATH:* (comma-separated, repeatable)",
        ),
    ] = None,
    out_arg: Annotated[
        str | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="Output file (one contract) or folder receiving the package (several); a "
            "trailing / always means a folder",
        ),
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option(
            "--alias", metavar="OLD=NEW", help="Rename an ABI member: ORIGINAL=NEW (repeatable)"
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 naming the files that would change"),
    ] = False,
    _version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit"
        ),
    ] = False,
) -> None:
    """Generate typed Python bindings for contracts from their ABIs (go-ethereum's flags).

    The commands below work on a deployed contract straight from its ABI instead.
    """
    if ctx.invoked_subcommand is not None:
        return
    from abigen.generate import GenerationError, Request, run
    from abigen.output import OutputError
    from abigen.writing import check_outputs, write_outputs

    if not pkg:
        fail("Missing option '--pkg'.", 2)
    # As Python normalises identifiers (and so import names): `ﬁle` is the module `file`.
    pkg = unicodedata.normalize("NFKC", pkg)
    if not abi and combined_json is None:
        fail("Missing option '--abi' (or --combined-json).", 2)
    exclude = [pattern for value in exc or [] for pattern in value.split(",") if pattern]
    out = Path(out_arg) if out_arg else None
    # "--out DIR receives a package": an existing folder, or any path written as a folder.
    as_folder = out_arg is not None and (out_arg.endswith(("/", os.sep)) or Path(out_arg).is_dir())
    request = Request(
        abi or [],
        pkg,
        type_,
        bin_,
        _parse_aliases(alias or []),
        combined_json,
        exclude,
        as_package=as_folder,
    )
    try:
        result = run(request)
        for error in result.errors:
            typer.echo(f"abigen: error: {error}", err=True)
        if result.module is not None and out is None and not check:
            sys.stdout.write(result.module)
            return
        if out is None:
            fail(
                "--check needs --out"
                if check
                else "several contracts: use --out DIR to write a package",
                2,
            )
        if check:
            stale = check_outputs(result, out, pkg)
            if len(stale) == 1:
                fail(f"{stale[0]} is stale: regenerate it", 1)
            if stale:
                fail(f"{', '.join(str(p) for p in stale)} are stale: regenerate them", 1)
        else:
            write_outputs(result, out, pkg, create_folder=as_folder)
    except (GenerationError, OutputError) as exc_:
        fail(str(exc_))
    if result.errors:
        raise typer.Exit(1)


register(app)  # the client commands, beside generation


def main() -> None:
    app()

"""The `abigen` command: generate a typed binding module from an ABI (go-ethereum's flags)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    add_completion=True, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False
)


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"abigen: error: {message}", err=True)
    raise typer.Exit(code)


def _parse_aliases(values: list[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for value in values:
        original, sep, new = value.partition("=")
        if not sep or not original or not new.isidentifier():
            fail(f"--alias {value!r}: expected ORIGINAL=NEW with NEW a valid identifier", 2)
        aliases[original] = new
    return aliases


@app.command()
def generate(
    abi: Annotated[
        str,
        typer.Option(
            "--abi", help="ABI JSON file (a bare ABI or an artifact with 'abi'); - for stdin"
        ),
    ],
    pkg: Annotated[str, typer.Option("--pkg", help="Name of the generated module")],
    type_: Annotated[
        str | None, typer.Option("--type", help="Name of the generated class (default: from --pkg)")
    ] = None,
    bin_: Annotated[
        str | None, typer.Option("--bin", help="Creation bytecode (hex) file: adds deploy()")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout)")] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", help="Rename an ABI member: ORIGINAL=NEW (repeatable)"),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 if --out differs from what would be generated"
        ),
    ] = False,
) -> None:
    """Generate a typed Python binding for a contract from its ABI."""
    from abigen.generate import GenerationError, Request, generate
    from abigen.output import OutputError, is_stale, write_atomically

    request = Request(abi, pkg, type_, bin_, _parse_aliases(alias or []))
    try:
        text = generate(request)
        if check:
            if out is None:
                fail("--check needs --out", 2)
            if is_stale(out, text):
                fail(f"{out} is stale: regenerate it", 1)
            return
        if out is None:
            sys.stdout.write(text)
            return
        write_atomically({out: text})
    except (GenerationError, OutputError) as exc:
        fail(str(exc))


def main() -> None:
    app()

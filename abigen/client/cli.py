"""The client subcommands of `abigen`: call, send, deploy, send-value, logs, tx, receipt, decode,
inspect.

Thin: options in, one `abigen.client.commands` function, text or JSON out. Nothing here
imports web3; connecting to a node does, and only the commands that talk to one do.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer._click.core import Context
from typer._click.globals import get_current_context
from typer.core import TyperCommand

if TYPE_CHECKING:
    from abigen.client.commands import Outcome
    from abigen.client.contract import LoadedContract
    from abigen.runtime.node import Node

AbiOption = Annotated[
    str,
    typer.Option(
        "--abi",
        metavar="PATH",
        help="The contract's ABI: any input `abigen --abi` takes (bare ABI, artifact, solc/Vyper output)",
    ),
]
ContractOption = Annotated[
    str | None,
    typer.Option(
        "--contract", metavar="NAME", help="Which contract, when the ABI input holds several"
    ),
]
AddressOption = Annotated[
    str, typer.Option("--address", metavar="ADDR", help="The deployed contract")
]
RpcOption = Annotated[
    str | None,
    typer.Option(
        "--rpc",
        metavar="URL|PATH",
        envvar="ABIGEN_RPC",
        help="Node: http(s):// or ws(s):// URL or IPC socket path [env ABIGEN_RPC; default http://127.0.0.1:8545]",
    ),
]
ChainIdOption = Annotated[
    int | None, typer.Option("--chain-id", help="Refuse to go on if the node reports another chain")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Exact JSON output")]
FromOption = Annotated[
    str | None, typer.Option("--from", metavar="ADDR", help="Sender: an account the node manages")
]
KeyEnvOption = Annotated[
    str | None,
    typer.Option(
        "--private-key-env",
        metavar="VAR",
        help="Sender: a private key read from this environment variable",
    ),
]
KeystoreOption = Annotated[
    Path | None,
    typer.Option("--keystore", metavar="FILE", help="Sender: an encrypted keystore file"),
]
PasswordEnvOption = Annotated[
    str | None,
    typer.Option(
        "--password-env",
        metavar="VAR",
        help="Keystore password from this environment variable (else a prompt)",
    ),
]
ValueOption = Annotated[
    str | None,
    typer.Option("--value", metavar="AMOUNT", help="Wei to send: 1000, 0x3e8, 1.5ether, 20gwei"),
]
GasOption = Annotated[
    str | None, typer.Option("--gas", metavar="N", help="Gas limit (default: estimated)")
]
GasPriceOption = Annotated[
    str | None, typer.Option("--gas-price", metavar="AMOUNT", help="Legacy gas price, e.g. 20gwei")
]
MaxFeeOption = Annotated[
    str | None, typer.Option("--max-fee", metavar="AMOUNT", help="EIP-1559 max fee per gas")
]
PriorityFeeOption = Annotated[
    str | None,
    typer.Option("--max-priority-fee", metavar="AMOUNT", help="EIP-1559 priority fee per gas"),
]
NonceOption = Annotated[
    int | None, typer.Option("--nonce", help="Nonce (default: the account's next)")
]
TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", metavar="SECONDS", min=0, help="How long to wait for the receipt"),
]
ConfirmationsOption = Annotated[
    int,
    typer.Option(
        "--confirmations", metavar="N", min=1, help="Blocks that must include the receipt"
    ),
]
WaitOption = Annotated[bool, typer.Option("--wait/--no-wait", help="Wait for the receipt")]
ArgsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[ARGS]...", help="Arguments, parsed by their ABI types"),
]


# `setPositive -3`: a negative number is an argument. Click would take it for an option, so
# unknown options reach the arguments, and _arguments() turns a real unknown --option back
# into a usage error.
_ARGUMENTS_MAY_START_WITH_DASH = {"ignore_unknown_options": True}


def _arguments(args: list[str] | None) -> list[str]:
    given = list(args or [])
    for arg in given[: max(0, len(given) - _after_separator())]:
        _not_an_option(arg)
    return given


class _Command(TyperCommand):
    """Remembers which words followed `--` (click drops the `--` itself): they are verbatim."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.meta[_VERBATIM] = args[args.index("--") + 1 :] if "--" in args else []
        return super().parse_args(ctx, args)


_VERBATIM = "abigen.verbatim"


def _verbatim() -> list[str]:
    words: list[str] = get_current_context().meta.get(_VERBATIM, [])
    return words


def _after_separator() -> int:
    return len(_verbatim())


def _not_an_option(text: str) -> str:
    """Only a negative number may start with a dash; anything else is an unknown option,
    named without its value (`--private-key=...` must never echo the key)."""
    verbatim = text in _verbatim()
    if text.startswith("-") and not text[1:2].isdigit() and text[1:2] != "." and not verbatim:
        fail(f"No such option: {text.split('=', 1)[0]}", 2)
    return text


def fail(message: str, code: int = 1) -> NoReturn:
    from abigen.runtime.errors import clean

    # One line, whatever text it quotes (names from an ABI, a node's words, revert strings).
    typer.echo(f"abigen: error: {clean(message, 2000)}", err=True)
    raise typer.Exit(code)


def _run(action: Callable[[], Outcome | None], as_json: bool) -> None:
    """Run a command: print its outcome (None: it printed as it went), or fail in one line."""
    from abigen.client.errors import ClientError
    from abigen.runtime.errors import AbigenError

    try:
        outcome = action()
    except ClientError as exc:
        fail(str(exc), exc.code)
    except AbigenError as exc:  # the runtime's errors are one line already
        fail(str(exc) or type(exc).__name__)
    except RecursionError:
        fail("input nested too deeply")
    except MemoryError:
        fail("out of memory")
    except Exception as exc:  # never a traceback: a bug shows as one line too
        fail(f"unexpected {type(exc).__name__}: {exc}")
    if outcome is None:
        return
    if as_json:
        typer.echo(json.dumps(outcome.data, indent=2))
    else:
        typer.echo(outcome.text)


def _load(abi: str, contract: str | None) -> LoadedContract:
    from abigen.client.contract import load_contract

    return load_contract(abi, contract)


def _node(rpc: str | None, chain_id: int | None) -> Node:
    from abigen.client.connection import open_node

    return open_node(rpc, chain_id)


def _progress(done: int, total: int) -> None:
    # Long scans only, and only on a terminal: pipes and CI logs stay clean.
    sys.stderr.write(f"\rscanned {done}/{total} blocks")
    sys.stderr.flush()
    if done >= total:
        sys.stderr.write("\n")


HashArgument = Annotated[str, typer.Argument(metavar="HASH", help="The transaction hash")]
OptionalAbiOption = Annotated[
    str | None,
    typer.Option(
        "--abi", metavar="PATH", help="An ABI to decode with (any input `abigen --abi` takes)"
    ),
]


def _optional_contract(abi: str | None, contract: str | None) -> LoadedContract | None:
    """--abi's contract when given (tx and receipt decode with it), else None."""
    from abigen.client.errors import usage

    if abi is None:
        if contract is not None:
            raise usage("--contract names a contract of --abi: give --abi too")
        return None
    return _load(abi, contract)


def _lookup(app: typer.Typer, name: str, function: str, doc: str) -> None:
    """A command that reads one thing by transaction hash: `tx` and `receipt`, which differ
    only in the `abigen.client.commands` function they run."""

    def command(
        tx_hash: HashArgument,
        abi: OptionalAbiOption = None,
        contract: ContractOption = None,
        rpc: RpcOption = None,
        chain_id: ChainIdOption = None,
        as_json: JsonOption = False,
    ) -> None:
        from abigen.client import commands

        def action() -> Outcome:
            lookup: Callable[[Node, str, LoadedContract | None], Outcome]
            lookup = getattr(commands, function)
            return lookup(_node(rpc, chain_id), tx_hash, _optional_contract(abi, contract))

        _run(action, as_json)

    command.__doc__ = doc
    app.command(name)(command)


def register(app: typer.Typer) -> None:
    @app.command("call", cls=_Command, context_settings=_ARGUMENTS_MAY_START_WITH_DASH)
    def call_command(
        function: Annotated[
            str,
            typer.Argument(
                metavar="FUNCTION", help="Function name, or full signature if overloaded"
            ),
        ],
        args: ArgsArgument = None,
        abi: AbiOption = "",
        address: AddressOption = "",
        contract: ContractOption = None,
        block: Annotated[
            str, typer.Option("--block", help="Block number, hash or tag (latest, pending...)")
        ] = "latest",
        sender: FromOption = None,
        rpc: RpcOption = None,
        chain_id: ChainIdOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Call a function with eth_call and print its decoded result. Sends nothing."""
        from abigen.client import commands

        _required(abi=abi, address=address)
        _not_an_option(function)
        _arguments(args)

        def action() -> Outcome:
            loaded = _load(abi, contract)
            return commands.call(
                loaded,
                _node(rpc, chain_id),
                address,
                _not_an_option(function),
                _arguments(args),
                block,
                sender,
            )

        _run(action, as_json)

    @app.command("send", cls=_Command, context_settings=_ARGUMENTS_MAY_START_WITH_DASH)
    def send_command(
        function: Annotated[
            str,
            typer.Argument(
                metavar="FUNCTION", help="Function name, or full signature if overloaded"
            ),
        ],
        args: ArgsArgument = None,
        abi: AbiOption = "",
        address: AddressOption = "",
        contract: ContractOption = None,
        sender: FromOption = None,
        private_key_env: KeyEnvOption = None,
        keystore: KeystoreOption = None,
        password_env: PasswordEnvOption = None,
        value: ValueOption = None,
        gas: GasOption = None,
        gas_price: GasPriceOption = None,
        max_fee: MaxFeeOption = None,
        max_priority_fee: PriorityFeeOption = None,
        nonce: NonceOption = None,
        wait: WaitOption = True,
        timeout: TimeoutOption = 120.0,
        confirmations: ConfirmationsOption = 1,
        rpc: RpcOption = None,
        chain_id: ChainIdOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Send a transaction calling a function; print status, gas used and decoded events."""
        from abigen.client import commands
        from abigen.client.connection import SenderOptions, sending_account

        _required(abi=abi, address=address)
        _not_an_option(function)
        _arguments(args)

        def action() -> Outcome:
            loaded = _load(abi, contract)
            fees = commands.Fees(value, gas, gas_price, max_fee, max_priority_fee, nonce)
            fees.options()  # checked before any key is loaded
            who = sending_account(SenderOptions(sender, private_key_env, keystore, password_env))
            node = _node(rpc, chain_id)
            waiting = commands.Waiting(wait, timeout, confirmations)
            function_ref = _not_an_option(function)
            return commands.send(
                loaded, node, address, function_ref, _arguments(args), who, fees, waiting
            )

        _run(action, as_json)

    @app.command("deploy", cls=_Command, context_settings=_ARGUMENTS_MAY_START_WITH_DASH)
    def deploy_command(
        args: Annotated[
            list[str] | None, typer.Argument(metavar="[CTOR_ARGS]...", help="Constructor arguments")
        ] = None,
        abi: AbiOption = "",
        bin_: Annotated[
            str | None,
            typer.Option("--bin", metavar="FILE", help="Creation bytecode (else the artifact's)"),
        ] = None,
        contract: ContractOption = None,
        library: Annotated[
            list[str] | None,
            typer.Option(
                "--library", metavar="NAME=ADDR", help="Address of a linked library (repeatable)"
            ),
        ] = None,
        sender: FromOption = None,
        private_key_env: KeyEnvOption = None,
        keystore: KeystoreOption = None,
        password_env: PasswordEnvOption = None,
        value: ValueOption = None,
        gas: GasOption = None,
        gas_price: GasPriceOption = None,
        max_fee: MaxFeeOption = None,
        max_priority_fee: PriorityFeeOption = None,
        nonce: NonceOption = None,
        timeout: TimeoutOption = 120.0,
        confirmations: ConfirmationsOption = 1,
        rpc: RpcOption = None,
        chain_id: ChainIdOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Deploy the contract and print its new address."""
        from abigen.client import commands
        from abigen.client.connection import SenderOptions, sending_account
        from abigen.client.errors import usage
        from abigen.sources import SourceError, load_bytecode

        _required(abi=abi)
        _arguments(args)

        def action() -> Outcome:
            loaded = _load(abi, contract)
            try:
                code = load_bytecode(bin_) if bin_ else None
            except SourceError as exc:
                raise usage(str(exc)) from None
            libraries: dict[str, str] = {}
            for item in library or []:
                name, sep, address = item.partition("=")
                if not sep:
                    raise usage(f"--library {item!r}: expected NAME=ADDRESS")
                libraries[name] = address
            fees = commands.Fees(value, gas, gas_price, max_fee, max_priority_fee, nonce)
            fees.options()  # checked before any key is loaded
            who = sending_account(SenderOptions(sender, private_key_env, keystore, password_env))
            node = _node(rpc, chain_id)
            waiting = commands.Waiting(True, timeout, confirmations)
            return commands.deploy(
                loaded, node, code, _arguments(args), who, fees, libraries, waiting
            )

        _run(action, as_json)

    @app.command("send-value")
    def send_value_command(
        to: Annotated[str, typer.Argument(metavar="TO", help="The recipient's address")],
        amount: Annotated[
            str, typer.Argument(metavar="AMOUNT", help="Wei to send: 1000, 0x3e8, 1.5ether, 20gwei")
        ],
        sender: FromOption = None,
        private_key_env: KeyEnvOption = None,
        keystore: KeystoreOption = None,
        password_env: PasswordEnvOption = None,
        gas: GasOption = None,
        gas_price: GasPriceOption = None,
        max_fee: MaxFeeOption = None,
        max_priority_fee: PriorityFeeOption = None,
        nonce: NonceOption = None,
        wait: WaitOption = True,
        timeout: TimeoutOption = 120.0,
        confirmations: ConfirmationsOption = 1,
        rpc: RpcOption = None,
        chain_id: ChainIdOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Send AMOUNT wei (no data) to TO; print status and gas used."""
        from abigen.client import commands
        from abigen.client.connection import SenderOptions, sending_account

        def action() -> Outcome:
            fees = commands.Fees(None, gas, gas_price, max_fee, max_priority_fee, nonce)
            fees.options()  # checked before any key is loaded
            who = sending_account(SenderOptions(sender, private_key_env, keystore, password_env))
            waiting = commands.Waiting(wait, timeout, confirmations)
            return commands.send_value(_node(rpc, chain_id), to, amount, who, fees, waiting)

        _run(action, as_json)

    @app.command("logs")
    def logs_command(
        event: Annotated[
            str | None, typer.Argument(help="Event name or full signature (default: every event)")
        ] = None,
        abi: AbiOption = "",
        address: AddressOption = "",
        contract: ContractOption = None,
        from_block: Annotated[
            str, typer.Option("--from-block", metavar="N", help="First block (number or tag)")
        ] = "",
        to_block: Annotated[
            str, typer.Option("--to-block", metavar="M", help="Last block (number or tag)")
        ] = "latest",
        where: Annotated[
            list[str] | None,
            typer.Option(
                "--where",
                metavar="ARG=VALUE",
                help="Filter on an indexed argument (repeat: any of)",
            ),
        ] = None,
        follow: Annotated[
            bool,
            typer.Option(
                "--follow",
                help="Then follow new events as blocks arrive, one line each, until Ctrl-C "
                "(without --from-block: new events only); a reorg shows a replaced event "
                "again, marked removed",
            ),
        ] = False,
        confirmations: Annotated[
            int,
            typer.Option(
                "--confirmations", metavar="N", min=0, help="--follow: wait for N blocks on top"
            ),
        ] = 0,
        poll_interval: Annotated[
            float | None,
            typer.Option(
                "--poll-interval", metavar="S", min=0.001, help="--follow: seconds between polls"
            ),
        ] = None,
        rpc: RpcOption = None,
        chain_id: ChainIdOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Decoded events of a contract over a block range, fetched in chunks. Sends nothing."""
        from abigen.client import commands

        if follow:
            if to_block != "latest":
                fail("--to-block and --follow exclude each other", 2)
            _required(abi=abi, address=address)
            show = commands.followed_json if as_json else commands.followed_text

            def following() -> None:
                loaded = _load(abi, contract)
                node = _node(rpc, chain_id)
                commands.follow_logs(
                    loaded,
                    node,
                    address,
                    event,
                    from_block or None,
                    where or [],
                    confirmations,
                    poll_interval,
                    lambda found: typer.echo(show(found)),
                )

            _run(following, as_json)
            return
        _required(abi=abi, address=address, from_block=from_block)
        progress = _progress if sys.stderr.isatty() else None

        def action() -> Outcome:
            loaded = _load(abi, contract)
            node = _node(rpc, chain_id)
            return commands.logs(
                loaded, node, address, event, from_block, to_block, where or [], progress
            )

        _run(action, as_json)

    _lookup(
        app,
        "tx",
        "transaction_lookup",
        """A transaction by hash: sender, recipient, nonce, value, gas and fees, its block (or
        pending) and, with --abi, the function call it makes. Sends nothing.""",
    )
    _lookup(
        app,
        "receipt",
        "receipt_lookup",
        """A mined transaction's receipt: status, block, gas used, created contract, and its
        logs, decoded where --abi has the event (whichever contract emitted it). Sends nothing.""",
    )

    @app.command("decode")
    def decode_command(
        kind: Annotated[
            str,
            typer.Argument(
                metavar="KIND",
                help="calldata HEX | output FUNCTION HEX | revert HEX | log TOPIC... DATA",
            ),
        ],
        values: Annotated[list[str], typer.Argument(metavar="VALUES...")],
        abi: AbiOption = "",
        contract: ContractOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Decode calldata, return data, revert data or a log, offline."""
        from abigen.client import commands

        _required(abi=abi)
        _run(lambda: commands.decode(_load(abi, contract), kind, values), as_json)

    @app.command("inspect")
    def inspect_command(
        abi: AbiOption = "",
        contract: ContractOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Functions, events and errors with their signatures, selectors and topics, offline."""
        from abigen.client import commands

        _required(abi=abi)
        _run(lambda: commands.inspect(_load(abi, contract)), as_json)


def _required(**options: str) -> None:
    for name, value in options.items():
        if not value:
            fail(f"Missing option '--{name.replace('_', '-')}'.", 2)

"""Which node to talk to, and who sends: resolved from options and environment variables.

A private key is never taken as a command-line value (it would sit in shell history and in
`ps`): only from an environment variable named by --private-key-env, or from an encrypted
keystore file.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from abigen.client.errors import ClientError, usage
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.codec import EncodingError
from abigen.runtime.errors import NodeError, clean, excerpt
from abigen.runtime.node import Node, connect

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount

    from abigen.runtime import Sender

DEFAULT_RPC = "http://127.0.0.1:8545"
RPC_ENV = "ABIGEN_RPC"


def open_node(rpc: str | None, chain_id: int | None) -> Node:
    """Connect (web3 is imported here, not before), pinned to --chain-id when given: the chain
    is checked before anything else goes out."""
    target = rpc or os.environ.get(RPC_ENV) or DEFAULT_RPC
    if chain_id is not None and chain_id <= 0:
        raise usage(f"--chain-id must be a positive integer, got {chain_id}")
    try:
        node = connect(target, chain_id=chain_id)
    except (TypeError, ValueError) as exc:
        raise usage(f"--rpc {target!r:.100}: {exc}") from None
    except NodeError as exc:
        raise ClientError(str(exc)) from None
    if chain_id is not None:
        try:
            node.chain_id  # noqa: B018 (checks the pin now, before anything is sent)
        except NodeError as exc:
            raise ClientError(f"{exc} (--chain-id): nothing was sent") from None
    return node


def warn_unpinned(node: Node) -> None:
    """Once a transaction went out without --chain-id: say so, on one line of stderr."""
    if node.expected_chain_id is None:
        print(
            f"abigen: warning: no --chain-id: sent on whatever chain the node at "
            f"{node.endpoint} is on",
            file=sys.stderr,
        )


@dataclass(frozen=True)
class SenderOptions:
    address: str | None = None  # --from: an account the node manages
    private_key_env: str | None = None
    keystore: Path | None = None
    password_env: str | None = None


def resolve_sender(options: SenderOptions, *, required: bool) -> Sender | None:
    chosen = [
        o for o in (options.address, options.private_key_env, options.keystore) if o is not None
    ]
    if len(chosen) > 1:
        raise usage("choose one sender: --from, --private-key-env or --keystore")
    if options.address is not None:
        try:
            return to_checksum_address(parse_address(options.address))
        except EncodingError as exc:
            raise usage(f"--from: {exc}") from None
    if options.private_key_env is not None:
        return _key_from_env(options.private_key_env)
    if options.keystore is not None:
        return _key_from_keystore(options.keystore, options.password_env)
    if required:
        raise usage(
            "this command sends a transaction: give --from ADDRESS, --private-key-env VAR or --keystore FILE"
        )
    return None


def sending_account(options: SenderOptions) -> Sender:
    """The sender of a transaction: one of the three ways must be given."""
    sender = resolve_sender(options, required=True)
    assert sender is not None  # required=True raises instead
    return sender


def _key_from_env(variable: str) -> Sender:
    secret = os.environ.get(variable)
    if not secret:
        raise usage(f"--private-key-env {variable}: the environment variable is not set")
    from eth_account import Account

    try:
        account: LocalAccount = Account.from_key(secret)
    except Exception:  # eth_account raises several types; never echo the key itself
        raise usage(f"--private-key-env {variable}: not a valid private key") from None
    return account


def _key_from_keystore(path: Path, password_env: str | None) -> Sender:
    try:
        keystore = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise usage(f"--keystore {path}: no such file") from None
    except (OSError, ValueError, RecursionError) as exc:
        raise usage(
            f"--keystore {path}: not a keystore JSON file ({clean(str(exc), 80)})"
        ) from None
    _check_keystore(path, keystore)
    password = _password(path, password_env)
    from eth_account import Account

    failure = "no key"
    try:
        account: LocalAccount = Account.from_key(Account.decrypt(keystore, password))
    except ValueError as exc:  # eth_account's words for a wrong password / MAC mismatch
        failure = clean(str(exc), 120)
    except Exception as exc:
        failure = f"malformed keystore ({type(exc).__name__})"
    else:
        return account
    # Raised here, not in the except clauses: the decryption frames are not chained.
    raise ClientError(f"--keystore {path}: cannot decrypt: {failure}")


_KDFS = ("scrypt", "pbkdf2")


def _check_keystore(path: Path, keystore: object) -> None:
    """A keystore's shape, checked before its password is asked for."""
    fields = cast("dict[str, object]", keystore) if isinstance(keystore, dict) else {}
    crypto = fields.get("crypto", fields.get("Crypto"))
    if not isinstance(crypto, dict):
        raise usage(f"--keystore {path}: not a keystore (a JSON object with a 'crypto' object)")
    crypto = cast("dict[str, object]", crypto)
    kdf = crypto.get("kdf")
    if kdf not in _KDFS:
        raise usage(f"--keystore {path}: unsupported key derivation {excerpt(kdf, 40)}")
    for key in ("cipher", "ciphertext", "kdfparams", "mac"):
        if key not in crypto:
            raise usage(f"--keystore {path}: not a keystore: crypto.{key} is missing")


def _password(path: Path, password_env: str | None) -> str:
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise usage(f"--password-env {password_env}: the environment variable is not set")
        return password
    if not sys.stdin.isatty():
        raise usage(
            f"--keystore {path}: no terminal to ask for its password: use --password-env VAR"
        )
    import getpass

    return getpass.getpass(f"Password for {path}: ")

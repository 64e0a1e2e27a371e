"""`make demo [NODE=geth]`: start anvil (or geth --dev), generate the Token binding with the
CLI, deploy and query it.

Over HTTP it deploys, transfers and shows a typed custom error; over IPC it binds to the
same address and reads balances and events back.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

from eth_account import Account

import abigen
from abigen.devnode import Anvil, DevNode, Geth

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "demo"


def generate_binding() -> None:
    package = OUT / "tokens"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    command = [
        str(Path(sys.executable).parent / "abigen"),
        "--abi", "contracts/build/Token.abi",
        "--bin", "contracts/build/Token.bin",
        "--pkg", "token",
        "--type", "Token",
        "--out", str(package / "token.py"),
    ]  # fmt: skip
    print("$ abigen", " ".join(command[1:]).replace(str(ROOT) + "/", ""))
    subprocess.run(command, cwd=ROOT, check=True)
    print(f"  wrote {(package / 'token.py').relative_to(ROOT)}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--node", choices=("anvil", "geth"), default="anvil")
    devnode: DevNode = Geth() if parser.parse_args().node == "geth" else Anvil()
    generate_binding()
    sys.path.insert(0, str(OUT))
    Token = importlib.import_module("tokens.token").Token

    with devnode as running:
        print(f"{running.name} is up: {running.http_url} and {running.ipc_path}\n")

        print("-- over HTTP --")
        node = abigen.connect(running.http_url)
        alice = node.accounts[0]
        # geth --dev has one account; bob only receives, so any address will do.
        bob = node.accounts[1] if len(node.accounts) > 1 else Account.create().address
        token = Token.deploy(node, "Gold", "GLD", 1_000, sender=alice)
        print(f"deployed Token at {token.address} on chain {node.chain_id}")
        print(f"name={token.name()!r} symbol={token.symbol()!r} supply={token.total_supply()}")
        receipt = token.transfer(bob, 10, sender=alice).wait()
        for event in receipt.events:
            print(f"block {receipt.block_number}: {event}")
        try:
            token.transfer(bob, 10**30, sender=alice)
        except Token.InsufficientBalance as err:
            print(f"transfer of 10**30 refused: available={err.available} needed={err.needed}")

        print("\n-- over IPC --")
        ipc_node = abigen.connect(running.ipc_path)
        same = Token(token.address, ipc_node)
        print(f"balance_of(alice)={same.balance_of(alice)} balance_of(bob)={same.balance_of(bob)}")
        transfers = same.events.Transfer.get_logs(from_block=0, to=bob)
        print(f"Transfer logs to bob: {[(e.from_, e.value) for e in transfers]}")
    print(f"\n{devnode.name} stopped. Demo done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

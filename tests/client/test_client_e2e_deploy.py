"""`abigen deploy` over HTTP and IPC: every kind of sender, units, --bin, libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from clientkit import (
    BUILD,
    ZERO,
    Batch,
    Cmd,
    Result,
    Target,
    artifact,
    create_address,
    event_json,
    invoke,
    receipt_json,
)
from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_utils import to_checksum_address

pytestmark = pytest.mark.e2e

TRANSFER = "Transfer(address,address,uint256)"


def _keystore(tmp_path: Path, key: LocalAccount, password: str) -> Path:
    # scrypt with n=2: a real keystore that decrypts in milliseconds.
    path = tmp_path / "keystore.json"
    path.write_text(json.dumps(Account.encrypt(key.key, password, kdf="scrypt", iterations=2)))
    return path


@dataclass(frozen=True)
class Deploys:
    runs: Batch
    env_key: LocalAccount
    store_key: LocalAccount
    keystore: Path
    libraries: list[Result]  # MathLib, StringLib, Chain: in-process, while the rest runs
    calc_unlinked: Result
    addresses: list[str]  # where MathLib, StringLib, Chain and Calculator must land
    refuser_nonce: int  # of the account whose deployments lack libraries


@pytest.fixture(scope="session")
def deploys(target: Target, tmp_path_factory: pytest.TempPathFactory) -> Deploys:
    """Every console-script run of this module over one target, at once."""
    env_key, store_key = Account.create(), Account.create()
    for key in (env_key, store_key):
        target.send(target.alice, key.address, b"", 100 * 10**18)  # gas money
    keystore = _keystore(tmp_path_factory.mktemp("deploy"), store_key, "pässwörd")
    store_deploy = [
        "deploy",
        "--abi",
        artifact("Token"),
        "--keystore",
        str(keystore),
        "T",
        "T",
        "1",
    ]
    runs = Batch(target)
    # stdin is not a terminal, so there is nobody to ask for the password
    runs.console("no_terminal", target.cmd(*store_deploy))
    runs.console("unset", target.cmd(*store_deploy, "--password-env", "ABIGEN_TEST_UNSET_PASSWORD"))
    runs.alternate(
        "senders",
        target.cmd(
            "deploy", "--abi", artifact("Token"), "--from", target.alice,
            "Gold Coin", "GLD", "1_000e18", "--json",  # exactly 10**21
        ),
        target.cmd(
            "deploy", "--abi", artifact("TypeZoo"), "--private-key-env", "ABIGEN_TEST_KEY",
            "--value", "1.5ether", "0x07", "zoo two", "--json",
            env={"ABIGEN_TEST_KEY": env_key.key.hex()},
        ),
        target.cmd(
            "deploy", "--abi", str(BUILD / "Token.abi"), "--bin", str(BUILD / "Token.bin"),
            "--keystore", str(keystore), "--password-env", "ABIGEN_TEST_PASSWORD",
            "Key Store", "KS", "5",
            env={"ABIGEN_TEST_PASSWORD": "pässwörd"},
        ),
    )  # fmt: skip

    # Libraries: one sender per contract, so every address is known before anything is sent.
    senders = target.accounts[3:7]
    refuser = target.accounts[8]
    addresses = [create_address(sender, target.nonce(sender)) for sender in senders]
    math_lib, string_lib, chain_lib, _ = addresses

    def deploy(sender: str, name: str, *args: str) -> Cmd:
        return target.cmd(
            "deploy", "--abi", artifact(name), *target.sender(sender), "--json", *args
        )

    refuser_nonce = target.nonce(refuser)
    runs.console("chain_unlinked", deploy(refuser, "Chain"))
    runs.console(
        "calculator",
        deploy(
            senders[3], "Calculator", "10",
            "--library", f"MathLib={math_lib.lower()}",
            "--library", f"contracts/Libraries.sol:Chain={chain_lib}",
            "--library", f"StringLib={string_lib}",
        ),
    )  # fmt: skip

    def run_here(command: Cmd) -> Result:
        return invoke(*command.args, env=command.env)

    libraries = [
        run_here(deploy(senders[0], "MathLib")),
        run_here(deploy(senders[1], "StringLib")),
        run_here(deploy(senders[2], "Chain", "--library", f"MathLib={math_lib}")),
    ]
    calc_unlinked = run_here(deploy(refuser, "Calculator", "1", "--library", f"MathLib={math_lib}"))
    return Deploys(
        runs.wait(),
        env_key,
        store_key,
        keystore,
        libraries,
        calc_unlinked,
        addresses,
        refuser_nonce,
    )


def test_every_sender_kind(target: Target, deploys: Deploys) -> None:
    """--from (node account), --private-key-env (local key) and --keystore (with --bin), each
    checked against the node's receipt and state."""
    by_account, by_env_key, by_keystore = deploys.runs.variants("senders")
    env_key, store_key, keystore = deploys.env_key, deploys.store_key, deploys.keystore

    # --from: the JSON is the receipt, exactly; the value is a JSON number with all its digits.
    data = by_account.json
    receipt = target.receipt(data["transactionHash"])
    transfer = {"from": ZERO, "to": target.alice, "value": 10**21}
    assert data == receipt_json(receipt, [event_json(receipt, 0, "Transfer", TRANSFER, transfer)])
    assert list(data) == [
        "address",
        "transactionHash",
        "blockNumber",
        "status",
        "gasUsed",
        "events",
    ]
    assert '"value": 1000000000000000000000\n' in by_account.out
    assert target.transaction(data["transactionHash"])["from"].lower() == target.alice.lower()
    assert target.eth_call(data["address"], "name()", ["string"]) == ("Gold Coin",)
    assert target.eth_call(data["address"], "totalSupply()", ["uint256"]) == (10**21,)

    # --private-key-env, payable constructor, --value with a unit.
    data = by_env_key.json
    receipt = target.receipt(data["transactionHash"])
    assert data == receipt_json(receipt, [])
    tx = target.transaction(data["transactionHash"])
    assert tx["from"].lower() == env_key.address.lower()
    assert int(tx["value"], 16) == 15 * 10**17
    assert target.node.get_balance(data["address"]) == 15 * 10**17
    assert target.eth_call(data["address"], "seed()", ["uint256"]) == (7,)
    assert target.eth_call(data["address"], "label()", ["string"]) == ("zoo two",)
    assert env_key.key.hex().removeprefix("0x") not in by_env_key.out + by_env_key.err

    # --keystore with --password-env, a bare ABI with --bin; readable output.
    assert (by_keystore.code, by_keystore.err) == (0, ""), by_keystore
    tx_hash = by_keystore.out.splitlines()[2].removeprefix("transaction: ")
    receipt = target.receipt(tx_hash)
    address = to_checksum_address(receipt["contractAddress"])
    assert by_keystore.out == (
        f"address: {address}\n"
        "status: success (1)\n"
        f"transaction: {tx_hash}\n"
        f"block: {int(receipt['blockNumber'], 16)}\n"
        f"gas used: {int(receipt['gasUsed'], 16)}\n"
        "events:\n"
        f"  Transfer(from={ZERO}, to={store_key.address}, value=5)\n"
    )
    assert target.transaction(tx_hash)["from"].lower() == store_key.address.lower()
    assert target.eth_call(address, "symbol()", ["string"]) == ("KS",)

    # The keystore failures sent nothing: the key's only transaction is the deployment above.
    assert deploys.runs["no_terminal"].error(2) == (
        f"--keystore {keystore}: no terminal to ask for its password: use --password-env VAR"
    )
    assert deploys.runs["unset"].error(2) == (
        "--password-env ABIGEN_TEST_UNSET_PASSWORD: the environment variable is not set"
    )
    assert target.nonce(store_key.address) == 1
    wrong = target.invoke(
        "deploy", "--abi", artifact("Token"), "--keystore", str(keystore), "T", "T", "1",
        "--password-env", "ABIGEN_TEST_PASSWORD", env={"ABIGEN_TEST_PASSWORD": "x"},
    )  # fmt: skip
    assert wrong.error(1) == f"--keystore {keystore}: cannot decrypt: MAC mismatch"
    assert target.nonce(store_key.address) == 1


def test_libraries_linked_by_name_and_qualified_name(target: Target, deploys: Deploys) -> None:
    """MathLib, StringLib and Chain (-> MathLib) deployed by the CLI, then Calculator linked to
    all three, by short and by path-qualified name; a missing library is named."""
    math_lib, string_lib, chain_lib, calculator = deploys.addresses
    assert deploys.runs["chain_unlinked"].error(2) == (
        "Chain links libraries: give --library NAME=ADDRESS for contracts/Libraries.sol:MathLib"
    )
    assert deploys.calc_unlinked.error(2) == (
        "Calculator links libraries: give --library NAME=ADDRESS for "
        "contracts/Libraries.sol:Chain, contracts/Libraries.sol:StringLib"
    )
    assert target.nonce(target.accounts[8]) == deploys.refuser_nonce  # nothing sent for those
    deployed = [r.json["address"] for r in [*deploys.libraries, deploys.runs["calculator"]]]
    assert deployed == deploys.addresses

    def code(address: str) -> str:
        return str(target.node.request("eth_getCode", [address, "latest"]))

    for library in (math_lib, chain_lib, string_lib):
        assert library[2:].lower() in code(calculator)
    assert math_lib[2:].lower() in code(chain_lib)
    # Calculator -> Chain -> MathLib, and -> StringLib: the links work.
    assert target.eth_call(calculator, "twice(uint256)", ["uint256"], 21) == (42,)
    assert target.eth_call(calculator, "shout(string)", ["string"], "hi there") == ("HI THERE!",)
    assert target.eth_call(calculator, "addBase(uint256)", ["uint256"], 5) == (15,)


def test_unknown_library_name_is_refused_before_anything_is_sent() -> None:
    abigen = Path(sys.executable).with_name("abigen")
    address = "0x" + "11" * 20
    result = subprocess.run(
        [str(abigen), "deploy", "--abi", str(BUILD / "Calculator.json"), "5", "--from", address,
         "--library", "MathLb=" + address, "--rpc", "http://127.0.0.1:9"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(
        "abigen: error: --library MathLb: Calculator links no such library"
    )
    assert "contracts/Libraries.sol:MathLib" in result.stderr and "Traceback" not in result.stderr

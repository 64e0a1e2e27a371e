"""Bad arguments (one line naming the argument and its type, exit code 2, nothing sent) and an
unreachable node (one line naming the endpoint, exit code 1), over HTTP and IPC; never a
traceback (clientkit checks every run)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from clientkit import Batch, Cmd, Target, artifact

pytestmark = pytest.mark.e2e

ADDR = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
BAD_CHECKSUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"  # last letter's case flipped


@dataclass(frozen=True)
class Failing:
    runs: Batch
    down: list[tuple[str, str]]  # endpoints nothing answers on, and how the failure reads
    nonce: int  # alice's, before


@pytest.fixture(scope="session")
def failing(target: Target, zoo: str, tmp_path_factory: pytest.TempPathFactory) -> Failing:
    """Every console-script run of this module over one target, at once. The unreachable
    endpoints go with the transport they belong to: HTTP (and ws://), or a missing IPC path."""
    zoo_args = ["--abi", artifact("TypeZoo"), "--address", zoo]
    alice = ["--from", target.alice]
    nonce = target.nonce(target.alice)
    runs = Batch(target)
    runs.alternate(
        "bad",
        target.cmd("send", *zoo_args, *alice, "echoUints", "300", "1", "1", "1", "1", "1"),
        target.cmd("send", *zoo_args, *alice, "failCustom", BAD_CHECKSUM, "1"),
        target.cmd("call", *zoo_args, "echoFixedBytes", "0x01", "0x010203", "0x" + "00" * 31, "0x" + "00" * 32),
        target.cmd("send", *zoo_args, *alice, "note", "text", "[1, 2"),
        target.cmd("deploy", "--abi", artifact("Token"), *alice, "Gold", "GLD"),
    )  # fmt: skip
    if target.transport == "http":
        down = [
            ("http://127.0.0.1:9", "connection refused"),
            ("ws://127.0.0.1:9", "connection refused"),
        ]
    else:
        missing = tmp_path_factory.mktemp("down") / "missing.ipc"
        down = [(str(missing), "no IPC socket at that path")]
    for endpoint, _ in down:
        runs.alternate(
            endpoint,
            Cmd(["call", *zoo_args, "seed", "--rpc", endpoint]),
            Cmd(["send", *zoo_args, *alice, "increment", "1"], {"ABIGEN_RPC": endpoint}),
            Cmd(["deploy", "--abi", artifact("Token"), *alice, "a", "b", "1", "--rpc", endpoint]),
            Cmd(["logs", *zoo_args, "--from-block", "0", "--rpc", endpoint]),
        )
    return Failing(runs.wait(), down, nonce)


def test_bad_arguments_send_nothing(target: Target, zoo: str, failing: Failing) -> None:
    out_of_range, checksum, bytes4, malformed, count = failing.runs.variants("bad")
    # Whether a value fits its type is the codec's to say: the function, the argument, the type.
    assert out_of_range.error(2) == (
        "echoUints(uint8,uint16,uint32,uint64,uint128,uint256): a: expected uint8, got 300: "
        "out of range [0, 2**8-1]"
    )
    assert checksum.error(2) == (
        f"failCustom(address,uint256): who: expected address, got '{BAD_CHECKSUM}': bad checksum"
    )
    assert bytes4.error(2) == (
        "echoFixedBytes(bytes1,bytes4,bytes31,bytes32): b: expected bytes4, got '0x010203': "
        "has 3 bytes, need exactly 4"
    )
    assert malformed.error(2) == (
        "nums (uint256[]): invalid JSON (Expecting ',' delimiter: line 1 column 6 (char 5)); "
        "write it as JSON: [1, 2]"
    )
    assert count.error(2) == (
        "expected 3 arguments (string name_, string symbol_, uint256 initialSupply), got 2"
    )
    zoo_args = ["--abi", artifact("TypeZoo"), "--address", zoo]
    alice = ["--from", target.alice]

    # The long tail, in-process: each names where the value is and its type.
    def error(command: str, *args: str) -> str:
        return target.invoke(command, *zoo_args, *args).error(2)

    unit_names = "(wei, kwei, mwei, gwei, szabo, finney, ether, eth)"
    assert error("send", *alice, "deposit", "--value", "1.5foo") == (
        f"--value (uint256): '1.5foo' has an unknown unit 'foo' {unit_names}"
    )
    assert error("send", *alice, "deposit", "--value", "0.5wei") == (
        "--value (uint256): 0.5wei is not a whole number of wei"
    )
    assert error("send", *alice, "deposit", "--gas", "-1") == (
        "--gas: expected uint256, got -1: out of range [0, 2**256-1]"
    )
    assert error("send", "--from", "0x1234", "increment", "1") == (
        "--from: expected address, got '0x1234': not 0x followed by 40 hex digits"
    )
    assert error("call", "echoAddressBool", ADDR, "maybe") == (
        "flag (bool): 'maybe' is not a bool (true/false, 1/0, yes/no)"
    )
    assert error("call", "echoAddressBool", "0x1234", "true") == (
        "echoAddressBool(address,bool): who: expected address, got '0x1234': "
        "not 0x followed by 40 hex digits"
    )
    assert error("call", "echoInts", "--", "-129", "0", "0", "0", "0") == (
        "echoInts(int8,int16,int64,int128,int256): a: expected int8, got -129: "
        "out of range [-2**7, 2**7-1]"
    )
    assert error("call", "echoUints", "1.5", "1", "1", "1", "1", "1") == (
        "a (uint8): 1.5 is not a whole number"
    )
    assert error("call", "echoUints", "1gwie", "1", "1", "1", "1", "1") == (
        f"a (uint8): '1gwie' has an unknown unit 'gwie' {unit_names}"
    )
    assert error("call", "echoDynamic", "0x123", "s") == (
        "data (bytes): 0x123 has an odd number of hex digits"
    )
    assert error("call", "echoFixedUint8", "[1, 2]") == (
        "echoFixedUint8(uint8[3]): values: expected uint8[3], got [1, 2]: "
        "has length 2, need exactly 3"
    )
    assert error("call", "echoUintArray", "[1, true]") == (
        "values[1] (uint256): expected an integer (a JSON number or string), got a bool"
    )
    assert error("call", "echoPoint", '{"x": 1}') == "p ((int128,int128)): missing field 'y'"
    assert error("call", "echoPoint", '{"x": 1, "y": 2, "z": 3}') == (
        "p ((int128,int128)): unknown field 'z' (fields: x, y)"
    )
    assert error(
        "call",
        "echoShapes",
        '[{"name": "a", "points": [[1]], "center": [0, 0], "tags": [1, 2, 3]}]',
    ) == (
        "shapes[0].points[0] ((int128,int128)): expected 2 components (int128 x, int128 y), got 1"
    )
    assert error("call", "seed", "1") == "expected no arguments, got 1"
    assert error("send", *alice, "increment") == "expected 1 argument (uint256 by), got 0"
    assert target.nonce(target.alice) == failing.nonce  # nothing was sent


def test_unreachable_node(failing: Failing) -> None:
    """call, send (the endpoint from ABIGEN_RPC), deploy and logs: one line naming the endpoint
    and how it failed, exit code 1."""
    for endpoint, how in failing.down:
        for result in failing.runs.variants(endpoint):
            assert result.error(1) == f"cannot reach node at {endpoint}: {how}", result

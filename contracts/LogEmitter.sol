// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title LogEmitter
/// @notice Emits ERC-20 Transfer events in bulk: thousands of logs in a few transactions, for
/// the log fetching and decoding benchmark (tests/bench/bench_logs.py).
contract LogEmitter {
    /// @notice The ERC-20 Transfer event, as a token emits it.
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// @notice Emit `count` Transfers from the sender to 16 rotating recipients.
    /// @param count How many events to emit.
    /// @param first The value of the first; each next one is one more.
    function emitTransfers(uint256 count, uint256 first) external {
        for (uint256 i = 0; i < count; i++) {
            emit Transfer(msg.sender, address(uint160(0x1000 + (i % 16))), first + i);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title LogEmitter
/// @notice Emits ERC-20 Transfer logs in bulk: thousands in a few transactions, for the log
/// fetching and decoding benchmark (tests/bench/bench_logs.py), which reads them with the Token
/// binding. The event is not declared here, so that a package binding every fixture contract
/// has one Transfer(address,address,uint256) only: Token's.
contract LogEmitter {
    /// @notice Emit `count` Transfers from the sender to 16 rotating recipients.
    /// @param count How many events to emit.
    /// @param first The value of the first; each next one is one more.
    function emitTransfers(uint256 count, uint256 first) external {
        for (uint256 i = 0; i < count; i++) {
            address to = address(uint160(0x1000 + (i % 16)));
            uint256 value = first + i;
            assembly {
                mstore(0, value)
                // keccak256("Transfer(address,address,uint256)"), from the caller to `to`
                log3(0, 32, 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef, caller(), to)
            }
        }
    }
}

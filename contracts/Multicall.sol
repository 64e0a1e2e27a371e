// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice One call of a multicall, as Multicall3's aggregate3 takes it.
struct Call3 {
    address target;
    bool allowFailure;
    bytes callData;
}

/// @notice What one call gave back, as Multicall3's aggregate3 returns it.
struct Result {
    bool success;
    bytes returnData;
}

/// @dev Runs the calls in order; a failed call whose allowFailure is false reverts the lot,
/// with Multicall3's words.
function aggregate(Call3[] memory calls) returns (Result[] memory results) {
    results = new Result[](calls.length);
    for (uint256 i = 0; i < calls.length; ++i) {
        (bool success, bytes memory returnData) = calls[i].target.call(calls[i].callData);
        require(success || calls[i].allowFailure, "Multicall3: call3 failed");
        results[i] = Result(success, returnData);
    }
}

/// @title Aggregator
/// @notice ABI-compatible with Multicall3's aggregate3: deploy it where a chain has none.
contract Aggregator {
    /// @notice Call each target with its calldata; return each call's success and data.
    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory) {
        return aggregate(calls);
    }
}

/// @title DeploylessAggregator
/// @notice Never deployed: its creation code, with the calls as constructor arguments, runs
/// inside an eth_call without `to`; the constructor returns aggregate3's encoded results
/// instead of code, so a multicall works on a chain with no Multicall3.
contract DeploylessAggregator {
    constructor(Call3[] memory calls) payable {
        bytes memory encoded = abi.encode(aggregate(calls));
        assembly {
            return(add(encoded, 32), mload(encoded))
        }
    }
}

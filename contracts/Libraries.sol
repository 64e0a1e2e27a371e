// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// End-to-end fixture for library linking (issue 3). The libraries' functions are `public`, so
// callers reach them with DELEGATECALL at an address fixed at link time: the callers' bytecode
// holds `__$<34 hex>$__` placeholders (keccak256 of "contracts/Libraries.sol:<Library>") and
// the artifact's linkReferences say where.
//
// Dependencies: Calculator -> MathLib, Chain, StringLib; Chain -> MathLib. A deployer must
// deploy MathLib before Chain, and Chain, MathLib and StringLib before Calculator.

/// @title MathLib
/// @notice Arithmetic; needs no linking itself.
library MathLib {
    /// @notice Returns `a + b` (reverts on overflow).
    function add(uint256 a, uint256 b) public pure returns (uint256) {
        return a + b;
    }
}

/// @title StringLib
/// @notice Text helpers; needs no linking itself.
library StringLib {
    /// @notice Returns `s` with ASCII a-z upper-cased and "!" appended: "hi there" -> "HI THERE!".
    function shout(string memory s) public pure returns (string memory) {
        bytes memory b = bytes(s);
        bytes memory out = new bytes(b.length + 1);
        for (uint256 i = 0; i < b.length; i++) {
            bytes1 c = b[i];
            out[i] = (c >= "a" && c <= "z") ? bytes1(uint8(c) - 32) : c;
        }
        out[b.length] = "!";
        return string(out);
    }
}

/// @title Chain
/// @notice A linked library that itself calls another linked library (MathLib).
library Chain {
    /// @notice Returns `MathLib.add(x, x)`.
    function twice(uint256 x) public pure returns (uint256) {
        return MathLib.add(x, x);
    }
}

/// @title Calculator
/// @notice Uses three linked libraries, one of which (Chain) needs a fourth link itself.
contract Calculator {
    uint256 private _base;

    /// @param base Added by `addBase`.
    constructor(uint256 base) {
        _base = base;
    }

    /// @notice The `base` given at deployment.
    function base() external view returns (uint256) {
        return _base;
    }

    /// @notice Returns `MathLib.add(base, x)`.
    function addBase(uint256 x) external view returns (uint256) {
        return MathLib.add(_base, x);
    }

    /// @notice Returns `MathLib.add(MathLib.add(a, b), c)`: a second call site, so MathLib's
    /// address appears more than once in the bytecode.
    function sum3(uint256 a, uint256 b, uint256 c) external pure returns (uint256) {
        return MathLib.add(MathLib.add(a, b), c);
    }

    /// @notice Returns `Chain.twice(x)`, i.e. `2 * x` computed by MathLib through Chain.
    function twice(uint256 x) external pure returns (uint256) {
        return Chain.twice(x);
    }

    /// @notice Returns `StringLib.shout(s)`.
    function shout(string calldata s) external pure returns (string memory) {
        return StringLib.shout(s);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "contracts/Token.sol";

// End-to-end fixture for receipts and reverts decoded package-wide (issue 12): a Router that
// calls a Pool that moves Tokens. A swap's receipt holds the Tokens' Transfers and the Pool's
// Swap and Sync, none emitted by the Router; the Pool's custom errors (and the Token's) bubble
// up through the Router unchanged.

/// @title Pool
/// @notice A constant-product pool of two Tokens, without fees.
contract Pool {
    /// @notice The pool's first token.
    Token public immutable token0;
    /// @notice The pool's second token.
    Token public immutable token1;
    uint256 private _reserve0;
    uint256 private _reserve1;

    /// @notice Liquidity was added.
    event Mint(address indexed provider, uint256 amount0, uint256 amount1);
    /// @notice `amountIn` of one token was swapped for `amountOut` of the other, sent to `to`.
    event Swap(address indexed sender, bool zeroForOne, uint256 amountIn, uint256 amountOut, address indexed to);
    /// @notice The reserves after a change.
    event Sync(uint256 reserve0, uint256 reserve1);

    /// @notice The pool holds no liquidity to quote or swap against.
    error EmptyPool();
    /// @notice The swap would pay out less than the caller's minimum.
    /// @param amountOut What the swap would pay.
    /// @param minimum What the caller asked for at least.
    error Slippage(uint256 amountOut, uint256 minimum);
    /// @notice Nothing was paid in.
    error NothingIn();

    /// @param token0_ The first token.
    /// @param token1_ The second token.
    constructor(Token token0_, Token token1_) {
        token0 = token0_;
        token1 = token1_;
    }

    /// @notice The reserves of token0 and token1.
    function reserves() external view returns (uint256 reserve0, uint256 reserve1) {
        return (_reserve0, _reserve1);
    }

    /// @notice What swapping `amountIn` would pay out; reverts with EmptyPool when empty.
    function quote(bool zeroForOne, uint256 amountIn) public view returns (uint256) {
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (_reserve0, _reserve1) : (_reserve1, _reserve0);
        if (reserveIn == 0 || reserveOut == 0) revert EmptyPool();
        return (amountIn * reserveOut) / (reserveIn + amountIn);
    }

    /// @notice Moves `amount0` and `amount1` from the caller into the pool (allowances needed).
    function addLiquidity(uint256 amount0, uint256 amount1) external {
        token0.transferFrom(msg.sender, address(this), amount0);
        token1.transferFrom(msg.sender, address(this), amount1);
        _sync();
        emit Mint(msg.sender, amount0, amount1);
    }

    /// @notice Pays `to` for what was sent to the pool since the last sync (as Uniswap v2 does).
    function swap(bool zeroForOne, uint256 minOut, address to) external returns (uint256 amountOut) {
        (Token tokenIn, Token tokenOut) = zeroForOne ? (token0, token1) : (token1, token0);
        uint256 reserveIn = zeroForOne ? _reserve0 : _reserve1;
        uint256 amountIn = tokenIn.balanceOf(address(this)) - reserveIn;
        if (amountIn == 0) revert NothingIn();
        amountOut = quote(zeroForOne, amountIn);
        if (amountOut < minOut) revert Slippage(amountOut, minOut);
        tokenOut.transfer(to, amountOut);
        _sync();
        emit Swap(msg.sender, zeroForOne, amountIn, amountOut, to);
    }

    function _sync() private {
        _reserve0 = token0.balanceOf(address(this));
        _reserve1 = token1.balanceOf(address(this));
        emit Sync(_reserve0, _reserve1);
    }
}

/// @title Router
/// @notice Swaps through a Pool: errors of the Pool and the Tokens bubble up unchanged.
contract Router {
    /// @notice A swap was routed through `pool`.
    event Routed(address indexed pool, address indexed sender, uint256 amountOut);

    /// @notice The deadline has passed.
    error Expired(uint256 deadline);

    /// @notice What `pool` would pay for `amountIn` (the Pool's EmptyPool bubbles up).
    function quote(Pool pool, bool zeroForOne, uint256 amountIn) external view returns (uint256) {
        return pool.quote(zeroForOne, amountIn);
    }

    /// @notice Moves `amountIn` from the caller to `pool` and swaps it, paying the caller.
    function swap(Pool pool, bool zeroForOne, uint256 amountIn, uint256 minOut, uint256 deadline)
        external
        returns (uint256 amountOut)
    {
        if (block.timestamp > deadline) revert Expired(deadline);
        Token tokenIn = zeroForOne ? pool.token0() : pool.token1();
        tokenIn.transferFrom(msg.sender, address(pool), amountIn);
        amountOut = pool.swap(zeroForOne, minOut, msg.sender);
        emit Routed(address(pool), msg.sender, amountOut);
    }
}

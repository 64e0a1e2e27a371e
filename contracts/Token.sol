// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Token
/// @notice A minimal ERC20 token used by the abigen README demo.
/// @dev Failures use custom errors so generated bindings can decode them.
contract Token {
    /// @notice Token name, e.g. "Demo Token".
    string public name;
    /// @notice Token ticker symbol, e.g. "DEMO".
    string public symbol;
    /// @notice Number of decimals used to display amounts.
    uint8 public constant decimals = 18;
    /// @notice Total amount of tokens in existence.
    uint256 public totalSupply;

    mapping(address => uint256) private _balances;
    mapping(address => mapping(address => uint256)) private _allowances;

    /// @notice Emitted when `value` tokens move from `from` to `to` (`from` is zero on mint).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice Emitted when `owner` allows `spender` to spend `value` of its tokens.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The sender does not hold enough tokens.
    /// @param available Balance the sender holds.
    /// @param needed Amount the transfer required.
    error InsufficientBalance(uint256 available, uint256 needed);
    /// @notice The spender has not been allowed to move enough tokens.
    /// @param available Remaining allowance.
    /// @param needed Amount the transfer required.
    error InsufficientAllowance(uint256 available, uint256 needed);

    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param initialSupply Amount minted to the deployer.
    constructor(string memory name_, string memory symbol_, uint256 initialSupply) {
        name = name_;
        symbol = symbol_;
        totalSupply = initialSupply;
        _balances[msg.sender] = initialSupply;
        emit Transfer(address(0), msg.sender, initialSupply);
    }

    /// @notice Returns the token balance of `account`.
    /// @param account The address to query.
    /// @return The balance of `account`.
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @notice Moves `value` tokens from the caller to `to`.
    /// @dev Reverts with `InsufficientBalance` if the caller holds less than `value`.
    /// @param to Recipient.
    /// @param value Amount to move.
    /// @return success Always true (failures revert).
    function transfer(address to, uint256 value) external returns (bool success) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @notice Allows `spender` to move up to `value` of the caller's tokens.
    /// @param spender The address allowed to spend.
    /// @param value The new allowance (replaces the old one).
    /// @return success Always true.
    function approve(address spender, uint256 value) external returns (bool success) {
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @notice Remaining amount `spender` may move on behalf of `owner`.
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Moves `value` tokens from `from` to `to` using the caller's allowance.
    /// @dev Reverts with `InsufficientAllowance` or `InsufficientBalance`.
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed < value) revert InsufficientAllowance(allowed, value);
        _allowances[from][msg.sender] = allowed - value;
        _transfer(from, to, value);
        return true;
    }

    function _transfer(address from, address to, uint256 value) private {
        uint256 available = _balances[from];
        if (available < value) revert InsufficientBalance(available, value);
        _balances[from] = available - value;
        _balances[to] += value;
        emit Transfer(from, to, value);
    }
}

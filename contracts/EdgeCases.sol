// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// End-to-end fixture for abigen's naming and typing edge cases (issue 3). Every member has
// observable behaviour: pure functions return values derived from their inputs in an
// order-sensitive way, state-changing functions emit events carrying their arguments, and
// the error-raising functions revert with their arguments.
//
// Solidity (0.8.37) refuses these Python keywords and soft keywords as identifiers, so they
// cannot appear in this ABI and need hand-written ABIs: as, break, continue, else, for, if,
// import, in, is, return, try, while, match, case, type; `_` only works as a function or
// event name (not as a parameter, field or error name). It also refuses `int`, `bytes`,
// `address`, `contract`, `event` as names, `constructor` as a function name, and `fallback` /
// `receive` as parameter, field, event or error names.
// Shadowing warnings from this file (`block`, `tx`, `node`, `None`, `class`) are deliberate.

/// @notice A `Point` in one scope: two unsigned coordinates.
library LibA {
    struct Point {
        uint256 x;
        uint256 y;
    }
}

/// @notice A different `Point` in another scope: signed coordinates and a label.
library LibB {
    struct Point {
        int64 x;
        int64 y;
        string label;
    }
}

/// @notice Deployment settings. File-level (its internalType is `struct Config`, no scope) and
/// used only by the EdgeCases constructor. Field names shadow Python builtins.
struct Config {
    address owner;
    uint256 id;
    string str;
    uint256[] list;
}

/// @title EdgeCases
/// @notice Names and shapes that are hard to bind in Python.
/// @dev Quotes """ and ''' and \ backslash; "; import os; os.system("echo pwned") #
contract EdgeCases {
    /// @notice Field names that are Python keywords.
    struct Keywords {
        uint256 from;
        bool not;
        string class;
        address global;
    }

    /// @notice Field names that shadow Python builtins and tuple methods, and one that starts
    /// with a digit once its leading underscore is stripped.
    struct Builtins {
        uint256 dict;
        uint256 hash;
        uint256 len;
        bool object;
        uint256 count;
        uint256 index;
        uint256 _3d;
    }

    // ---- state ----

    address private _owner;
    uint256 private _id;
    string private _str;
    uint256[] private _list;
    uint256 private _value;
    address private _node;
    uint256 private _paid;

    /// @notice Last number stored by a numeric `set` overload.
    uint256 public number;
    /// @notice Last text stored by `set(string)`.
    string public text;
    /// @notice Calldata of the last call that reached the fallback function.
    bytes public lastCalldata;
    /// @notice Total wei received through `receive()`.
    uint256 public received;

    // ---- events ----

    /// @notice Emitted once, by the constructor.
    event Constructor(address indexed owner, uint256 id, uint256 value);
    /// @notice Emitted by the fallback function with the calldata it got.
    event Fallback(address indexed sender, uint256 value, bytes data);
    /// @notice Emitted by the receive function.
    event Receive(address indexed sender, uint256 value);

    /// @notice Emitted by the numeric `set` overloads.
    event Changed(uint256 indexed number);
    /// @notice Emitted by `set(string)`.
    event Changed(string text);

    /// @notice Python keyword as an event name and as field names; emitted by `del`.
    event raise(address indexed from, uint256 indexed lambda, string with);
    /// @notice Python's None/True/False as event and field names; emitted by `del`.
    event None(bool True, bool False);

    /// @notice Anonymous, with the maximum of four indexed arguments; emitted by `stealth`.
    event Stealth(address indexed from, bytes32 indexed tag, uint256 indexed n, bool indexed flag, string note)
        anonymous;

    /// @notice Indexed dynamic values: each topic is the keccak256 of the value's encoding.
    /// @dev """); import os  # breaks out of a docstring that does not escape quotes
    /// @param message Hashed as keccak256(bytes(message)) '''
    event Hashed(string indexed message, bytes indexed blob, uint256[] indexed nums);
    /// @notice Indexed structs (topics are hashes); emitted by `move`.
    event HashedStruct(LibA.Point indexed a, LibB.Point indexed b);
    /// @notice Structs in the event data; emitted by `move`.
    event Moved(address indexed who, LibA.Point from, LibB.Point to);

    /// @notice Unnamed arguments; emitted by `unnamedEvent`.
    event Unnamed(uint256 indexed, string);

    /// @notice Indexed arguments named like the block-range filters of a log query.
    event Window(uint256 indexed fromBlock, uint256 indexed toBlock, uint256 log);

    /// @notice Arguments named like transaction options; emitted by `pay`.
    event Paid(address sender, uint256 value, uint256 gas, uint256 nonce, uint256 gasPrice, uint256 paid);

    // ---- errors ----

    /// @notice Python keyword as an error name and as field names; raised by `finally`.
    /// @dev Backslash at the very end \
    error except(uint256 from, string class);
    /// @notice Fields named like attributes of the runtime's exception classes; raised by `clash`.
    error Clash(bytes data, uint256 receipt, uint256 args);
    /// @notice Unnamed fields; raised by `nameless`.
    error Nameless(uint256, bool);

    // ---- construction ----

    /// @notice Stores `cfg`, `value`, `node` and the ether sent; read them back with `settings`.
    /// @param cfg Settings (a struct used only here).
    /// @param value Any number (named like the deploy call's `value` option).
    /// @param node Any address (named like the deploy call's `node` argument).
    constructor(Config memory cfg, uint256 value, address node) payable {
        _owner = cfg.owner;
        _id = cfg.id;
        _str = cfg.str;
        _list = cfg.list;
        _value = value;
        _node = node;
        _paid = msg.value;
        emit Constructor(cfg.owner, cfg.id, value);
    }

    /// @notice Everything the constructor was given, flattened (so `Config` stays constructor-only).
    function settings()
        external
        view
        returns (
            address owner,
            uint256 id,
            string memory str,
            uint256[] memory list,
            uint256 value,
            address node,
            uint256 paid
        )
    {
        return (_owner, _id, _str, _list, _value, _node, _paid);
    }

    // ---- Python keywords ----

    /// @notice Quotes """ and ''' and \ backslash
    /// @dev "; import os; os.system("echo pwned") #
    /// @return Always 101.
    function class() external pure returns (uint256) {
        return 101;
    }

    /// @notice Returns `from * 1000 + lambda`.
    /// @param from The thousands.
    /// @param lambda The units; ends with a quote"
    function def(uint256 from, uint256 lambda) external pure returns (uint256) {
        return from * 1000 + lambda;
    }

    /// @notice Returns `global + 1`.
    /// @return nonlocal One more than `global`.
    function yield(uint256 global) external pure returns (uint256 nonlocal) {
        return global + 1;
    }

    /// @notice Returns (and && or, and || or, !and) under Python-constant output names.
    function pass(bool and, bool or) external pure returns (bool True, bool False, bool None) {
        return (and && or, and || or, !and);
    }

    /// @notice Emits `raise(msg.sender, lambda, with)`, then `None(lambda is odd, lambda is even)`.
    function del(uint256 lambda, string calldata with) external {
        emit raise(msg.sender, lambda, with);
        emit None(lambda % 2 == 1, lambda % 2 == 0);
    }

    /// @notice Always reverts with `except(from, class)`.
    function finally(uint256 from, string calldata class) external pure {
        revert except(from, class);
    }

    /// @notice Echoes a struct whose fields are Python keywords, under keyword names.
    function echoKeywords(Keywords calldata async) external pure returns (Keywords memory await) {
        return async;
    }

    /// @notice A soft keyword as a function name. Returns 95 (the code of "_").
    function _() external pure returns (uint256) {
        return 95;
    }

    // ---- names that start with a digit once leading underscores are stripped ----

    /// @notice Returns 1.
    function _1inch() external pure returns (uint256) {
        return 1;
    }

    /// @notice Returns `_2 + 2`.
    function digits(uint256 _2) external pure returns (uint256 _4) {
        return _2 + 2;
    }

    /// @notice Echoes a struct with fields named like Python builtins.
    function echoBuiltins(Builtins calldata b) external pure returns (Builtins memory) {
        return b;
    }

    // ---- names of the binding runtime's own attributes ----

    /// @notice Returns "node". Non-ASCII: naïve ✓ — and a literal tab: [	]
    function node() external pure returns (string memory) {
        return "node";
    }

    /// @notice Returns "events".
    /// Escapes that are invalid in a non-raw Python literal: \N{nope} \u12 \x \'
    /// @dev Format and template injection: {__import__("os").system("echo pwned")} {{ x }} {% raw %} %s
    /// @return A closing triple quote: """
    function events() external pure returns (string memory) {
        return "events";
    }

    /// @notice Returns "deploy".
    function deploy() external pure returns (string memory) {
        return "deploy";
    }

    /// @notice Returns "encodeDeploy".
    function encodeDeploy() external pure returns (string memory) {
        return "encodeDeploy";
    }

    /// @notice Parameters named like transaction options. Emits `Paid` with them and msg.value,
    /// and returns the same values.
    function pay(address sender, uint256 value, uint256 gas, uint256 nonce, uint256 gasPrice)
        external
        payable
        returns (address, uint256, uint256, uint256, uint256, uint256 paid)
    {
        emit Paid(sender, value, gas, nonce, gasPrice, msg.value);
        return (sender, value, gas, nonce, gasPrice, msg.value);
    }

    /// @notice Parameters named like a view call's options and like `self`; echoes them in order.
    /// @dev `block` and `tx` shadow Solidity globals: solc warns, on purpose.
    function peek(uint256 block, uint256 tx, uint256 self) external pure returns (uint256, uint256, uint256) {
        return (block, tx, self);
    }

    /// @notice Emits `Window(fromBlock, toBlock, log)`.
    function window(uint256 fromBlock, uint256 toBlock, uint256 log) external {
        emit Window(fromBlock, toBlock, log);
    }

    /// @notice Always reverts with `Clash(data, receipt, args)`.
    function clash(bytes calldata data, uint256 receipt, uint256 args) external pure {
        revert Clash(data, receipt, args);
    }

    // ---- overloads ----

    /// @notice Stores `n` in `number`; emits `Changed(n)`.
    function set(uint256 n) external {
        number = n;
        emit Changed(n);
    }

    /// @notice Stores `s` in `text`; emits `Changed(s)`.
    function set(string calldata s) external {
        text = s;
        emit Changed(s);
    }

    /// @notice Stores `a * 1000 + b` in `number`; emits `Changed(number)`.
    function set(uint256 a, uint256 b) external {
        number = a * 1000 + b;
        emit Changed(a * 1000 + b);
    }

    // ---- unnamed parameters and outputs ----

    /// @notice Returns its two arguments swapped (read back from calldata: they have no names).
    function swap(uint256, uint256) external pure returns (uint256, uint256) {
        (uint256 a, uint256 b) = abi.decode(msg.data[4:], (uint256, uint256));
        return (b, a);
    }

    /// @notice Emits `Unnamed(n, s)`.
    function unnamedEvent(uint256 n, string calldata s) external {
        emit Unnamed(n, s);
    }

    /// @notice Always reverts with `Nameless(n, n is odd)`.
    function nameless(uint256 n) external pure {
        revert Nameless(n, n % 2 == 1);
    }

    // ---- nested arrays: uint8[2][][3] is 3 dynamic lists of uint8 pairs ----

    /// @notice Echoes a fixed list of 3 dynamic lists of uint8 pairs.
    function echoNested(uint8[2][][3] calldata a) external pure returns (uint8[2][][3] memory) {
        return a;
    }

    /// @notice Returns `a[i][j][k]` (i < 3, k < 2).
    function nestedAt(uint8[2][][3] calldata a, uint256 i, uint256 j, uint256 k) external pure returns (uint8) {
        return a[i][j][k];
    }

    /// @notice A fixed value: `out[i]` has `i + 1` pairs and `out[i][j][k] == 100*k + 10*i + j`,
    /// i.e. [[[0,100]], [[10,110],[11,111]], [[20,120],[21,121],[22,122]]].
    function nestedSample() external pure returns (uint8[2][][3] memory out) {
        for (uint256 i = 0; i < 3; i++) {
            out[i] = new uint8[2][](i + 1);
            for (uint256 j = 0; j <= i; j++) {
                out[i][j] = [uint8(10 * i + j), uint8(100 + 10 * i + j)];
            }
        }
    }

    // ---- function-type parameters (ABI type `function`: address ++ selector, 24 bytes) ----

    /// @notice Returns `fn` unchanged.
    function echoFn(function(uint256) external returns (uint256) fn)
        external
        pure
        returns (function(uint256) external returns (uint256))
    {
        return fn;
    }

    /// @notice Calls `fn(x)` and returns its result.
    function applyFn(function(uint256) external view returns (uint256) fn, uint256 x) external view returns (uint256) {
        return fn(x);
    }

    /// @notice `this.triple`, as a function value (this contract's address ++ triple's selector).
    function tripleFn() external view returns (function(uint256) external view returns (uint256)) {
        return this.triple;
    }

    /// @notice Returns `3 * x`; a target for `applyFn`.
    function triple(uint256 x) external pure returns (uint256) {
        return 3 * x;
    }

    // ---- same-named structs from two scopes, structs in and as indexed event arguments ----

    /// @notice Returns its arguments swapped: both structs are called `Point`.
    function mixPoints(LibA.Point calldata a, LibB.Point calldata b)
        external
        pure
        returns (LibB.Point memory, LibA.Point memory)
    {
        return (b, a);
    }

    /// @notice Emits `Moved(msg.sender, from, to)` and then `HashedStruct(from, to)`.
    function move(LibA.Point calldata from, LibB.Point calldata to) external {
        emit Moved(msg.sender, from, to);
        emit HashedStruct(from, to);
    }

    /// @notice Emits `Hashed(message, blob, nums)`: all three are indexed, so only their hashes are logged.
    function hashed(string calldata message, bytes calldata blob, uint256[] calldata nums) external {
        emit Hashed(message, blob, nums);
    }

    /// @notice Emits the anonymous `Stealth(msg.sender, tag, n, n is odd, note)`.
    function stealth(bytes32 tag, uint256 n, string calldata note) external {
        emit Stealth(msg.sender, tag, n, n % 2 == 1, note);
    }

    // ---- fallback and receive ----

    /// @notice Any call with unknown calldata: stores it in `lastCalldata`, emits `Fallback`, and
    /// returns the calldata unchanged.
    fallback(bytes calldata input) external payable returns (bytes memory) {
        lastCalldata = input;
        emit Fallback(msg.sender, msg.value, input);
        return input;
    }

    /// @notice A plain transfer (empty calldata): adds to `received` and emits `Receive`.
    receive() external payable {
        received += msg.value;
        emit Receive(msg.sender, msg.value);
    }
}

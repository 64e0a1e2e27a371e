// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title TypeZoo
/// @notice End-to-end fixture for abigen: one function per ABI shape the generator must handle.
/// @dev Echo functions return exactly their inputs so tests can round-trip values through a node.
/// Elementary types are spread over several functions to stay clear of "stack too deep".
contract TypeZoo {
    struct Point {
        int128 x;
        int128 y;
    }

    struct Shape {
        string name;
        Point[] points;
        Point center;
        uint8[3] tags;
    }

    // Private with explicit getters: the constructor parameters carry the same names.
    uint256 private _seed;
    string private _label;
    /// @notice Running total of every `increment`.
    uint256 public counter;
    /// @notice Last value accepted by `setPositive`.
    int256 public positive;
    /// @notice Last value written by `failAfterWrite` (never observable: the call always reverts).
    uint256 public scratch;

    /// @notice Emitted by `increment`.
    /// @param caller Who called.
    /// @param by Amount added.
    /// @param newValue Counter after the addition.
    event Incremented(address indexed caller, uint256 indexed by, uint256 newValue);
    /// @notice Emitted when ether is deposited.
    event Deposited(address indexed from, uint256 amount);
    /// @notice Emitted by `note`; carries dynamic, non-indexed data.
    event Noted(address indexed who, string text, uint256[] nums);

    /// @notice `setPositive` was given a value that is not strictly positive.
    error NotPositive(int256 value);
    /// @notice `who` may not do this; `code` says why.
    error Unauthorized(address who, uint256 code);

    /// @param seed Any number; readable later via `seed()`.
    /// @param label Any text; readable later via `label()`.
    constructor(uint256 seed, string memory label) payable {
        _seed = seed;
        _label = label;
    }

    /// @notice Seed given at deployment.
    function seed() external view returns (uint256) {
        return _seed;
    }

    /// @notice Label given at deployment.
    function label() external view returns (string memory) {
        return _label;
    }

    // ---- elementary types ----

    function echoUints(uint8 a, uint16 b, uint32 c, uint64 d, uint128 e, uint256 f)
        external
        pure
        returns (uint8, uint16, uint32, uint64, uint128, uint256)
    {
        return (a, b, c, d, e, f);
    }

    function echoInts(int8 a, int16 b, int64 c, int128 d, int256 e)
        external
        pure
        returns (int8, int16, int64, int128, int256)
    {
        return (a, b, c, d, e);
    }

    /// @notice Echoes an address and a bool.
    /// @param who Any address.
    /// @param flag Any bool.
    /// @return who_ The same address.
    /// @return flag_ The same bool.
    function echoAddressBool(address who, bool flag) external pure returns (address who_, bool flag_) {
        return (who, flag);
    }

    function echoFixedBytes(bytes1 a, bytes4 b, bytes31 c, bytes32 d)
        external
        pure
        returns (bytes1, bytes4, bytes31, bytes32)
    {
        return (a, b, c, d);
    }

    function echoDynamic(bytes calldata data, string calldata text)
        external
        pure
        returns (bytes memory, string memory)
    {
        return (data, text);
    }

    // ---- arrays ----

    function echoUintArray(uint256[] calldata values) external pure returns (uint256[] memory) {
        return values;
    }

    function echoFixedUint8(uint8[3] calldata values) external pure returns (uint8[3] memory) {
        return values;
    }

    function echoAddressPair(address[2] calldata values) external pure returns (address[2] memory) {
        return values;
    }

    function echoStrings(string[] calldata values) external pure returns (string[] memory) {
        return values;
    }

    function echoBytesArray(bytes[] calldata values) external pure returns (bytes[] memory) {
        return values;
    }

    /// @notice Dynamic list of fixed pairs: `uint256[2][]` (the last bracket is the outer one).
    function echoPairs(uint256[2][] calldata values) external pure returns (uint256[2][] memory) {
        return values;
    }

    /// @notice Fixed list of three dynamic lists: `uint256[][3]`.
    function echoTriple(uint256[][3] calldata values) external pure returns (uint256[][3] memory) {
        return values;
    }

    function echoBoolMatrix(bool[][] calldata values) external pure returns (bool[][] memory) {
        return values;
    }

    // ---- structs ----

    function echoPoint(Point calldata p) external pure returns (Point memory) {
        return p;
    }

    /// @notice Echoes a struct holding a string, a struct array, a nested struct and a fixed array.
    function echoShape(Shape calldata s) external pure returns (Shape memory) {
        return s;
    }

    function echoShapes(Shape[] calldata shapes) external pure returns (Shape[] memory) {
        return shapes;
    }

    /// @return The point (0, 0).
    function origin() external pure returns (Point memory) {
        return Point(0, 0);
    }

    // ---- multiple outputs ----

    /// @notice Mixed named and unnamed outputs.
    /// @return count Always 3.
    /// @return label Always "zoo" (shadows the `label` getter on purpose: names may clash).
    function describe() external pure returns (uint256 count, string memory label, bool) {
        return (3, "zoo", true);
    }

    /// @notice All outputs unnamed.
    function pair() external pure returns (uint256, address) {
        return (42, address(0xBEEF));
    }

    // ---- state changes and events ----

    /// @notice Adds `by` to `counter`.
    /// @param by Amount to add.
    /// @return newValue The counter after the addition.
    function increment(uint256 by) external returns (uint256 newValue) {
        newValue = counter + by;
        counter = newValue;
        emit Incremented(msg.sender, by, newValue);
    }

    /// @notice Accepts ether and logs it.
    function deposit() external payable {
        emit Deposited(msg.sender, msg.value);
    }

    function note(string calldata text, uint256[] calldata nums) external {
        emit Noted(msg.sender, text, nums);
    }

    /// @notice Stores `v`.
    /// @dev Reverts with `NotPositive(v)` when `v <= 0`.
    function setPositive(int256 v) external {
        if (v <= 0) revert NotPositive(v);
        positive = v;
    }

    // ---- reverts ----

    /// @notice Always reverts with `Error(reason)`.
    function failRequire(string calldata reason) external pure {
        require(false, reason);
    }

    /// @notice Triggers a real compiler-inserted panic.
    /// @dev kind 1: assert (0x01); 2: overflow (0x11); 3: division by zero (0x12);
    /// 4: array index out of bounds (0x32). Any other kind returns normally.
    /// The arithmetic depends on `kind` so the optimizer cannot fold it away.
    function failPanic(uint256 kind) external pure returns (uint256) {
        if (kind == 1) assert(false);
        if (kind == 2) return type(uint256).max + kind;
        if (kind == 3) return 1 / (kind - 3);
        if (kind == 4) return new uint256[](1)[kind];
        return kind;
    }

    /// @notice Always reverts with `Unauthorized(who, code)`.
    function failCustom(address who, uint256 code) external pure {
        revert Unauthorized(who, code);
    }

    /// @notice Always reverts with empty revert data.
    function failBare() external pure {
        revert();
    }

    /// @notice Writes storage, then reverts with `Unauthorized(msg.sender, v)`.
    /// @dev Lets tests mine a failing transaction by sending it with an explicit gas limit.
    function failAfterWrite(uint256 v) external {
        scratch = v;
        revert Unauthorized(msg.sender, v);
    }
}

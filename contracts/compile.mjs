// Compiles every contracts/*.sol with the pinned solc-js and writes, per contract, into
// contracts/build/: <Name>.abi, <Name>.bin and a Hardhat-style <Name>.json artifact.
// Outputs are committed, so they must be byte-identical across runs.
//
// Usage (from anywhere, normally via `make contracts`): node contracts/compile.mjs

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const contractsDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(contractsDir);
const buildDir = join(contractsDir, "build");

// Source names are repo-relative ("contracts/Token.sol"): they end up in the artifacts and in the
// metadata hash, so they must not depend on where the repo is checked out.
const sourceName = (file) => relative(repoRoot, join(contractsDir, file)).split("\\").join("/");

function fail(message) {
  console.error(`compile.mjs: ${message}`);
  process.exit(1);
}

// Recursively sort object keys (arrays keep their order) so JSON output is stable.
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

const files = readdirSync(contractsDir)
  .filter((f) => f.endsWith(".sol"))
  .sort();
if (files.length === 0) fail(`no .sol files in ${contractsDir}`);

const sources = {};
for (const file of files) {
  sources[sourceName(file)] = { content: readFileSync(join(contractsDir, file), "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    // Pinned so a compiler upgrade cannot silently change the emitted opcodes.
    evmVersion: "cancun",
    outputSelection: {
      "*": {
        "*": [
          "abi",
          "evm.bytecode.object",
          "evm.bytecode.linkReferences",
          "evm.deployedBytecode.object",
          "evm.deployedBytecode.linkReferences",
          "devdoc",
          "userdoc",
          "metadata",
        ],
      },
    },
  },
};

// Resolve imports relative to the repo root (e.g. `import "contracts/Lib.sol"`).
function findImports(path) {
  try {
    return { contents: readFileSync(join(repoRoot, path), "utf8") };
  } catch (err) {
    return { error: `cannot read ${path}: ${err.message}` };
  }
}

console.log(`solc ${solc.version()}: compiling ${files.join(", ")}`);
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

// formattedMessage already names the file and line; warnings are shown but are not fatal.
const diagnostics = output.errors ?? [];
for (const d of diagnostics) {
  console.error(d.formattedMessage ?? `${d.severity}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === "error");
if (errors.length > 0) {
  const where = [...new Set(errors.map((e) => e.sourceLocation?.file ?? "<input>"))];
  fail(`${errors.length} compile error(s) in ${where.join(", ")}`);
}

mkdirSync(buildDir, { recursive: true });
const written = new Map(); // contract name -> source name, to catch clashing names

for (const source of Object.keys(output.contracts ?? {}).sort()) {
  const contracts = output.contracts[source];
  for (const name of Object.keys(contracts).sort()) {
    if (written.has(name)) {
      fail(`contract ${name} is defined in both ${written.get(name)} and ${source}`);
    }
    written.set(name, source);

    const c = contracts[name];
    const bytecode = c.evm.bytecode.object;
    // Hardhat artifacts also carry deployedLinkReferences (offsets into deployedBytecode, which
    // differ from the creation-code offsets). Written only when non-empty, so the artifacts of
    // contracts that link nothing (Token, TypeZoo) keep their committed bytes.
    const deployedLinks = sortKeys(c.evm.deployedBytecode.linkReferences ?? {});
    const artifact = {
      contractName: name,
      sourceName: source,
      abi: c.abi,
      bytecode: `0x${bytecode}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      linkReferences: sortKeys(c.evm.bytecode.linkReferences ?? {}),
      ...(Object.keys(deployedLinks).length > 0 ? { deployedLinkReferences: deployedLinks } : {}),
      devdoc: sortKeys(c.devdoc),
      userdoc: sortKeys(c.userdoc),
    };
    writeFileSync(join(buildDir, `${name}.abi`), json(c.abi));
    writeFileSync(join(buildDir, `${name}.bin`), `${bytecode}\n`);
    writeFileSync(join(buildDir, `${name}.json`), json(artifact));
    console.log(`  ${source}:${name} -> ${relative(repoRoot, buildDir)}/${name}.{abi,bin,json}`);
  }
}

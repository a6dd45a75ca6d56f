// Generic mocha runner for the VS Code extension host (code-server's remote
// Node host or test-electron's). A suite's index.js does:
//
//   exports.run = () => require('<repo>/test/harness/mochaInHost.cjs').run({ testsRoot: __dirname });
//
// It must stay CommonJS: the extension host loads a .js tests module with
// require() unless the extension's package.json says "type": "module".
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { format } = require('node:util');

const TEST_FILE = /\.test\.(c|m)?js$/;

// Loads the Mocha class: from options.mochaPath, else as seen from testsRoot, else from this harness. Handles mocha 12 (ESM main, CJS lib/mocha.cjs) and older CJS mochas.
function loadMocha({ mochaPath, testsRoot }) {
  const bases = mochaPath ? [mochaPath] : [path.join(testsRoot, 'noop.js'), __filename];
  let lastError;
  for (const base of bases) {
    try {
      const req = createRequire(base);
      const dir = mochaPath && fs.existsSync(path.join(mochaPath, 'package.json'))
        ? mochaPath
        : path.dirname(req.resolve('mocha/package.json'));
      const cjsEntry = path.join(dir, 'lib', 'mocha.cjs'); // mocha >= 12: package main is ESM
      const mod = fs.existsSync(cjsEntry) ? require(cjsEntry) : require(dir);
      return mod.default && typeof mod.default === 'function' ? mod.default : mod;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`mochaInHost: cannot load mocha (${lastError && lastError.message})`);
}

// Lists every *.test.js / .cjs / .mjs file under `dir`, recursively and sorted, skipping node_modules.
function findTestFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...findTestFiles(full));
    else if (entry.isFile() && TEST_FILE.test(entry.name)) out.push(full);
  }
  return out.sort();
}

// Runs the mocha suite found under options.testsRoot; resolves when all pass, rejects when any fail.
async function run(options = {}) {
  if (typeof options === 'string') options = { testsRoot: options };
  const testsRoot = path.resolve(options.testsRoot || process.env.CLAUSEGUARD_TESTS_ROOT || '.');
  const Mocha = loadMocha({ mochaPath: options.mochaPath, testsRoot });
  // The host forwards console.log's arguments unformatted ("%s (%dms) ..."), so format here.
  Mocha.reporters.Base.consoleLog = (...args) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: options.reporter || 'spec',
    color: false, // the output goes through the workbench log; ANSI codes would be noise
    timeout: options.timeout ?? 20000,
    grep: options.grep || process.env.CLAUSEGUARD_TEST_GREP || undefined,
  });
  const files = options.files || findTestFiles(testsRoot);
  if (files.length === 0) throw new Error(`mochaInHost: no *.test.js files under ${testsRoot}`);
  for (const file of files) mocha.addFile(file);
  // Plain require() keeps require('vscode') working on every host; only .mjs needs the async loader.
  if (files.some((f) => f.endsWith('.mjs'))) await mocha.loadFilesAsync();
  else mocha.loadFiles();

  const stats = await new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats));
    } catch (err) {
      reject(err);
    }
  });
  // A plain closing line that CI tooling can read.
  console.log(`${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  if (stats.failures > 0) {
    const err = new Error(`${stats.failures} test(s) failed`);
    err.stack = err.message; // the host prints the stack; the reporter already showed where
    throw err;
  }
}

module.exports = { run, findTestFiles, loadMocha };

// The first full review of a contract in a fresh process, from process start to findings:
//   node test/bench/opening-first-review.cjs ROOT FILE
// Prints one line of JSON. Times are performance.now(), that is ms since the process started.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [root, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const beforeEngine = performance.now();
const engine = require(path.join(root, 'dist/engine.js'));
const required = performance.now();
const rulebook = engine.compiledRecommended();
const compiled = performance.now();
const { findings } = engine.analyze(text, rulebook);
const done = performance.now();
process.stdout.write(`${JSON.stringify({
  sinceStartMs: done,
  startupMs: beforeEngine,
  requireMs: required - beforeEngine,
  compileMs: compiled - required,
  analyzeMs: done - compiled,
  findings: findings.length,
})}\n`);

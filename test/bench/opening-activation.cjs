// Extension activation in a fresh process, with `vscode` stubbed:
//   node test/bench/opening-activation.cjs ROOT [--coverage]
// Prints one line of JSON: the ms of require(dist/extension.js) and of activate(), and with
// --coverage (a separate, slower run) whether the bundled compromise code ran during activation.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { extensionContext, installVscodeStub } = require('./vscode-stub.cjs');

const root = process.argv[2];
const coverage = process.argv.includes('--coverage');
const extension = path.join(root, 'dist/extension.js');

/** compromise's package.json (not in its "exports", so found from its main file). */
function compromiseManifest() {
  let dir = path.dirname(require.resolve('compromise', { paths: [root] }));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== 'compromise') {
    if (path.dirname(dir) === dir) throw new Error('compromise is not installed');
    dir = path.dirname(dir);
  }
  return path.join(dir, 'package.json');
}

/**
 * compromise is bundled into dist/extension.js and loaded lazily (its pattern reader and its
 * tagger are two bundles); each module body carries its version string. Block coverage tells
 * whether the code around such a string ran: the count of the innermost covered range that
 * contains it.
 */
function compromiseRan(coverageResult) {
  const source = fs.readFileSync(extension, 'utf8');
  const { version } = JSON.parse(fs.readFileSync(compromiseManifest(), 'utf8'));
  const markers = [`version="${version}"`, `version = "${version}"`, `version='${version}'`, `version = '${version}'`];
  const places = [];
  for (const marker of markers) for (let at = source.indexOf(marker); at >= 0; at = source.indexOf(marker, at + 1)) places.push(at);
  if (!places.length) return { compromiseLoaded: 'unknown', reason: `compromise ${version} not found in dist/extension.js` };
  const script = coverageResult.find((entry) => entry.url === require('node:url').pathToFileURL(extension).href);
  if (!script) return { compromiseLoaded: 'unknown', reason: 'no coverage for dist/extension.js' };
  const counts = places.map((at) => {
    let innermost;
    for (const fn of script.functions) {
      for (const range of fn.ranges) {
        if (range.startOffset <= at && at < range.endOffset && (!innermost || range.endOffset - range.startOffset < innermost.endOffset - innermost.startOffset)) innermost = range;
      }
    }
    return innermost?.count;
  });
  if (counts.every((count) => count === undefined)) return { compromiseLoaded: 'unknown', reason: 'no covered range holds compromise' };
  return { compromiseLoaded: counts.some((count) => count > 0) ? 'yes' : 'no' };
}

async function main() {
  installVscodeStub();
  let session;
  if (coverage) {
    const inspector = require('node:inspector/promises');
    session = new inspector.Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }
  const context = extensionContext(root);
  const start = performance.now();
  const module = require(extension);
  const required = performance.now();
  const returned = module.activate(context);
  if (returned && typeof returned.then === 'function') await returned;
  const activated = performance.now();
  const result = { requireMs: required - start, activateMs: activated - required, totalMs: activated - start, subscriptions: context.subscriptions.length };
  if (coverage) {
    // Work that activation started without awaiting it counts too.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { result: covered } = await session.post('Profiler.takePreciseCoverage');
    Object.assign(result, compromiseRan(covered));
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});

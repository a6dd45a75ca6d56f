// Opening: extension activation with `vscode` stubbed, the first full review of a contract in a
// fresh process, and the size of the production bundle. Each timing is the median of a few
// fresh processes, since one process start on a busy machine says little.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './processes.mjs';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** require(dist/extension.js) + activate(), median ms of `runs` processes, and whether compromise ran. */
export async function measureActivation({ root, runs = 5 }) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await runJsonChild(here('./opening-activation.cjs'), [root], { cwd: root });
    times.push(last.totalMs);
  }
  const probe = await runJsonChild(here('./opening-activation.cjs'), [root, '--coverage'], { cwd: root });
  return { ms: median(times), runs, subscriptions: last.subscriptions, compromiseLoaded: probe.compromiseLoaded, reason: probe.reason };
}

/** From process start to findings on `file`, median of `runs` processes (ms), with its parts. */
export async function measureFirstReview({ root, file, runs = 3 }) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await runJsonChild(here('./opening-first-review.cjs'), [root, file], { cwd: root }));
  const middle = results.find((result) => result.sinceStartMs === median(results.map((r) => r.sinceStartMs)));
  return { ...middle, runs };
}

/**
 * Bytes of dist/extension.js, read right after the production build: the work tree is shared, and
 * a development build (with its source map comment) may replace it at any time.
 */
export function bundleSize(root) {
  const file = path.join(root, 'dist/extension.js');
  const text = fs.readFileSync(file, 'utf8');
  if (/\/\/# sourceMappingURL=\S+\s*$/.test(text)) throw new Error('dist/extension.js is a development build: another build replaced the production build');
  return Buffer.byteLength(text);
}

// How much a second thread brings to the engine on this machine, without the CLI around it: the
// files are read first and split in two halves; each half is reviewed on a worker thread alone,
// then both halves at once. Explains the CLI's corpus figure on a given machine.
// Run by run.mjs in a fresh process:  node test/bench/threads.mjs ROOT FILE...
// Prints one line of JSON.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { printJsonWhenRun, runJsonChild } from './processes.mjs';

/** Files each worker reviews before the clock starts, so that both run compiled code. */
const WARM_UP_FILES = 10;

/** In a worker: compiles the built-in rulebook, warms up, then reviews its half and reports the time. */
function reviewHalf({ root, texts }) {
  const require = createRequire(path.join(root, 'package.json'));
  const engine = require(path.join(root, 'dist/engine.js'));
  const rulebook = engine.compiledRecommended();
  for (const text of texts.slice(0, WARM_UP_FILES)) engine.analyze(text, rulebook);
  parentPort.postMessage({ ready: true });
  parentPort.once('message', () => {
    const start = performance.now();
    let findings = 0;
    for (const text of texts) findings += engine.analyze(text, rulebook).findings.length;
    parentPort.postMessage({ ms: performance.now() - start, findings });
  });
}

/** Starts a worker on `texts`; resolves with a function that runs the timed review once the worker is warm. */
function startWorker(root, texts) {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { root, texts } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () =>
      resolve(() =>
        new Promise((done, fail) => {
          worker.once('message', (result) => {
            void worker.terminate();
            done(result);
          });
          worker.once('error', fail);
          worker.postMessage('go');
        }),
      ),
    );
  });
}

async function measure(root, files) {
  // Alternate by size, so that both halves hold as much text.
  const bySize = files.map((file) => ({ file, size: fs.statSync(file).size })).sort((a, b) => b.size - a.size);
  const halves = [0, 1].map((half) => bySize.filter((_, index) => index % 2 === half).map(({ file }) => fs.readFileSync(file, 'utf8')));
  const alone = [];
  for (const texts of halves) alone.push(await (await startWorker(root, texts))());
  const runs = await Promise.all(halves.map((texts) => startWorker(root, texts)));
  const start = performance.now();
  const together = await Promise.all(runs.map((run) => run()));
  const togetherMs = performance.now() - start;
  const aloneMs = alone[0].ms + alone[1].ms;
  return {
    files: files.length,
    aloneMs,
    togetherMs,
    speedup: aloneMs / togetherMs,
    perThreadSlowdown: (together[0].ms + together[1].ms) / aloneMs,
    sameFindings: alone[0].findings === together[0].findings && alone[1].findings === together[1].findings,
  };
}

/** Runs the measurement in a fresh Node process. */
export function runThreads({ root, files }) {
  return runJsonChild(fileURLToPath(import.meta.url), [root, ...files], { cwd: root });
}

if (isMainThread) printJsonWhenRun(import.meta.url, (root, ...files) => measure(root, files));
else reviewHalf(workerData);

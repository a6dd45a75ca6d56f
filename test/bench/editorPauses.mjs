// How long the editor's reviews hold the extension host at a time: the extension's own review loop
// (src/vscode/reviewer.ts: one incremental reviewer per document, slices that yield, the text on
// screen first) on the largest contract, opened and then edited 200 times, each edit reported as
// VS Code's change events are, while a timer notes the longest gap between two turns of the event
// loop.
// Run by run.mjs in a fresh process:  node test/bench/editorPauses.mjs BUNDLE FILE [EDITS]
// Prints one line of JSON.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { printJsonWhenRun, runJsonChild } from './processes.mjs';
import { EDITS, edits } from './typing.mjs';

/** Bundles the editor's review loop and the built-in rulebook into `tempDir` (the extension bundle does not export them). */
async function bundle(root, tempDir) {
  const projectRequire = createRequire(path.join(root, 'package.json'));
  const esbuild = projectRequire('esbuild');
  // The project's own options: its loaders and the built-in rulebook's pattern snapshot.
  const options = await projectRequire('./esbuild.js').projectBuildOptions();
  const outfile = path.join(tempDir, 'editor-reviewer.cjs');
  await esbuild.build({
    ...options,
    stdin: {
      contents: "export { DocumentReviewers } from './src/vscode/reviewer'; export { compiledRecommended } from './src/engine';",
      resolveDir: root,
      loader: 'ts',
    },
    minify: false,
    sourcemap: false,
    outfile,
  });
  return outfile;
}

/** Runs `work` while noting the longest time the event loop did not get a turn. */
async function withPauses(work) {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  running = false;
  longest = Math.max(longest, performance.now() - last);
  return { ms, longest };
}

async function measure(bundlePath, file, count) {
  const { DocumentReviewers, compiledRecommended } = createRequire(import.meta.url)(bundlePath);
  const rulebook = compiledRecommended();
  const options = { disabledRules: new Set(), includeProtective: true };
  const original = fs.readFileSync(file, 'utf8');
  // About a screen of text in the middle of the document.
  const screen = [{ start: Math.floor(original.length / 2), end: Math.floor(original.length / 2) + 4000 }];
  const reviewers = new DocumentReviewers();
  // The document as the controller sees it: a version number, change events, getText() on demand.
  let version = 1;
  let text = original;
  const current = () => ({ version, length: text.length, getText: () => text });
  const opening = await withPauses(() => reviewers.review(file, current(), rulebook, options, { visible: screen }));
  let editing = 0;
  const times = [];
  for (const { change, text: edited } of edits(original, count)) {
    text = edited;
    version++;
    const edit = await withPauses(async () => {
      reviewers.noteChanges(file, version, [{ rangeOffset: change.offset, rangeLength: change.length, text: change.text }]);
      return reviewers.review(file, current(), rulebook, options, { visible: screen });
    });
    editing = Math.max(editing, edit.longest);
    times.push(edit.ms);
  }
  times.sort((a, b) => a - b);
  return { available: true, openingMs: opening.ms, openingPauseMs: opening.longest, editPauseMs: editing, editP50: times[Math.floor(times.length / 2)], edits: count };
}

/** Bundles, then measures in a fresh Node process. */
export async function runEditorPauses({ root, file, tempDir, edits = EDITS }) {
  const bundlePath = await bundle(root, tempDir);
  return runJsonChild(fileURLToPath(import.meta.url), [bundlePath, file, String(edits)], { cwd: root });
}

printJsonWhenRun(import.meta.url, (bundlePath, file, count) => measure(bundlePath, file, Number(count) || EDITS));

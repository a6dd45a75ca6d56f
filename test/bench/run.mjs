#!/usr/bin/env node
// `npm run bench`: how fast and how large ClauseGuard is on this machine, as a table (or JSON
// with --json). A measurement, not a test: missed targets do not fail it, but a figure that could
// not be taken makes it exit 1. See `npm run bench -- --help`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFiles, largestContract, runClauseGuard, runFloor } from './corpus.mjs';
import { measurePeakRss } from './memory.mjs';
import { bundleSize, measureActivation, measureFirstReview } from './opening.mjs';
import { parseOptions, USAGE } from './options.mjs';
import { describeExit, timeProcess } from './processes.mjs';
import { formatTable, machine, toJson } from './table.mjs';
import { runTextlint } from './textlint.mjs';
import { runThreads } from './threads.mjs';
import { EDITS, runTyping } from './typing.mjs';
import { runEditorPauses } from './editorPauses.mjs';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RULEBOOK = path.join(root, 'src/rulebooks/recommended.rulebook.jsonc');
const QUICK_FILES = 50;

let options;
try {
  options = parseOptions(process.argv.slice(2), root);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const about = machine();
const date = new Date().toISOString();
const progress = (message) => process.stderr.write(`bench: ${message}\n`);
const rows = [];
const failures = [];

/** Adds a figure. `target` is { op, value } or undefined. */
const figure = (section, name, label, unit, target) => {
  const row = { section, name, label, unit, target, value: null };
  rows.push(row);
  return row;
};
/** Marks figures as not taken; `failed` ones make the run exit 1. */
const notTaken = (figures, note, { failed = true, short = 'n/a' } = {}) => {
  for (const row of figures) Object.assign(row, { value: null, note, short });
  if (failed) failures.push(note);
};
/** Runs one measurement; an error leaves its figures not taken, with the reason. */
const attempt = async (figures, what, measure) => {
  try {
    await measure();
  } catch (error) {
    const reason = error?.message ?? String(error);
    progress(`${what} could not be measured: ${reason}`);
    notTaken(figures, reason.startsWith('not available') ? reason : `could not be measured: ${reason}`, { short: reason.startsWith('not available') ? 'not available' : 'error' });
  }
};

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clauseguard-bench-'));
const context = [];
try {
  progress('production build (node esbuild.js --production)');
  const build = await timeProcess(process.execPath, ['esbuild.js', '--production'], { cwd: root });
  if (build.code !== 0) throw new Error(`the production build failed (${describeExit(build)})`);
  let bundleBytes;
  try {
    bundleBytes = bundleSize(root);
  } catch (error) {
    bundleBytes = error;
  }

  const all = corpusFiles(options.corpus);
  const files = options.quick ? all.slice(0, QUICK_FILES) : all;
  const largest = largestContract(all);
  context.push(
    `Corpus: ${files.length}${options.quick ? ` (--quick) of ${all.length}` : ''} contracts in ${options.corpus}`,
    `Largest contract: ${path.basename(largest.file)} (${largest.words} words, ${largest.chars} characters)`,
  );

  // 1. The whole corpus, as whole processes.
  const corpus = `1. Corpus, ${files.length} contracts, wall time from spawn to exit`;
  const cg = figure(corpus, 'corpus.clauseguard.seconds', `ClauseGuard CLI (--jobs ${options.jobs})`, 's');
  const floor = figure(corpus, 'corpus.floor.seconds', 'floor: vocabulary as regular expressions', 's');
  const textlint = figure(corpus, 'corpus.textlint.seconds', 'textlint + textlint-rule-prh', 's');
  const floorRatio = figure(corpus, 'corpus.ratio.clauseguard-over-floor', 'ClauseGuard / floor', '×', { op: '<=', value: 4 });
  const textlintRatio = figure(corpus, 'corpus.ratio.textlint-over-clauseguard', 'textlint / ClauseGuard', '×', { op: '>=', value: 10 });
  // Each corpus figure is the median of --runs runs, taken in turns (ClauseGuard, floor, textlint,
  // then again), so that a slow spell of the machine falls on all three alike.
  const corpusRuns = [
    { what: 'the ClauseGuard CLI', row: cg, rows: [cg, floorRatio, textlintRatio], run: () => runClauseGuard({ root, files, jobs: options.jobs, tempDir }), note: (result) => `${result.findings} findings; ${result.cpu}` },
    { what: 'the floor', row: floor, rows: [floor, floorRatio], run: () => runFloor({ root, rulebook: RULEBOOK, files }), note: (result) => `${result.matches} vocabulary matches; ${result.cpu}` },
  ];
  if (options.skipTextlint) notTaken([textlint, textlintRatio], 'skipped (--skip-textlint)', { failed: false, short: 'skipped' });
  else corpusRuns.push({ what: 'textlint', row: textlint, rows: [textlint, textlintRatio], run: () => runTextlint({ root, rulebook: RULEBOOK, files, tempDir }), note: (result) => `${result.messages} prh reports; ${result.cpu}` });
  for (let round = 1; round <= options.runs; round++) {
    for (const measured of corpusRuns) {
      if (measured.failed) continue;
      progress(`corpus through ${measured.what}${measured.what === 'textlint' ? ' (about half a minute)' : ''}, run ${round} of ${options.runs}`);
      measured.failed = true;
      await attempt(measured.rows, measured.what, async () => {
        (measured.results ??= []).push(await measured.run());
        measured.failed = false;
      });
    }
  }
  for (const { row, results, failed, note } of corpusRuns) {
    if (failed) continue;
    const sorted = [...results].sort((a, b) => a.ms - b.ms);
    const middle = sorted[(sorted.length - 1) >> 1];
    row.value = (sorted.length % 2 ? middle.ms : (middle.ms + sorted[sorted.length >> 1].ms) / 2) / 1000;
    const runs = results.map((result) => (result.ms / 1000).toFixed(2)).join(', ');
    row.note = results.length > 1 ? `median of ${results.length} runs (${runs} s, in order); ${note(middle)}` : note(middle);
  }
  const threads = figure(corpus, 'corpus.engine.two-thread-speedup', 'engine alone: two threads against one', '×');
  progress('the engine alone on one and on two threads (files read first)');
  await attempt([threads], 'two threads', async () => {
    const result = await runThreads({ root, files });
    if (!result.sameFindings) throw new Error('the two runs found different numbers of findings');
    Object.assign(threads, {
      value: result.speedup,
      note: `one thread ${(result.aloneMs / 1000).toFixed(2)} s, two ${(result.togetherMs / 1000).toFixed(2)} s; each thread is ${result.perThreadSlowdown.toFixed(2)}× slower beside another than alone`,
    });
  });
  if (cg.value !== null && floor.value !== null) floorRatio.value = cg.value / floor.value;
  if (cg.value !== null && textlint.value !== null) textlintRatio.value = textlint.value / cg.value;

  // 2. Typing in the largest contract.
  const typing = `2. Typing in the largest contract, ${EDITS} single-word edits`;
  const first = figure(typing, 'typing.first-review.ms', 'first review (incremental reviewer, fresh process)', 'ms');
  const p50 = figure(typing, 'typing.incremental.p50.ms', 'incremental review per edit, p50', 'ms', { op: '<=', value: 5 });
  const p95 = figure(typing, 'typing.incremental.p95.ms', 'incremental review per edit, p95', 'ms', { op: '<=', value: 15 });
  const w50 = figure(typing, 'typing.whole-text.p50.ms', 'the same, whole text handed over per edit, p50', 'ms');
  const w95 = figure(typing, 'typing.whole-text.p95.ms', 'the same, whole text handed over per edit, p95', 'ms');
  const a50 = figure(typing, 'typing.analyze.p50.ms', 'plain analyze() per edit, p50', 'ms');
  const a95 = figure(typing, 'typing.analyze.p95.ms', 'plain analyze() per edit, p95', 'ms');
  const same = figure(typing, 'typing.findings-equal', 'findings after the last edit equal analyze()', '', { op: '=', value: 'yes' });
  const typingFigures = [first, p50, p95, w50, w95, a50, a95, same];
  progress('typing in the largest contract');
  await attempt(typingFigures, 'typing', async () => {
    const result = await runTyping({ root, file: largest.file });
    if (!result.available) throw new Error(`not available: ${result.reason}`);
    first.value = result.firstReviewMs;
    first.note = 'opening the document in a fresh process, its engine code not yet warm (the rulebook compiled before the clock starts)';
    Object.assign(p50, { value: result.incremental.p50, note: 'each edit handed over as the editor reports it (offset, length, text), as the extension does' });
    Object.assign(p95, { value: result.incremental.p95, note: `slowest edit ${result.incremental.max.toFixed(1)} ms` });
    Object.assign(w50, { value: result.wholeText.p50, note: 'includes building the new 300,000-character text (about 2 ms here)' });
    Object.assign(w95, { value: result.wholeText.p95, note: `slowest edit ${result.wholeText.max.toFixed(1)} ms` });
    Object.assign(a50, { value: result.analyze.p50 });
    Object.assign(a95, { value: result.analyze.p95, note: `slowest edit ${result.analyze.max.toFixed(1)} ms` });
    same.value = result.equal ? 'yes' : 'no';
    same.note = `${result.findings} findings on the final text (same ruleId, start, end, severity)`;
    if (!result.equal) {
      const differences = [...result.onlyIncremental.map((k) => `incremental only: ${k}`), ...result.onlyAnalyze.map((k) => `analyze() only: ${k}`)];
      process.stderr.write(`\n${'!'.repeat(72)}\nINCREMENTAL FINDINGS DIFFER FROM analyze() AFTER THE LAST EDIT\n${differences.map((d) => `  ${d}`).join('\n')}\n${'!'.repeat(72)}\n\n`);
      same.note = `DIFFERENT: ${differences.slice(0, 3).join('; ')}${differences.length > 3 ? '; ...' : ''}`;
      failures.push('incremental findings differ from analyze()');
    }
  });

  const openPause = figure(typing, 'editor.opening.longest-pause.ms', "editor: longest pause of the host while it opens", 'ms', { op: '<=', value: 50 });
  const editPause = figure(typing, 'editor.editing.longest-pause.ms', "editor: longest pause of the host while typing", 'ms', { op: '<=', value: 50 });
  progress("the editor's review loop: pauses of the extension host");
  await attempt([openPause, editPause], 'editor pauses', async () => {
    const result = await runEditorPauses({ root, file: largest.file, tempDir });
    Object.assign(openPause, { value: result.openingPauseMs, note: `the extension's sliced review of the largest contract, compiled rulebook at hand; findings after ${result.openingMs.toFixed(0)} ms` });
    Object.assign(editPause, { value: result.editPauseMs, note: `over ${result.edits} edits; edit to findings through the same loop, p50 ${result.editP50.toFixed(1)} ms` });
  });

  // 3. Opening.
  const opening = '3. Opening';
  const activation = figure(opening, 'opening.activation.ms', 'activation: require + activate() (vscode stubbed)', 'ms', { op: '<=', value: 100 });
  const nlp = figure(opening, 'opening.activation.compromise-loaded', 'compromise loaded during activation', '', { op: '=', value: 'no' });
  const firstReview = figure(opening, 'opening.first-review.seconds', 'first full review, largest contract, from process start', 's', { op: '<=', value: 1.5 });
  const size = figure(opening, 'opening.extension-bundle.mb', 'dist/extension.js (production build)', 'MB', { op: '<=', value: 1 });
  progress('activation');
  await attempt([activation, nlp], 'activation', async () => {
    const result = await measureActivation({ root });
    Object.assign(activation, { value: result.ms, note: `median of ${result.runs} fresh processes; ${result.subscriptions} subscriptions registered` });
    if (result.compromiseLoaded === 'unknown') Object.assign(nlp, { value: null, note: `unknown: ${result.reason}`, short: 'unknown' });
    else Object.assign(nlp, { value: result.compromiseLoaded, note: 'V8 block coverage of the compromise code bundled in dist/extension.js, in a separate run' });
  });
  progress('first full review in a fresh process');
  await attempt([firstReview], 'the first review', async () => {
    const result = await measureFirstReview({ root, file: largest.file });
    Object.assign(firstReview, {
      value: result.sinceStartMs / 1000,
      note: `median of ${result.runs}: Node start ${result.startupMs.toFixed(0)} ms, require engine ${result.requireMs.toFixed(0)} ms, `
        + `compile rulebook ${result.compileMs.toFixed(0)} ms, analyze ${result.analyzeMs.toFixed(0)} ms; ${result.findings} findings`,
    });
  });
  await attempt([size], 'the bundle size', async () => {
    if (bundleBytes instanceof Error) throw bundleBytes;
    const bytes = bundleBytes;
    Object.assign(size, { value: bytes / 1e6, note: `${bytes} bytes, read right after the build; MB = 10^6 bytes` });
  });

  // 4. Memory.
  const memory = '4. Memory';
  const rss = figure(memory, 'memory.cli-peak-rss.mb', 'peak RSS of the CLI on the largest contract', 'MB', { op: '<=', value: 200 });
  progress('peak memory of the CLI');
  await attempt([rss], 'peak memory', async () => {
    const result = await measurePeakRss({ root, file: largest.file, tempDir });
    Object.assign(rss, { value: result.bytes / 1e6, note: `maxRSS ${result.maxRssKiB} KiB, VmHWM ${result.vmHwmKiB ?? 'n/a'} KiB; MB = 10^6 bytes` });
  });
} catch (error) {
  failures.push(error.message);
  progress(`stopped: ${error.message}`);
  context.push(`Stopped: ${error.message}`);
} finally {
  fs.rmSync(tempDir, { recursive: true, force: true });
}

if (options.json) process.stdout.write(`${JSON.stringify(toJson({ machine: about, date, rows }), null, 2)}\n`);
else {
  process.stdout.write(formatTable({ machine: about, date, rows, context }));
  if (failures.length) process.stdout.write(`\nNot every figure could be taken (exit code 1):\n${failures.map((reason) => `  - ${reason}`).join('\n')}\n`);
}
process.exitCode = failures.length ? 1 : 0;

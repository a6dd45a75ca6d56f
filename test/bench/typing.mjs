// Typing in a large contract: the incremental reviewer the extension uses, fed 200 single-word
// edits spread through the document, against plain analyze() on the same edits.
// Run by run.mjs in a fresh process:  node test/bench/typing.mjs ROOT FILE [EDITS]
// Prints one line of JSON.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { printJsonWhenRun, runJsonChild } from './processes.mjs';

export const EDITS = 200;

/** Replacement words by length; two each, so a word is never replaced by itself. */
const WORDS = {
  2: ['an', 'or'], 3: ['day', 'key'], 4: ['term', 'fact'], 5: ['usage', 'offer'], 6: ['matter', 'region'],
  7: ['product', 'support'], 8: ['customer', 'schedule'], 9: ['equipment', 'component'], 10: ['conditions', 'commission'],
  11: ['requirement', 'arrangement'], 12: ['organisation', 'distribution'],
};

/**
 * `count` single-word edits, each applied to the previous text, at positions spread evenly
 * through it: two in three replace a word by one of similar length, one in three inserts a word.
 * Yields each edit as an editor reports it (`change`: offset, length, text) and the text after it.
 */
export function* edits(text, count = EDITS) {
  const word = /(?<![A-Za-z])[A-Za-z]{2,}/g;
  for (let i = 0; i < count; i++) {
    word.lastIndex = Math.floor(((i + 0.5) / count) * text.length);
    let match = word.exec(text);
    if (!match) {
      word.lastIndex = 0;
      match = word.exec(text);
    }
    const { index } = match;
    let change;
    if (i % 3 === 2) {
      change = { offset: index, length: 0, text: 'also ' };
    } else {
      const [a, b] = WORDS[Math.min(Math.max(match[0].length, 2), 12)];
      change = { offset: index, length: match[0].length, text: match[0].toLowerCase() === a ? b : a };
    }
    text = text.slice(0, change.offset) + change.text + text.slice(change.offset + change.length);
    yield { change, text };
  }
}

/** The texts after each of the `count` edits of `edits()`. */
export function* editedTexts(text, count = EDITS) {
  for (const { text: edited } of edits(text, count)) yield edited;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
};
const key = (finding) => `${finding.ruleId}|${finding.start}|${finding.end}|${finding.severity}`;

async function timed(call) {
  const start = performance.now();
  let result = call();
  if (result && typeof result.then === 'function') result = await result;
  return { ms: performance.now() - start, result };
}

/** The measurement itself, in this process. */
async function measure(root, file, count) {
  const require = createRequire(path.join(root, 'package.json'));
  const engine = require(path.join(root, 'dist/engine.js'));
  if (typeof engine.createIncrementalReviewer !== 'function') {
    return { available: false, reason: 'dist/engine.js does not export createIncrementalReviewer' };
  }
  const rulebook = engine.compiledRecommended();
  const original = fs.readFileSync(file, 'utf8');

  // The edits are worked out before the clock starts: finding the next word to change searches the
  // whole edited text, which copies it (about 0.6 MB an edit, a quarter of what the timed loop would
  // otherwise allocate) and is the harness's work, not the extension's: VS Code reports the change.
  const changes = [];
  for (const { change } of edits(original, count)) changes.push(change);

  // As the extension does: the first review reads the whole text, each edit after it is handed over as the editor reports it.
  const reviewer = engine.createIncrementalReviewer(rulebook);
  const first = await timed(() => reviewer.review(original));
  const incremental = [];
  let last = first.result;
  for (const change of changes) {
    const { ms, result } = await timed(() => reviewer.review([change]));
    incremental.push(ms);
    last = result;
  }

  // The same edits, the whole text handed over each time (what a caller without change events does).
  const wholeTextReviewer = engine.createIncrementalReviewer(rulebook);
  wholeTextReviewer.review(original);
  const wholeText = [];
  let lastWhole;
  for (const text of editedTexts(original, count)) {
    const { ms, result } = await timed(() => wholeTextReviewer.review(text));
    wholeText.push(ms);
    lastWhole = result;
  }

  const plain = [];
  let finalText = original;
  let reference;
  for (const text of editedTexts(original, count)) {
    const { ms, result } = await timed(() => engine.analyze(text, rulebook));
    plain.push(ms);
    finalText = text;
    reference = result;
  }
  if (reference === undefined) reference = engine.analyze(finalText, rulebook);

  const mine = (last?.findings ?? []).map(key).sort();
  const theirs = reference.findings.map(key).sort();
  const whole = (lastWhole?.findings ?? []).map(key).sort();
  const onlyIncremental = mine.filter((k) => !theirs.includes(k));
  const onlyAnalyze = theirs.filter((k) => !mine.includes(k));
  return {
    available: true,
    edits: count,
    firstReviewMs: first.ms,
    incremental: summary(incremental),
    wholeText: summary(wholeText),
    analyze: summary(plain),
    findings: theirs.length,
    equal: [mine, whole].every((found) => found.length === theirs.length && found.every((k, i) => k === theirs[i])),
    onlyIncremental: onlyIncremental.slice(0, 10),
    onlyAnalyze: onlyAnalyze.slice(0, 10),
  };
}

/** Runs the measurement in a fresh Node process. */
export function runTyping({ root, file, edits = EDITS }) {
  return runJsonChild(fileURLToPath(import.meta.url), [root, file, String(edits)], { cwd: root });
}

printJsonWhenRun(import.meta.url, (root, file, count) => measure(root, file, Number(count) || EDITS));

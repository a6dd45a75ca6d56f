import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, applyTextEdits, compiledRecommended, fixAllEdits, LineIndex, type Finding, type TextEdit } from '../../src/engine';
import { seededRandom as random } from './seededRandom';

/**
 * Any text in, sane findings out. A seeded generator makes thousands of hostile inputs; every one
 * must be reviewed without an exception, in bounded time, with every offset inside the text and on
 * whole characters, and with fixes that touch only their own range. A failure names its seed, so
 * `FUZZ_SEED=<seed> npx mocha` replays it.
 */

const LEGAL = [
  'The Licensee', 'shall', 'shall not', 'hereby grants', 'to the Licensor', 'a royalty-free', 'irrevocable', 'perpetual', 'licence', 'under any Improvements',
  'deliver', 'the Source Code', 'know-how', 'upon request', 'as a condition of', 'the JV Company', 'Governmental Authority', 'Confidential Information',
  'without notice', 'jointly owned', 'hereby assigns', 'all right, title and interest', 'No Party shall', 'Neither Party', 'nor', 'except', 'provided that',
  '"Licensed Technology" means', '(the "JV Company")', 'Section 2.3(a)(ii)', 'Article 5', '[***]', 'two (2) years', 'residual knowledge', 'for any purpose',
  'priority to domestic suppliers', 'in good faith', 'on commercially reasonable terms', 'by implication or estoppel', 'protective order', 'escrow',
];
const PIECES = [
  '\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\ufeff', '\u200b', '\u200d', '\u2028', '\u2029', '\u00a0', '\t', '\f', '\v',
  '\r\n', '\r', '\n', '\n\n', '😀', '𠀀', '👩‍⚖️', 'e\u0301', 'a\u0308\u0323', '\ud800', '\udfff', '“', '”', '‘', '’', '—', '…', '§', '¶', '½',
  'مرحبا', 'עברית', '中文合同', 'Ωμέγα', '. ', '; ', ': ', ', ', '(', ')', '[', ']', '{', '}', '"', "'", '*', '**', '_', '#', '##', '>', '|', '-', '+', '`', '```',
  '<!--', '-->', '%%', '<!-- clauseguard-disable-next-line tt/free-licence -->', 'clauseguard-disable', '....................', '((((((((((', ')))))))))))',
  '1.', '1.1', '(a)', '(iv)', 'ARTICLE V', 'Page 3 of 85', '- 12 -', '  ', '     ',
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

/** A random input mixing contract language, Unicode, control characters, markup and layout. */
function generate(seed: number): string {
  const next = random(seed);
  const parts: string[] = [];
  const length = Math.floor(next() * 200);
  for (let i = 0; i < length; i++) {
    const roll = next();
    if (roll < 0.45) parts.push(pick(next, LEGAL));
    else if (roll < 0.85) parts.push(pick(next, PIECES));
    else if (roll < 0.95) parts.push(String.fromCharCode(Math.floor(next() * 0x10000)));
    else parts.push(String.fromCodePoint(0x10000 + Math.floor(next() * 0xfffff)));
    parts.push(next() < 0.6 ? ' ' : '');
  }
  return parts.join('');
}

/** Markdown with tables, code blocks and headings around real clauses. */
function markdownDocument(seed: number): string {
  const next = random(seed);
  const rows = Array.from({ length: 1 + Math.floor(next() * 6) }, () => `| ${pick(next, LEGAL)} | ${pick(next, LEGAL)} | ${Math.floor(next() * 1e6)} |`);
  return [
    `# ${pick(next, LEGAL)}`,
    '',
    '| Clause | Party | Amount |',
    '| --- | --- | ---: |',
    ...rows,
    '',
    '```',
    `${pick(next, LEGAL)} ${pick(next, LEGAL)}`,
    '```',
    '',
    `2.1 ${LEGAL.slice(0, 10).join(' ')}.`,
    '',
    `> ${pick(next, LEGAL)} shall deliver the Source Code to ${pick(next, LEGAL)}.`,
    '',
    `- ${pick(next, LEGAL)} hereby grants a royalty-free licence under any Improvements.`,
  ].join(next() < 0.5 ? '\n' : '\r\n');
}

const rulebook = compiledRecommended();
const GENEROUS_MS = 10_000;

/** Reviews `text` and checks every property; returns the findings. */
function reviewAndCheck(text: string, label: string, limitMs = GENEROUS_MS): Finding[] {
  const started = performance.now();
  let findings: Finding[];
  try {
    findings = analyze(text, rulebook).findings;
  } catch (error) {
    throw new Error(`${label}: the review threw: ${(error as Error).stack}`);
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < limitMs, `${label}: took ${elapsed.toFixed(0)} ms (limit ${limitMs} ms)`);
  const lines = new LineIndex(text);
  let fixesChecked = 0;
  for (const finding of findings) {
    const where = `${label}: ${finding.ruleId} [${finding.start}, ${finding.end})`;
    assert.ok(Number.isInteger(finding.start) && Number.isInteger(finding.end), `${where}: offsets are integers`);
    assert.ok(finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length, `${where}: inside the text of length ${text.length}`);
    assertWholeCharacters(text, finding.start, `${where} start`);
    assertWholeCharacters(text, finding.end, `${where} end`);
    assert.deepEqual(finding.range, lines.rangeOf(finding.start, finding.end), `${where}: range matches the offsets`);
    if (finding.end > finding.start) {
      assert.ok(!/\s/.test(text[finding.start]) && !/\s/.test(text[finding.end - 1]), `${where}: starts and ends on the clause, not on white space`);
    }
    for (const fix of finding.fixes) {
      const edits = [...fix.edits].sort((a, b) => a.start - b.start);
      edits.forEach((edit, index) => {
        assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `${where}: fix "${fix.title}" edit inside the text`);
        assertWholeCharacters(text, edit.start, `${where} fix start`);
        assertWholeCharacters(text, edit.end, `${where} fix end`);
        if (index > 0) assert.ok(edits[index - 1].end <= edit.start, `${where}: edits of one fix do not overlap`);
      });
      assertSurgical(text, fix.edits, edits, fixesChecked++ < WHOLE_TEXT_CHECKS, `${where}: fix "${fix.title}"`);
    }
  }
  const all = fixAllEdits(findings);
  for (let i = 1; i < all.length; i++) {
    assert.ok(all[i - 1].end <= all[i].start && !(all[i - 1].end === all[i].start && (all[i - 1].start === all[i - 1].end || all[i].start === all[i].end)), `${label}: fix-all edits do not overlap`);
  }
  return findings;
}

/** Fixes applied to the whole text per input; the rest are applied to a window around them (a 100,000-line input has 28,000 fixes). */
const WHOLE_TEXT_CHECKS = 200;
const WINDOW = 200;

/** Applying the fix changes its own range and leaves every other character identical. */
function assertSurgical(text: string, edits: readonly TextEdit[], sorted: readonly TextEdit[], wholeText: boolean, where: string): void {
  const first = sorted[0]?.start ?? 0;
  const last = sorted[sorted.length - 1]?.end ?? 0;
  const from = wholeText ? 0 : Math.max(0, first - WINDOW);
  const to = wholeText ? text.length : Math.min(text.length, last + WINDOW);
  const original = text.slice(from, to);
  const fixed = applyTextEdits(original, edits.map((edit) => ({ ...edit, start: edit.start - from, end: edit.end - from })));
  assert.equal(fixed.slice(0, first - from), original.slice(0, first - from), `${where}: text before the fix is untouched`);
  assert.equal(fixed.slice(fixed.length - (to - last)), original.slice(last - from), `${where}: text after the fix is untouched`);
}

/** An offset must not fall between a high and a low surrogate, nor between \r and \n. */
function assertWholeCharacters(text: string, offset: number, where: string): void {
  if (offset <= 0 || offset >= text.length) return;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  assert.ok(!(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff), `${where}: ${offset} splits a surrogate pair`);
  assert.ok(!(before === 13 && after === 10), `${where}: ${offset} splits a CRLF`);
}

describe('fuzzing the engine', function () {
  this.timeout(600_000);
  const base = Number(process.env.FUZZ_SEED ?? 20261128);
  const count = Number(process.env.FUZZ_COUNT ?? 2000);

  it(`reviews ${count} random inputs (seeds ${base}..${base + count - 1}) sanely`, () => {
    let findings = 0;
    for (let i = 0; i < count; i++) {
      const seed = base + i;
      findings += reviewAndCheck(i % 4 === 3 ? markdownDocument(seed) : generate(seed), `seed ${seed}`).length;
    }
    assert.ok(findings > count / 10, `the inputs are realistic enough to produce findings (${findings})`);
  });

  it('gives the same findings for CRLF, CR and LF line ends', () => {
    for (let i = 0; i < 300; i++) {
      const seed = base + 10_000 + i;
      const lf = generate(seed).replace(/\r\n|\r|\u2028|\u2029/g, '\n');
      const summarise = (text: string): string[] => reviewAndCheck(text, `seed ${seed} (line ends)`).map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}-${finding.range.end.line}:${finding.range.end.character}`);
      const expected = summarise(lf);
      assert.deepEqual(summarise(lf.replace(/\n/g, '\r\n')), expected, `seed ${seed}: CRLF`);
      assert.deepEqual(summarise(lf.replace(/\n/g, '\r')), expected, `seed ${seed}: CR`);
    }
  });

  const special: [string, () => string, number?][] = [
    ['empty text', () => ''],
    ['white space only', () => ' \t\n\r\n   \u00a0\n'],
    ['a UTF-8 byte order mark and a clause', () => '\ufeffThe Licensor shall deliver the Source Code to the Licensee.\n'],
    ['NUL and control characters', () => '\u0000\u0001\u0002The\u0000Licensor shall\u0007deliver\u001b the Source\u0000Code.\u0000'],
    ['astral characters and combining marks', () => '𠀀𠀁😀 The Licensee̶ hereby̷ grants 👩‍⚖️ a royalty-free licence under any Improvements 🏛️.\n'.repeat(50)],
    ['dot leaders', () => `Article 1 ${'.'.repeat(5000)} 3\nArticle 2 ${'. '.repeat(5000)} 7\n`],
    ['thousands of parentheses', () => `${'('.repeat(20_000)}The Licensor shall deliver the Source Code.${')'.repeat(20_000)}`],
    ['thousands of quotes and brackets', () => `${'"'.repeat(10_000)}${'[***]'.repeat(5_000)}${"'".repeat(10_000)}`],
    ['100,000 short lines', () => Array.from({ length: 100_000 }, (_value, index) => (index % 7 === 0 ? 'shall deliver the Source Code' : `${index}.`)).join('\n'), 60_000],
    ['a 10 MB single line', () => {
      const next = random(7);
      const words: string[] = [];
      let length = 0;
      while (length < 10 * 1024 * 1024) {
        const word = next() < 0.1 ? pick(next, LEGAL) : pick(next, ['the', 'of', 'and', 'Party', 'Agreement', 'data', 'shall', 'any', 'provide', 'license', 'x', '😀', '.', ';']);
        words.push(word);
        length += word.length + 1;
      }
      return words.join(' ');
    }, 120_000],
  ];
  for (const [name, make, limit] of special) {
    it(`reviews ${name}`, () => {
      reviewAndCheck(make(), name, limit ?? GENEROUS_MS);
    });
  }
});

describe('real contracts', function () {
  this.timeout(600_000);
  const root = path.resolve(__dirname, '../../..');
  // The CUAD corpus the project is developed against sits beside the project (or where CLAUSEGUARD_CORPUS says).
  const corpus = process.env.CLAUSEGUARD_CORPUS ?? path.resolve(root, '../shared/corpus/cuad/contracts');

  it('reviews the example draft and the fixture contracts sanely, every fix surgical', () => {
    const files = [path.join(root, 'examples/joint-venture-draft.md'), ...readdirSync(path.join(root, 'test/fixtures/contracts')).map((name) => path.join(root, 'test/fixtures/contracts', name))];
    const findings = files.reduce((count, file) => count + reviewAndCheck(readFileSync(file, 'utf8'), path.basename(file)).length, 0);
    assert.ok(findings > 20, `${findings} findings`);
  });

  it('reviews every contract of the CUAD corpus sanely, every fix surgical (where the corpus is at hand)', function () {
    if (!existsSync(corpus)) {
      console.log(`      (no corpus at ${corpus}: set CLAUSEGUARD_CORPUS to check one)`);
      this.skip();
    }
    const files = readdirSync(corpus).filter((name) => /\.(txt|md)$/i.test(name));
    let findings = 0;
    let fixes = 0;
    for (const name of files) {
      const found = reviewAndCheck(readFileSync(path.join(corpus, name), 'utf8'), name);
      findings += found.length;
      fixes += found.reduce((count, finding) => count + finding.fixes.length, 0);
    }
    console.log(`      ${files.length} contracts, ${findings} findings, ${fixes} fixes checked`);
    assert.ok(files.length > 0 && findings > files.length, `${files.length} contracts, ${findings} findings`);
  });
});

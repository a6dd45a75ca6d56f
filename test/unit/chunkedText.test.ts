import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChunkedText } from '../../src/engine/text/chunkedText';
import { seededRandom } from './seededRandom';

/**
 * ChunkedText must read exactly like the string it stands for, whatever edits made it: each
 * check keeps a plain string beside it, applies the same edits to both and compares every read.
 */

const DRAFT = readFileSync(path.resolve(__dirname, '../../../examples/joint-venture-draft.md'), 'utf8');
const PIECES = ['', 'a', 'also ', '\n', '“quoted”', '𝒜', 'x'.repeat(9000), DRAFT.slice(0, 20000)];

function assertReadsLike(chunked: ChunkedText, text: string, random: () => number, where: string): void {
  assert.equal(chunked.length, text.length, `${where}: length`);
  for (let probe = 0; probe < 40; probe++) {
    const start = Math.floor(random() * (text.length + 20)) - 10;
    const end = start + Math.floor(random() * 20000) - 100;
    assert.equal(chunked.slice(start, end), text.slice(start, end), `${where}: slice(${start}, ${end})`);
    assert.equal(chunked.slice(start), text.slice(start), `${where}: slice(${start})`);
    const index = Math.floor(random() * (text.length + 4)) - 2;
    assert.ok(Object.is(chunked.charCodeAt(index), text.charCodeAt(index)), `${where}: charCodeAt(${index})`);
  }
  for (const needle of ['<!--', 'shall', '“', '\n\n', 'x'.repeat(30), 'not in any text \u0000', '']) {
    assert.equal(chunked.includes(needle), text.includes(needle), `${where}: includes(${JSON.stringify(needle)})`);
    const from = Math.floor(random() * (text.length + 10));
    assert.equal(chunked.lastIndexOf(needle, from), text.lastIndexOf(needle, from), `${where}: lastIndexOf(${JSON.stringify(needle)}, ${from})`);
    assert.equal(chunked.lastIndexOf(needle), text.lastIndexOf(needle), `${where}: lastIndexOf(${JSON.stringify(needle)})`);
  }
  assert.equal(chunked.slice(), text, `${where}: slice()`);
  assert.equal(String(chunked), text, `${where}: toString`);
}

describe('ChunkedText', () => {
  it('reads like the string it was made from, at chunk edges too', () => {
    const random = seededRandom(11);
    const chunked = ChunkedText.of(DRAFT);
    assertReadsLike(chunked, DRAFT, random, 'fresh');
    for (const edge of [8191, 8192, 8193, 16384]) {
      assert.equal(chunked.slice(edge - 3, edge + 3), DRAFT.slice(edge - 3, edge + 3));
      assert.equal(chunked.charCodeAt(edge), DRAFT.charCodeAt(edge));
    }
  });

  it('after thousands of seeded splices reads like the same splices made on a string', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      let text = DRAFT.repeat(3);
      let chunked = ChunkedText.of(text);
      for (let edit = 0; edit < 1500; edit++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = Math.min(text.length, start + (random() < 0.2 ? Math.floor(random() * 30000) : Math.floor(random() * 12)));
        const replacement = PIECES[Math.floor(random() * PIECES.length)];
        text = text.slice(0, start) + replacement + text.slice(end);
        chunked = chunked.splice(start, end, replacement);
        if (edit % 100 === 0 || text.length < 50) assertReadsLike(chunked, text, random, `seed ${seed}, edit ${edit}`);
      }
      assertReadsLike(chunked, text, random, `seed ${seed}, end`);
    }
  });

  it('knows a needle found nowhere is still nowhere after a splice, unless the splice brings it in', () => {
    let chunked = ChunkedText.of('x'.repeat(20000) + '<!' + 'y'.repeat(20000));
    assert.equal(chunked.includes('<!--'), false);
    // Typed in the middle of the needle's place: "<!" + "--" meet across the cut.
    chunked = chunked.splice(20002, 20002, '--');
    assert.equal(chunked.includes('<!--'), true);
    assert.equal(chunked.lastIndexOf('<!--', 30000), 20000);
    chunked = chunked.splice(20002, 20004, '');
    assert.equal(chunked.includes('<!--'), false);
    assert.equal(chunked.lastIndexOf('<!--'), -1);
    // A deletion that joins the two halves of a needle.
    chunked = chunked.splice(20002, 20002, 'zz--');
    assert.equal(chunked.includes('<!--'), false);
    chunked = chunked.splice(20002, 20004, '');
    assert.equal(String(chunked).includes('<!--'), true);
    assert.equal(chunked.includes('<!--'), true);
    // Far from the needle's place, an edit leaves what is known as it was.
    let clean = ChunkedText.of(DRAFT.replaceAll('clauseguard-', ''));
    assert.equal(clean.includes('clauseguard-'), false);
    for (let edit = 0; edit < 50; edit++) clean = clean.splice(edit * 97, edit * 97 + 3, 'abc');
    assert.equal(clean.includes('clauseguard-'), false);
    clean = clean.splice(5000, 5000, '<!-- clauseguard-disable-next-line -->');
    assert.equal(clean.includes('clauseguard-'), true);
  });

  it('leaves the text it was made from as it was', () => {
    const before = ChunkedText.of(DRAFT);
    const after = before.splice(100, 200, 'REPLACED');
    assert.equal(String(before), DRAFT);
    assert.equal(String(after), DRAFT.slice(0, 100) + 'REPLACED' + DRAFT.slice(200));
  });

  it('grows from nothing and shrinks to nothing', () => {
    let chunked = ChunkedText.of('');
    assert.equal(chunked.length, 0);
    assert.equal(chunked.slice(0, 10), '');
    assert.ok(Number.isNaN(chunked.charCodeAt(0)));
    chunked = chunked.splice(0, 0, DRAFT);
    assert.equal(String(chunked), DRAFT);
    chunked = chunked.splice(0, DRAFT.length, '');
    assert.equal(chunked.length, 0);
    assert.equal(String(chunked), '');
  });

  it('refuses a splice outside the text', () => {
    const chunked = ChunkedText.of('abc');
    assert.throws(() => chunked.splice(2, 4, 'x'), RangeError);
    assert.throws(() => chunked.splice(-1, 1, 'x'), RangeError);
    assert.throws(() => chunked.splice(2, 1, 'x'), RangeError);
  });
});

import * as assert from 'node:assert/strict';
import { loadNlp } from '../../src/engine/nlp/compromise';
import { findPatternMatches, STEP_BUDGET, uniformPattern } from '../../src/engine/nlp/patternMatcher';
import { buildSentenceDoc } from '../../src/engine/nlp/sentenceDoc';
import { wordsOf } from '../../src/engine/nlp/words';

/** The words each match of `pattern` covers in `sentence`, as text. */
function matches(pattern: string, sentence: string, uniform = false): string[] {
  const doc = buildSentenceDoc(sentence, { start: 0, end: sentence.length }, wordsOf(sentence), [], true);
  const parsed = loadNlp().parseMatch(pattern);
  return findPatternMatches(doc.tokens, uniform ? uniformPattern(parsed) : parsed).map(({ first, last }) => sentence.slice(doc.tokens[first].start, doc.tokens[last].end));
}

describe('pattern matcher', () => {
  it('matches the same with its terms in one shape as with the shapes compromise gives them', () => {
    const cases: [string, string][] = [
      ['technology .{0,6} (owned|licensed) by', 'all technology owned or licensed by the Company'],
      ['(the|a)? licence', 'grants a licence and licence rights'],
      ['!not (shall|will) [.{2,3}] deliver', 'Seller shall promptly and fully deliver, and will not deliver'],
      ['^licensee (assigns|transfers) (all|any)? rights?', 'Licensee assigns all rights and any right'],
      ['(very|good)+ good$', 'a very very good'],
    ];
    for (const [pattern, sentence] of cases) {
      assert.deepEqual(matches(pattern, sentence, true), matches(pattern, sentence), pattern);
      assert.notDeepEqual(matches(pattern, sentence), [], `${pattern} should match something`);
    }
    const shapes = new Set(
      cases.flatMap(([pattern]) => (uniformPattern(loadNlp().parseMatch(pattern)) as unknown as object[]).map((term) => Object.keys(term).join())),
    );
    assert.equal(shapes.size, 1, [...shapes].join('\n'));
  });

  it('backtracks out of a greedy wildcard to reach the term after it', () => {
    assert.deepEqual(matches('technology .{0,6} (owned|licensed) by', 'all technology owned or licensed by the Company'), ['technology owned or licensed by']);
  });

  it('takes the longest run of a repeated term, and gives tokens back when the next term needs them', () => {
    assert.deepEqual(matches('very+ good', 'a very very very good idea'), ['very very very good']);
    assert.deepEqual(matches('(very|good)+ good', 'a very very good idea'), ['very very good']);
  });

  it('reads an optional one-token group with and without its token', () => {
    assert.deepEqual(matches('(the|a)? licence', 'grants a licence and licence rights'), ['a licence', 'licence']);
  });

  it('keeps to the bounds of a counted repetition, fewest first when it is not greedy', () => {
    assert.deepEqual(matches('shall [.{2,3}] deliver', 'Seller shall promptly and fully deliver'), ['shall promptly and fully deliver']);
    assert.deepEqual(matches('shall .{2,3} deliver', 'Seller shall promptly deliver'), []);
    assert.deepEqual(matches('shall .{2,3} deliver', 'Seller shall a b c d deliver'), []);
  });

  it('applies a negation to the one token it covers', () => {
    assert.deepEqual(matches('shall !not disclose', 'Licensee shall not disclose'), []);
    assert.deepEqual(matches('shall !not disclose', 'Licensee shall promptly disclose'), ['shall promptly disclose']);
    // Greedy: the run of tokens that are neither runs to the last 'disclose' and gives one back.
    assert.deepEqual(matches('!(not|never)+ disclose', 'never disclose, then promptly disclose'), ['disclose, then promptly disclose']);
  });

  it('does not overlap its matches, reading left to right', () => {
    assert.deepEqual(matches('source code', 'source code and source code'), ['source code', 'source code']);
  });

  it('finds a group of several-word choices at every token one of its choices starts on', () => {
    assert.deepEqual(matches('(invention assignment|assignment agreement) form', 'sign the invention assignment form and the assignment agreement form'), [
      'invention assignment form',
      'assignment agreement form',
    ]);
    // A group that may be absent, or whose choice may begin with an optional word, can start anywhere.
    assert.deepEqual(matches('(invention assignment|assignment)? agreement', 'this agreement and the invention assignment agreement'), ['agreement', 'invention assignment agreement']);
    assert.deepEqual(matches('(the? source code|know how) escrow', 'in the source code escrow, source code escrow and know how escrow'), [
      'the source code escrow',
      'source code escrow',
      'know how escrow',
    ]);
    // A choice may begin with a negated word: any token but that one.
    assert.deepEqual(matches('(!not assign|transfer) rights', 'shall not assign rights, may transfer rights, will assign rights'), ['transfer rights', 'will assign rights']);
    assert.deepEqual(matches('(very good|good)+ idea', 'a very good good idea'), ['very good good idea']);
  });

  it('stops reading a sentence once a pattern has taken its step budget, so no pattern can hang a review', () => {
    // Each start in the run of 300 tries every split of it between the three repetitions before failing.
    const sentence = `${Array.from({ length: 300 }, () => 'very').join(' ')} x very very very end`;
    assert.deepEqual(matches('very+ very+ very+ end', sentence), []);
    assert.deepEqual(matches('very+ very+ very+ end', 'x very very very end'), ['very very very end']);
    assert.ok(STEP_BUDGET < 300 ** 3);
  });
});

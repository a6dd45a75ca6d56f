import * as assert from 'node:assert/strict';
import { analyze, compileRulebooks, parseRulebook, type CompiledRulebook } from '../../src/engine';
import { seededRandom } from './seededRandom';

function rulebookWith(patterns: string[]): CompiledRulebook {
  const text = JSON.stringify({
    name: 'chains-test',
    vocabulary: { Tech: ['source code', 'technology', 'know-how'], Party: ['licensee', 'licensor'] },
    rules: patterns.map((pattern, index) => ({
      id: `test/chain-${index}`,
      category: 'disclosure-demand',
      severity: 'warning',
      title: 'Chain test',
      message: 'Chain test.',
      explanation: 'A test rule.',
      citation: 'Test.',
      match: { all: [{ pattern }] },
      examples: { match: ['Not run here.'], noMatch: [] },
    })),
  });
  const compiled = compileRulebooks([parseRulebook('chains-test', text)]);
  assert.ok(compiled.rulebook, JSON.stringify(compiled.problems));
  return compiled.rulebook;
}

/** The same rulebook with its chains dropped: the prefilter then asks only that each word is somewhere. */
function withoutChains(patterns: string[]): CompiledRulebook {
  const rulebook = rulebookWith(patterns);
  for (const rule of rulebook.sentenceRules) rule.chains = [];
  return rulebook;
}

const findingsOf = (text: string, rulebook: CompiledRulebook): string[] => analyze(text, rulebook).findings.map((finding) => `${finding.ruleId}@${finding.start}-${finding.end}`);

describe('requirement chains', () => {
  const pattern = '(accept|purchase) .{0,3} #Party .{0,2} (services|products)';

  it('keep the order of a pattern\'s requirements and the most tokens between them', () => {
    const [rule] = rulebookWith([pattern]).sentenceRules;
    assert.deepEqual(
      rule.chains.map((chain) => chain.map((link) => [[...link.requirement.words, ...link.requirement.concepts].join('|'), link.maxAfter])),
      [[['accept|purchase', 0], ['Party', 4], ['services|products', 3]]],
    );
  });

  it('turn away a sentence whose words are all there but too far apart, before it is parsed', () => {
    const rulebook = rulebookWith([pattern]);
    const near = 'The Company shall purchase from the Licensee all services it needs.';
    const far = 'The Company shall purchase equipment, at prices agreed in writing from time to time, and the Licensee shall provide services.';
    assert.equal(findingsOf(near, rulebook).length, 1);
    const result = analyze(far, rulebook);
    assert.deepEqual(result.findings, []);
    assert.equal(result.statistics.candidates, 0, 'no sentence reached the pattern matcher');
    assert.equal(analyze(far, withoutChains([pattern])).statistics.candidates, 1, 'the words alone let it through');
  });

  it('count tokens, not words: a reference written as one token does not stretch the distance', () => {
    const rulebook = rulebookWith(['deliver .{0,2} #Tech']);
    // Six words from "deliver" to "technology", but three tokens: "7.01(b)(2)" is one.
    assert.equal(findingsOf('Licensor shall deliver 7.01(b)(2) technology.', rulebook).length, 1);
    assert.equal(findingsOf('Licensor shall deliver 7 01 b 2 technology.', rulebook).length, 0);
  });

  it('never turn away a sentence the pattern matches (generated patterns and sentences)', () => {
    const random = seededRandom(20261128);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const words = ['alpha', 'beta', 'gamma', 'delta', 'source', 'code', 'technology', 'licensee', 'the', 'any'];
    const anchors = ['alpha', 'beta', '#Tech', '#Party', '(gamma delta|beta)'];
    const terms = ['alpha', 'beta', 'gamma', 'delta', '#Tech', '#Party', '(alpha|beta)', '(gamma delta|beta)', '(the)?', '.', '.{0,2}', '.{1,3}', '(any .{0,1} alpha|delta)', 'gamma+', '!beta'];
    const separators = [' ', ' ', ' ', '-', ', ', ' 7.01(b) ', ' [***] ', "'s ", ' (a) '];
    let compared = 0;
    let flagged = 0;
    let turnedAway = 0;
    for (let round = 0; round < 60; round++) {
      const patterns = Array.from({ length: 4 }, () => {
        const rest = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(terms));
        rest.splice(Math.floor(random() * (rest.length + 1)), 0, pick(anchors));
        return rest.join(' ');
      });
      const checked = rulebookWith(patterns);
      const reference = withoutChains(patterns);
      for (let sentence = 0; sentence < 25; sentence++) {
        const body = Array.from({ length: 3 + Math.floor(random() * 14) }, (_, index) => (index ? pick(separators) : '') + pick(words)).join('');
        const text = `The Licensor shall ${body}.`;
        const expected = findingsOf(text, reference);
        assert.deepEqual(findingsOf(text, checked), expected, `patterns ${JSON.stringify(patterns)} on "${text}"`);
        compared++;
        if (expected.length) flagged++;
        if (analyze(text, checked).statistics.candidates < analyze(text, reference).statistics.candidates) turnedAway++;
      }
    }
    assert.equal(compared, 1500);
    // Not a vacuous check: many sentences match, and chains turn many others away.
    assert.ok(flagged > 300 && turnedAway > 100, `flagged ${flagged}, turned away ${turnedAway}`);
  });
});

import * as assert from 'node:assert/strict';
import { analyze, compileRulebooks, parseRulebook, recommendedRulebook } from '../../src/engine';
import { isNlpLoaded, loadNlp, parseMatch } from '../../src/engine/nlp/compromise';
import type { CompiledCondition } from '../../src/engine/rulebook/compileRulebook';
import { uniformPattern } from '../../src/engine/nlp/patternMatcher';

/** Term specs as JSON, with sets and regular expressions spelled out, to compare two readings. */
function specs(pattern: unknown): string {
  return JSON.stringify(pattern, (_key, value: unknown) => (value instanceof Set ? ['Set', ...value] : value instanceof RegExp ? `RegExp ${value}` : value));
}

const TAGGING_RULEBOOK = JSON.stringify({
  name: 'tagging-test',
  vocabulary: { Tech: ['technology'] },
  rules: [
    {
      id: 'test/adjective-technology',
      category: 'forced-transfer',
      severity: 'warning',
      title: 'Described technology',
      message: 'Technology is described.',
      explanation: 'A test rule whose pattern names a part of speech, so it needs the tagger.',
      citation: 'Test.',
      match: { modality: ['obligation'], all: [{ pattern: 'transfer the #Adjective #Tech' }] },
      examples: { match: ['Licensee shall transfer the proprietary technology.'], noMatch: ['Licensee shall transfer the technology.'] },
    },
  ],
});

// The checks on when the tagger loads come first: this file is bundled on its own, so nothing else has loaded it.
describe('compromise, loaded as far as a rulebook needs it', () => {
  it('compiles the built-in rulebook and reviews a contract without loading the tagger', () => {
    const { rulebook } = compileRulebooks([recommendedRulebook()]);
    assert.ok(rulebook);
    const { findings } = analyze('The Licensee shall transfer all Technology to the Joint Venture upon request, free of charge.', rulebook);
    assert.ok(findings.length > 0, 'the built-in rules still find the clause');
    assert.equal(isNlpLoaded(), false);
  });

  it('loads the tagger for a rulebook whose patterns name parts of speech, and tags with it', () => {
    const { rulebook, problems } = compileRulebooks([parseRulebook('tagging-test', TAGGING_RULEBOOK)]);
    assert.ok(rulebook, JSON.stringify(problems));
    assert.equal(isNlpLoaded(), true);
    assert.deepEqual(analyze('Licensee shall transfer the proprietary technology.', rulebook).findings.map((finding) => finding.ruleId), ['test/adjective-technology']);
    assert.deepEqual(analyze('Licensee shall transfer the technology.', rulebook).findings, []);
  });

  it('reads every pattern of the built-in rulebook exactly as the tagger-bearing compromise does', () => {
    const { rulebook } = compileRulebooks([recommendedRulebook()]);
    const conditions = rulebook!.sentenceRules.flatMap((rule) => [...rule.all, ...rule.any, ...rule.none]);
    const patterns = conditions.filter((condition): condition is Extract<CompiledCondition, { source: string }> => 'source' in condition && 'pattern' in condition);
    assert.ok(patterns.length > 150, `only ${patterns.length} patterns found`);
    // Compiled patterns have their terms in one shape (uniformPattern): compare like with like.
    for (const { source, pattern } of patterns) assert.equal(specs(pattern), specs(uniformPattern(loadNlp().parseMatch(source))), source);
  });

  it('reads a {root} term with the tagger, which expands it into the inflections of the root', () => {
    const [term] = parseMatch('{transfer}') as unknown as { fastOr?: Set<string> }[];
    assert.ok(term.fastOr?.has('transferred') && term.fastOr.has('transfers'), specs(term));
  });
});

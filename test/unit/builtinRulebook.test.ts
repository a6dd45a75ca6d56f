import * as assert from 'node:assert/strict';
import { compiledRecommended, recommendedRulebook, RISK_CATEGORIES, ruleExamples, runRuleExample } from '../../src/engine';

describe('built-in rulebook', () => {
  const rulebook = compiledRecommended();

  it('loads without problems, not even warnings', () => {
    assert.deepEqual(recommendedRulebook().problems, []);
  });

  it('covers every category of TAXONOMY.md, missing-protection and protective', () => {
    const categories = new Set([...rulebook.rulesById.values()].map((rule) => rule.category));
    for (const category of [...RISK_CATEGORIES, 'missing-protection', 'protective']) assert.ok(categories.has(category as never), `no rule for ${category}`);
  });

  it('gives every risk rule an explanation, a citation and a preferred fix', () => {
    for (const rule of rulebook.rulesById.values()) {
      if (rule.category === 'protective') continue;
      assert.ok(rule.explanation.length > 80, `${rule.id}: explanation too short`);
      assert.ok(rule.citation.length > 10, `${rule.id}: no citation`);
      assert.ok((rule.fixes ?? []).some((fix) => fix.preferred), `${rule.id}: no preferred fix`);
      assert.ok(rule.examples.match.length > 0, `${rule.id}: no example that must match`);
    }
  });

  describe('every example of every rule', () => {
    for (const example of ruleExamples(rulebook)) {
      it(`${example.ruleId} ${example.expectation === 'match' ? 'flags' : 'does not flag'}: ${example.example.slice(0, 70)}`, () => {
        const result = runRuleExample(rulebook, example);
        assert.ok(result.passed, `${result.ruleId} ${result.expectation === 'match' ? 'did not flag' : 'flagged'} the example; rules that flagged it: ${result.found.join(', ') || 'none'}`);
      });
    }
  });
});

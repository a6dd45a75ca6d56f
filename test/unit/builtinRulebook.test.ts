import * as assert from 'node:assert/strict';
import { compiledRecommended, parseRulebook, RECOMMENDED, recommendedRulebook, RISK_CATEGORIES, ruleExamples, runRuleExample } from '../../src/engine';
import { parseTrustedRulebook } from '../../src/engine/rulebook/parseRulebook';

describe('built-in rulebook', () => {
  const rulebook = compiledRecommended();

  it('loads without problems, not even warnings, through the general loader', () => {
    // The engine reads the built-in rulebook without the checks (parseTrustedRulebook): this is where they run.
    const general = parseRulebook(RECOMMENDED, recommendedRulebook().text);
    assert.deepEqual(general.problems, []);
    assert.deepEqual(recommendedRulebook().rulebook, plain(general.rulebook));
    assert.deepEqual(recommendedRulebook().locate(['rules', 3, 'id']), general.locate(['rules', 3, 'id']));
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

/** The general loader's objects have no prototype; JSON.parse's have Object's. The same data either way. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('parseTrustedRulebook', () => {
  const text = [
    '// A rulebook with comments',
    '{',
    '  /* a block',
    '     comment */ "name": "Team // not a comment",',
    '  "vocabulary": { "Escrow": ["source code escrow", "say \\"/* no */\\""] }, // trailing',
    '  "rules": []',
    '}',
  ].join('\n');

  it('reads the same value as the general loader, comment marks inside strings included', () => {
    const trusted = parseTrustedRulebook('team.json', text);
    const general = parseRulebook('team.json', text);
    assert.deepEqual(general.problems, []);
    assert.deepEqual(trusted.rulebook, plain(general.rulebook));
    assert.equal((trusted.rulebook as unknown as { name: string }).name, 'Team // not a comment');
  });

  it('finds positions in the text when a problem needs one', () => {
    const trusted = parseTrustedRulebook('team.json', text);
    const at = trusted.locateKey(['vocabulary', 'Escrow']);
    assert.equal(text.slice(at.offset, at.offset + at.length), '"Escrow"');
  });

  it('hands text that is not plain JSON without its comments to the general loader', () => {
    const withTrailingComma = '{ "name": "Team", "rules": [], }';
    assert.deepEqual(plain(parseTrustedRulebook('team.json', withTrailingComma).rulebook), plain(parseRulebook('team.json', withTrailingComma).rulebook));
    const broken = '{ "name": "Team", ';
    assert.equal(parseTrustedRulebook('team.json', broken).problems[0]?.severity, 'error');
  });
});

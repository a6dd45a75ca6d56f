import * as assert from 'node:assert/strict';
import { analyze, formatProblem, isRiskCategory, loadRulebooks, type RulebookHost } from '../../src/engine';

/** A host over an in-memory folder: locations are paths like `/team/rulebook.json`. */
function memoryHost(files: Record<string, string>, packages: Record<string, string> = {}, allowPackages = true): RulebookHost {
  return {
    async read(location) {
      if (!(location in files)) throw new Error('no such file');
      return files[location];
    },
    resolveRelative: (from, specifier) => {
      const parts = from.split('/').slice(0, -1);
      for (const part of specifier.split('/')) {
        if (part === '..') parts.pop();
        else if (part !== '.') parts.push(part);
      }
      return parts.join('/');
    },
    resolvePackage: async (_from, name) => packages[name],
    display: (location) => location.replace(/^\//, ''),
    allowPackages,
  };
}

const RULE = {
  id: 'team/cell-line',
  category: 'disclosure-demand',
  severity: 'error',
  title: 'Cell line handed over',
  message: 'A cell line must be handed over.',
  explanation: 'Cell lines are our trade secret.',
  citation: 'Team position.',
  match: { all: [{ pattern: '(deliver|transfer) .{0,8} #CellLine' }], negated: false, modality: ['obligation'] },
  examples: { match: ['The Supplier shall deliver the master cell bank.'], noMatch: [] },
};
const VOCABULARY = { CellLine: ['cell line', 'master cell bank'] };
const json = (value: unknown): string => JSON.stringify(value, null, 2);

async function problemsOf(files: Record<string, string>, location = '/team/rulebook.json'): Promise<string[]> {
  const result = await loadRulebooks([location], memoryHost(files));
  return result.problems.map(formatProblem);
}

describe('loading team rulebooks', () => {
  it('loads a rulebook with comments and applies its rules on top of the built-in ones', async () => {
    const text = `// our rules\n{\n  "vocabulary": ${json(VOCABULARY)},\n  "rules": [${json(RULE)},],\n}\n`;
    const result = await loadRulebooks(['/team/rulebook.json'], memoryHost({ '/team/rulebook.json': text }));
    assert.deepEqual(result.problems, []);
    assert.ok(result.rulebook);
    const findings = analyze('The Supplier shall deliver the master cell bank to the Customer.\nLicensor shall deliver the Source Code to Licensee.', result.rulebook).findings;
    assert.ok(findings.some((finding) => finding.ruleId === 'team/cell-line' && finding.severity === 'error'));
    assert.ok(findings.some((finding) => finding.ruleId === 'tt/source-code-delivery'), 'built-in rules still apply');
  });

  it('reads a section condition against the headings of every section around the sentence', async () => {
    const contract = [
      'ARTICLE 1',
      'TECHNOLOGY TRANSFER',
      '',
      '1.1 Delivery. The Supplier shall deliver the master cell bank to the Customer.',
      '',
      '1.2 Records. The Supplier shall keep records.',
      '',
      'ARTICLE 2',
      'SUPPLY',
      '',
      '2.1 Delivery. The Supplier shall deliver the master cell bank to the Customer.',
    ].join('\n');
    /** The lines where the rule finds the cell line handed over, when its sentence must lie in a section headed by one of `words`. */
    const linesFoundIn = async (words: string[]): Promise<number[]> => {
      const rule = { ...RULE, match: { ...RULE.match, all: [...RULE.match.all, { section: words }] } };
      const text = `{ "vocabulary": ${json(VOCABULARY)}, "rules": [${json(rule)}] }`;
      const result = await loadRulebooks(['/team/rulebook.json'], memoryHost({ '/team/rulebook.json': text }));
      assert.deepEqual(result.problems, []);
      const findings = analyze(contract, result.rulebook!).findings.filter((finding) => finding.ruleId === RULE.id);
      return findings.map((finding) => finding.range.start.line + 1);
    };
    assert.deepEqual(await linesFoundIn(['transfer']), [4], "the article's heading holds for its numbered sections, and ends with the article");
    assert.deepEqual(await linesFoundIn(['delivery']), [4, 11], "a numbered section's own run-in heading holds too");
    assert.deepEqual(await linesFoundIn(['records']), [], "a sibling section's heading does not");
  });

  it('reports a syntax error at its line and column', async () => {
    const problems = await problemsOf({ '/team/rulebook.json': '{\n  "rules": [\n    { "id": "team/x" "category": "grant-back" }\n  ]\n}\n' });
    assert.deepEqual(problems, ['team/rulebook.json:3:22 error: JSON syntax error: comma expected.']);
  });

  it('reports a value of the wrong type where it is', async () => {
    const problems = await problemsOf({ '/team/rulebook.json': json({ rules: [{ ...RULE, severity: 3 }] }) });
    assert.deepEqual(problems, ['team/rulebook.json:6:19 error: rules[0].severity must be a string, not the number 3.']);
  });

  it('reports an unknown category with the categories it could be', async () => {
    const problems = await problemsOf({ '/team/rulebook.json': json({ vocabulary: VOCABULARY, rules: [{ ...RULE, category: 'secrets' }] }) });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^team\/rulebook\.json:\d+:\d+ error: rules\[0\]\.category is "secrets"; it must be one of "forced-transfer", "grant-back"/);
  });

  it('warns about unknown keys but still loads the rulebook', async () => {
    const result = await loadRulebooks(['/team/rulebook.json'], memoryHost({ '/team/rulebook.json': json({ vocabulary: VOCABULARY, rules: [{ ...RULE, colour: 'red' }] }) }));
    assert.ok(result.rulebook);
    assert.deepEqual(result.problems.map((problem) => problem.severity), ['warning']);
    assert.match(formatProblem(result.problems[0]), /team\/rulebook\.json:\d+:\d+ warning: Unknown key "colour" is ignored/);
  });

  it('warns about keys that happen to name members of every JavaScript object ("constructor", "toString")', async () => {
    const result = await loadRulebooks(['/team/rulebook.json'], memoryHost({ '/team/rulebook.json': json({ vocabulary: VOCABULARY, constructor: 1, rules: [{ ...RULE, toString: 'x' }] }) }));
    assert.ok(result.rulebook);
    assert.deepEqual(result.problems.map(formatProblem).map((line) => line.replace(/^.*warning: /, '').replace(/;.*$/, '')), ['Unknown key "constructor" is ignored', 'Unknown key "toString" is ignored']);
  });

  for (const [label, pattern, message] of [
    ['a nested group', '(deliver (now|later)) #CellLine', /nests one group inside another/],
    ['an unknown tag', '(deliver|transfer) #CellLines', /uses #CellLines, which is neither a compromise tag nor a vocabulary name/],
    ['a catastrophic regular expression', '/^(a+)+$/ #CellLine', /refused because it repeats a group/],
    ['a back-reference', '/(a)\\1/ #CellLine', /refused because it uses a back-reference/],
  ] as const) {
    it(`refuses a pattern with ${label}, at the pattern`, async () => {
      const files = { '/team/rulebook.json': json({ vocabulary: VOCABULARY, rules: [{ ...RULE, match: { all: [{ pattern }] } }] }) };
      const problems = await problemsOf(files);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], /^team\/rulebook\.json:19:11 error: /);
      assert.match(problems[0], message);
    });
  }

  it('refuses an empty pattern', async () => {
    const problems = await problemsOf({ '/team/rulebook.json': json({ rules: [{ ...RULE, match: { all: [{ pattern: ' ' }] } }] }) });
    assert.match(problems.join('\n'), /rules\[0\]\.match\.all\[0\]\.pattern must not be empty/);
  });

  it('refuses a rule that would parse every sentence', async () => {
    const problems = await problemsOf({ '/team/rulebook.json': json({ rules: [{ ...RULE, match: { all: [{ pattern: '#Noun' }] } }] }) });
    assert.match(problems.join('\n'), /names no word, phrase, vocabulary or condition/);
  });

  it('reports a cycle of extends at the entry that closes it', async () => {
    const problems = await problemsOf({
      '/team/rulebook.json': json({ extends: ['./base.json'] }),
      '/team/base.json': json({ extends: ['./rulebook.json'] }),
    });
    assert.deepEqual(problems, ['team/base.json:3:5 error: "extends" forms a cycle: team/rulebook.json → team/base.json → team/rulebook.json.']);
  });

  it('reports a missing file named in extends, and a missing rulebook', async () => {
    assert.deepEqual(await problemsOf({ '/team/rulebook.json': json({ extends: ['clauseguard:recommended', './missing.json'] }) }), [
      'team/rulebook.json:4:5 error: cannot read the rulebook "team/missing.json" named in "extends": no such file',
    ]);
    assert.deepEqual(await problemsOf({}), ['team/rulebook.json:1:1 error: cannot read the rulebook: no such file']);
  });

  it('reports an override of a rule that does not exist', async () => {
    const problems = await problemsOf({ '/team/rulebook.json': json({ rules: [{ id: 'tt/no-such-rule', override: true, severity: 'error' }] }) });
    assert.deepEqual(problems, ['team/rulebook.json:3:5 error: There is no rule "tt/no-such-rule" to override.']);
  });

  it('applies extends in order: later entries override earlier ones, the rulebook itself last', async () => {
    const files = {
      '/team/rulebook.json': json({ extends: ['./strict.json', './lenient.json'], rules: [{ id: 'tt/residuals', override: true, severity: 'error' }] }),
      '/team/strict.json': json({ rules: [{ id: 'tt/joint-ownership', override: true, severity: 'error' }, { id: 'tt/residuals', override: true, severity: 'warning' }] }),
      '/team/lenient.json': json({ rules: [{ id: 'tt/joint-ownership', override: true, severity: 'hint' }] }),
    };
    const { rulebook, problems } = await loadRulebooks(['/team/rulebook.json'], memoryHost(files));
    assert.deepEqual(problems, []);
    assert.equal(rulebook?.rulesById.get('tt/joint-ownership')?.severity, 'hint', 'lenient.json comes after strict.json');
    assert.equal(rulebook?.rulesById.get('tt/residuals')?.severity, 'error', 'the rulebook itself comes last');
    assert.deepEqual(rulebook?.names, ['clauseguard:recommended', 'team/strict.json', 'team/lenient.json', 'team/rulebook.json']);
  });

  it('resolves npm packages in extends, and refuses them where packages are not allowed', async () => {
    const files = {
      '/team/rulebook.json': json({ extends: ['@acme/clauseguard-rules'] }),
      '/team/node_modules/@acme/clauseguard-rules/rulebook.json': json({ vocabulary: VOCABULARY, rules: [RULE] }),
    };
    const packages = { '@acme/clauseguard-rules': '/team/node_modules/@acme/clauseguard-rules/rulebook.json' };
    const trusted = await loadRulebooks(['/team/rulebook.json'], memoryHost(files, packages));
    assert.ok(trusted.rulebook?.rulesById.has('team/cell-line'));
    const untrusted = await loadRulebooks(['/team/rulebook.json'], memoryHost(files, packages, false));
    assert.equal(untrusted.rulebook, undefined);
    assert.match(formatProblem(untrusted.problems[0]), /team\/rulebook\.json:3:5 error: "@acme\/clauseguard-rules" is an npm package; packages are not resolved in an untrusted workspace/);
    const missing = await loadRulebooks(['/team/rulebook.json'], memoryHost(files, {}));
    assert.match(formatProblem(missing.problems[0]), /cannot find the npm package "@acme\/clauseguard-rules"/);
  });

  it('lets a team rule speak before a built-in rule of the same category on the same sentence', async () => {
    const rule = { ...RULE, id: 'team/source-code', match: { all: [{ pattern: 'deliver .{0,6} source code' }], negated: false } };
    const { rulebook } = await loadRulebooks(['/team/rulebook.json'], memoryHost({ '/team/rulebook.json': json({ rules: [rule] }) }));
    const findings = analyze('Licensor shall deliver the Source Code to Licensee.', rulebook!).findings.filter((finding) => finding.category === 'disclosure-demand');
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['team/source-code']);
  });
});

describe('perspective', () => {
  const clause = 'Licensee hereby grants to Licensor a royalty-free, irrevocable licence under any Improvements made by Licensee.';

  async function findingsWith(perspective: unknown): Promise<{ ruleId: string; severity: string }[]> {
    const { rulebook, problems } = await loadRulebooks(['/r.json'], memoryHost({ '/r.json': json({ perspective }) }));
    assert.deepEqual(problems, []);
    return analyze(clause, rulebook!).findings.filter((finding) => isRiskCategory(finding.category));
  }

  it('keeps findings when technology moves away from the party we represent', async () => {
    const findings = await findingsWith({ parties: ['Licensee'], towardsUs: 'drop' });
    assert.ok(findings.some((finding) => finding.severity === 'error'), JSON.stringify(findings));
  });

  it('downgrades findings that move technology towards us to information', async () => {
    const findings = await findingsWith({ parties: ['Licensor'], towardsUs: 'information' });
    assert.ok(findings.length > 0);
    for (const finding of findings) assert.equal(finding.severity, 'information');
  });

  it('drops them when the team says so', async () => {
    assert.deepEqual(await findingsWith({ parties: ['Licensor'], towardsUs: 'drop' }), []);
  });
});

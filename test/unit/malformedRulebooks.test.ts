import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/check';
import { main } from '../../src/cli/main';

/** Marks where in a fixture the error must be reported; removed before the file is written. */
const HERE = '⟦';

const rule = (overrides: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: 'team/x',
    category: 'disclosure-demand',
    severity: 'error',
    title: 'T',
    message: 'M.',
    explanation: 'E.',
    citation: 'C.',
    match: { all: [{ pattern: 'deliver .{0,4} source code' }] },
    examples: { match: ['X shall deliver the source code.'], noMatch: [] },
    ...overrides,
  });
const book = (rules: string, extra = ''): string => `{${extra}\n  "rules": [\n    ${rules}\n  ]\n}\n`;
const atValue = (json: string, key: string): string => json.replace(new RegExp(`("${key}":)`), `$1${HERE}`);

interface Case {
  name: string;
  /** The rulebook's text, with ⟦ where the error must be reported (1:1 when absent). */
  text: string;
  message: RegExp;
  /** Other files the rulebook needs (by name in the same folder). */
  files?: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'an empty file', text: '', message: /JSON syntax error: value expected|The rulebook is empty/ },
  { name: 'only white space', text: '   \n\n  ⟦', message: /JSON syntax error: value expected|The rulebook is empty/ },
  { name: 'only a comment', text: '// nothing here\n⟦', message: /JSON syntax error: value expected|The rulebook is empty/ },
  { name: 'an unclosed object', text: '{\n  "rules": []\n⟦', message: /JSON syntax error: close brace expected/ },
  { name: 'text after the rulebook', text: '{ "rules": [] }\n⟦garbage', message: /JSON syntax error: (end of file expected|invalid symbol)/ },
  { name: 'a missing comma', text: '{\n  "name": "x"\n  ⟦"rules": []\n}', message: /JSON syntax error: comma expected/ },
  { name: 'single-quoted strings', text: "{\n  ⟦'rules': []\n}", message: /JSON syntax error: (invalid symbol|property name expected)/ },
  { name: 'an array at the top', text: '⟦[]', message: /The rulebook must be an object, not a list/ },
  { name: 'a string at the top', text: '⟦"rules"', message: /The rulebook must be an object, not the string "rules"/ },
  { name: 'rules given as an object', text: '{ "rules": ⟦{} }', message: /rules must be a list, not an object/ },
  { name: 'a rule without an id', text: book(`⟦${rule().replace('"id":"team/x",', '')}`), message: /rules\[0\] is missing "id"/ },
  { name: 'an id with spaces and capitals', text: book(atValue(rule({ id: 'Team Rule' }), 'id')), message: /rules\[0\]\.id "Team Rule" does not have the required form/ },
  { name: 'a key given twice', text: `{ "name": "a", ⟦"name": "b", "rules": [] }`, message: /"name" appears twice/ },
  { name: 'an unknown category', text: book(atValue(rule({ category: 'trade-secrets' }), 'category')), message: /rules\[0\]\.category is "trade-secrets"; it must be one of "forced-transfer"/ },
  { name: 'an unknown severity', text: book(atValue(rule({ severity: 'fatal' }), 'severity')), message: /rules\[0\]\.severity is "fatal"; it must be one of "error", "warning", "information", "hint"/ },
  { name: 'a severity that is a number', text: book(atValue(rule({ severity: 2 }), 'severity')), message: /rules\[0\]\.severity must be a string, not the number 2/ },
  { name: 'an empty title', text: book(atValue(rule({ title: '' }), 'title')), message: /rules\[0\]\.title must not be empty/ },
  { name: 'a rule without match', text: book(`⟦${rule().replace(/"match":\{"all":\[\{"pattern":"deliver \.\{0,4\} source code"\}\]\},/, '')}`), message: /rules\[0\] is missing "match"/ },
  { name: 'conditions that are not a list', text: book(atValue(rule({ match: { all: { pattern: 'x' } } }), 'all')), message: /rules\[0\]\.match\.all must be a list, not an object/ },
  { name: 'a condition of no known kind', text: book(rule({ match: { all: [{ foo: 1 }] } }).replace('{"foo"', '⟦{"foo"')), message: /rules\[0\]\.match\.all\[0\] is not a known form/ },
  { name: 'an empty pattern', text: book(atValue(rule({ match: { all: [{ pattern: '' }] } }), 'pattern')), message: /pattern must not be empty/ },
  { name: 'a nested group', text: book(rule({ match: { all: [{ pattern: '(deliver (the|a)) source code' }] } }).replace('{"pattern"', '⟦{"pattern"')), message: /nests one group inside another/ },
  { name: 'an unknown tag', text: book(rule({ match: { all: [{ pattern: 'deliver #SourceCod' }] } }).replace('{"pattern"', '⟦{"pattern"')), message: /uses #SourceCod, which is neither a compromise tag nor a vocabulary name/ },
  { name: 'a catastrophic regular expression', text: book(rule({ match: { all: [{ pattern: 'deliver /^(a|aa)+$/' }] } }).replace('{"pattern"', '⟦{"pattern"')), message: /refused because it repeats a group/ },
  { name: 'an invalid regular expression', text: book(rule({ match: { all: [{ pattern: 'deliver /[a-/' }] } }).replace('{"pattern"', '⟦{"pattern"')), message: /Pattern "deliver \/\[a-\/" (cannot be read|uses the regular expression)/ },
  { name: 'an unknown vocabulary', text: book(rule({ match: { all: [{ pattern: 'deliver' }, { concept: 'CellLines' }] } }).replace('{"concept"', '⟦{"concept"')), message: /Unknown vocabulary "CellLines"/ },
  { name: 'an unknown condition', text: book(atValue(rule({ match: { all: [{ pattern: 'deliver' }, { condition: 'on-demand' }] } }), 'condition')), message: /condition is "on-demand"; it must be one of "on-request"/ },
  { name: 'a rule without examples', text: book(`⟦${rule().replace(/,"examples":\{.*\}\}$/, '}')}`), message: /rules\[0\] is missing "examples"/ },
  { name: 'examples with nothing to match', text: book(rule({ examples: { match: [], noMatch: [] } }).replace('"match":[]', '"match":⟦[]')), message: /examples\.match needs at least 1 entry/ },
  { name: 'a lower-case vocabulary name', text: book(rule(), '\n  "vocabulary": { ⟦"cellLine": ["cell line"] },'), message: /Vocabulary name "cellLine" must start with a capital letter/ },
  { name: 'a vocabulary phrase with no words', text: book(rule(), '\n  "vocabulary": { "CellLine": ⟦["--"] },'), message: /Vocabulary "CellLine" has a phrase with no words/ },
  { name: 'an override of a rule that does not exist', text: book('⟦{ "id": "tt/no-such-rule", "override": true }'), message: /There is no rule "tt\/no-such-rule" to override/ },
  { name: 'a document rule that names an unknown rule', text: book(`⟦${rule({ scope: 'document', category: 'missing-protection', match: { documentKinds: ['license'], absent: ['team/nope'] } })}`), message: /names "team\/nope" in "absent", but there is no such rule/ },
  { name: 'supersedes naming an unknown rule', text: book(rule({ supersedes: ['tt/no-such-rule'] }).replace('"tt/no-such-rule"', '⟦"tt/no-such-rule"')), message: /supersedes "tt\/no-such-rule", but there is no such rule/ },
  { name: 'a rule that would parse every sentence', text: book(rule({ match: { all: [{ pattern: '#Noun' }] } }).replace('"match":', '"match":⟦')), message: /names no word, phrase, vocabulary or condition/ },
  { name: 'an unknown fix target', text: book(atValue(rule({ fixes: [{ title: 'T', target: 'clause', text: 'X' }] }), 'target')), message: /target is "clause"; it must be one of "sentence", "anchor", "append", "insert"/ },
  { name: 'an unknown perspective', text: book(rule(), '\n  "perspective": { "parties": ["A"], "towardsUs": ⟦"ignore" },'), message: /perspective\.towardsUs is "ignore"; it must be one of "information", "drop", "keep"/ },
  { name: 'negated as a string', text: book(atValue(rule({ match: { all: [{ pattern: 'deliver' }], negated: 'false' } }), 'negated')), message: /negated must be true or false, not the string "false"/ },
  { name: 'an unknown modality', text: book(rule({ match: { all: [{ pattern: 'deliver' }], modality: ['mandatory'] } }).replace('"mandatory"', '⟦"mandatory"')), message: /modality\[0\] is "mandatory"; it must be one of "obligation"/ },
  { name: 'a cycle of extends', text: '{ "extends": ["./other.json"] }', files: { 'other.json': '{ "extends": [⟦"./rulebook.json"] }' }, message: /"extends" forms a cycle/ },
  { name: 'a missing file in extends', text: '{ "extends": [⟦"./missing.json"] }', message: /cannot read the rulebook ".*missing\.json" named in "extends": no such file/ },
  { name: 'a missing npm package in extends', text: '{ "extends": [⟦"@acme/not-installed"] }', message: /cannot find the npm package "@acme\/not-installed"/ },
  { name: 'binary content', text: '{ "rules": [] }⟦\u0000\u0001\u0002binary', message: /The rulebook is a binary file, not JSON/ },
];

/** The 1-based line and column of the ⟦ marker (1:1 without one). */
function markerPosition(text: string): { line: number; column: number } {
  const index = text.indexOf(HERE);
  if (index < 0) return { line: 1, column: 1 };
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

describe('malformed rulebooks', function () {
  this.timeout(60_000);
  const directory = mkdtempSync(join(tmpdir(), 'clauseguard-malformed-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  async function check(rulebook: string): Promise<{ code: number; stderr: string; stdout: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text), readStdin: () => 'The Licensor shall deliver the Source Code.', isTerminal: false, cwd: directory, version: 'test' };
    const code = await main(['check', '--rulebook', rulebook, '-'], io);
    return { code, stderr: err.join('\n'), stdout: out.join('\n') };
  }

  it(`has at least 30 cases (${CASES.length + 3})`, () => assert.ok(CASES.length + 3 >= 30));

  CASES.forEach((testCase, index) => {
    it(`reports ${testCase.name} at its position and exits 2`, async () => {
      const folder = join(directory, `case-${index}`);
      mkdirSync(folder, { recursive: true });
      for (const [name, text] of Object.entries(testCase.files ?? {})) writeFileSync(join(folder, name), text.replace(HERE, ''));
      writeFileSync(join(folder, 'rulebook.json'), testCase.text.replace(HERE, ''));
      const result = await check(join(`case-${index}`, 'rulebook.json'));
      assert.equal(result.code, 2, result.stderr || result.stdout);
      assert.equal(result.stdout, '', 'no review is printed with a broken rulebook');
      const markedFile = Object.entries(testCase.files ?? {}).find(([, text]) => text.includes(HERE));
      const { line, column } = markerPosition(markedFile ? markedFile[1] : testCase.text);
      const file = markedFile ? `case-${index}/${markedFile[0]}` : `case-${index}/rulebook.json`;
      const expectedStart = `${file}:${line}:${column} error: `;
      const lines = result.stderr.split('\n').filter((text) => text.includes(' error: '));
      assert.ok(lines.some((text) => text.startsWith(expectedStart) && testCase.message.test(text)), `expected "${expectedStart}${testCase.message.source}", got:\n${result.stderr}`);
    });
  });

  it('refuses a 50 MB rulebook without reading it', async () => {
    const path = join(directory, 'huge.json');
    writeFileSync(path, `{ "rules": [], "description": "${'x'.repeat(50 * 1024 * 1024)}" }`);
    const result = await check('huge.json');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^huge\.json:1:1 error: cannot read the rulebook: it is 50\.0 MB; rulebooks over 5 MB are not read$/m);
  });

  it('refuses a directory named like a rulebook', async () => {
    mkdirSync(join(directory, 'folder.json'));
    const result = await check('folder.json');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^folder\.json:1:1 error: cannot read the rulebook: it is a directory, not a file$/m);
  });

  it('reports a rulebook that does not exist', async () => {
    const result = await check('nowhere.json');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^nowhere\.json:1:1 error: cannot read the rulebook: no such file$/m);
  });

  it('warns about an unknown key but reviews', async () => {
    writeFileSync(join(directory, 'unknown-key.json'), book(rule()).replace('"rules"', '"colour": "red",\n  "rules"'));
    const result = await check('unknown-key.json');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^unknown-key\.json:2:3 warning: Unknown key "colour" is ignored/m);
    assert.match(result.stdout, /team\/x/);
  });
});


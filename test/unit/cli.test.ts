import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tuneCompilerForBatchReview, tuneCompilerForFullCores } from '../../src/cli/compilerTuning';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/check';
import { LineIndex } from '../../src/engine';

const root = resolve(__dirname, '../../..');
const fixtures = join(root, 'test/fixtures');
const licence = 'test/fixtures/contracts/hard-wrapped-licence.txt';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `clauseguard ARGS` from the project root. */
async function run(args: string[], stdin = ''): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text), readStdin: () => stdin, isTerminal: false, cwd: root, version: '0.0.0-test' };
  const code = await main(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('clauseguard check', () => {
  it('prints one line per finding like eslint, a summary, and exits 1', async () => {
    const result = await run(['check', licence]);
    assert.equal(result.code, 1);
    const lines = result.stdout.split('\n').filter((line) => line.startsWith(licence));
    assert.ok(lines.length >= 3, result.stdout);
    for (const line of lines) assert.match(line, /^test\/fixtures\/contracts\/hard-wrapped-licence\.txt:\d+:\d+ {2}(error|warning|information) +.+ {2}[a-z]+\/[a-z-]+$/);
    assert.match(result.stdout, /\d+ findings? in 1 file/);
    assert.match(result.stdout, /grant-back\s+\d+/);
  });

  it('writes the JSON shape other tools read, with offsets into the file as read', async () => {
    const result = await run(['check', '--format', 'json', licence]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(report), ['tool', 'files']);
    assert.deepEqual(report.tool, { name: 'clauseguard', version: '0.0.0-test' });
    const [file] = report.files;
    assert.equal(file.path, licence);
    const text = readFileSync(join(root, licence), 'utf8');
    const lines = new LineIndex(text);
    for (const finding of file.findings) {
      assert.deepEqual(Object.keys(finding), ['ruleId', 'category', 'severity', 'message', 'start', 'end', 'range', 'explanation', 'citation', 'fixes']);
      assert.deepEqual(finding.range, lines.rangeOf(finding.start, finding.end));
      for (const fix of finding.fixes) {
        assert.deepEqual(Object.keys(fix), ['title', 'edits']);
        for (const edit of fix.edits) assert.deepEqual(Object.keys(edit), ['start', 'end', 'newText']);
      }
    }
    const sourceCode = file.findings.find((finding: { ruleId: string }) => finding.ruleId === 'tt/source-code-delivery');
    assert.ok(sourceCode, 'the source-code clause is found');
    const clause = text.slice(sourceCode.start, sourceCode.end);
    assert.ok(clause.startsWith('Licensor shall deliver to Licensee the complete source code of the\n'), JSON.stringify(clause));
    assert.ok(clause.endsWith('be required to deliver any other software.'), JSON.stringify(clause));
    assert.ok(!clause.includes('CONFIDENTIAL TREATMENT'), 'page headers are not part of a clause');
  });

  it('finds each risky clause of the hard-wrapped fixture and leaves the benign ones alone', async () => {
    const report = JSON.parse((await run(['check', '--format', 'json', licence])).stdout);
    const text = readFileSync(join(root, licence), 'utf8');
    const byStart = (needle: string): string[] =>
      report.files[0].findings.filter((finding: { start: number; end: number }) => text.slice(finding.start, finding.end).startsWith(needle)).map((finding: { category: string }) => finding.category);
    assert.deepEqual(byStart('Licensor grants Licensee a non-exclusive, royalty-bearing'), []);
    assert.ok(byStart('Licensee hereby grants to Licensor a royalty-free').includes('grant-back'));
    assert.ok(byStart('Licensee hereby grants to Licensor a royalty-free').includes('non-market-terms'));
    assert.deepEqual(byStart('Licensee shall not disclose'), []);
    assert.deepEqual(byStart('Neither party shall require or pressure'), []);
    assert.ok(byStart('The obligations in this Section 3 shall survive for two (2) years').includes('weak-protection'));
  });

  it('writes a SARIF 2.1.0 log with rules, 1-based regions and fixes', async () => {
    const result = await run(['check', '--format', 'sarif', licence]);
    const log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'ClauseGuard');
    assert.ok(sarifRun.tool.driver.rules.length > 0);
    for (const rule of sarifRun.tool.driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown, rule.id);
    }
    const json = JSON.parse((await run(['check', '--format', 'json', licence])).stdout);
    assert.equal(sarifRun.results.length, json.files[0].findings.length);
    sarifRun.results.forEach((sarifResult: Record<string, any>, index: number) => {
      const finding = json.files[0].findings[index];
      const region = sarifResult.locations[0].physicalLocation.region;
      assert.equal(sarifRun.tool.driver.rules[sarifResult.ruleIndex].id, sarifResult.ruleId);
      assert.equal(region.startLine, finding.range.start.line + 1);
      assert.equal(region.startColumn, finding.range.start.character + 1);
      assert.equal(region.charOffset, finding.start);
      assert.equal(sarifResult.fixes.length, finding.fixes.length);
    });
  });

  it('reviews standard input and exits 0 when nothing is found', async () => {
    const result = await run(['check', '-'], 'The Parties shall meet once a year to review progress.\n');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /No findings in 1 file/);
  });

  it('reports only findings at or above --severity', async () => {
    const report = JSON.parse((await run(['check', '--format', 'json', '--severity', 'error', licence])).stdout);
    assert.ok(report.files[0].findings.length > 0);
    for (const finding of report.files[0].findings) assert.equal(finding.severity, 'error');
  });

  it('tolerates warnings up to --max-warnings but never errors', async () => {
    const warningsOnly = 'Each Party shall keep the obligations in this Section for two (2) years after the termination of the confidentiality period.\n'
      + 'Licensor shall deliver the Source Code to Licensee.\n';
    const strict = await run(['check', '-', '--severity', 'warning'], warningsOnly);
    assert.equal(strict.code, 1, strict.stdout);
    assert.equal((await run(['check', '-', '--severity', 'warning', '--max-warnings', '5'], warningsOnly)).code, 0);
    assert.equal((await run(['check', licence, '--max-warnings', '100'])).code, 1, 'errors always fail');
  });

  it('names a missing path and exits 2', async () => {
    const result = await run(['check', 'no/such/contract.md']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no\/such\/contract\.md: no such file or directory/);
  });

  it('names the rulebook, line and column of a syntax error and exits 2', async () => {
    const result = await run(['check', '--rulebook', 'test/fixtures/rulebooks/syntax-error.json', licence]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^test\/fixtures\/rulebooks\/syntax-error\.json:6:7 error: JSON syntax error: comma expected/m);
    assert.equal(result.stdout, '', 'no review with a broken rulebook');
  });

  it('explains an unknown category with its position', async () => {
    const result = await run(['check', '--rulebook', 'test/fixtures/rulebooks/unknown-category.json', licence]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown-category\.json:6:19 error: rules\[0\]\.category is "escrow-risk"; it must be one of "forced-transfer"/);
  });

  it('names a rulebook that does not exist', async () => {
    const result = await run(['check', '--rulebook', 'missing.json', licence]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^missing\.json:1:1 error: cannot read the rulebook: no such file/m);
  });

  it('applies a team rulebook on top of the built-in one', async () => {
    const text = 'The Supplier shall deliver the master cell bank to the Customer.\nThe obligations of confidentiality shall survive for two (2) years after termination.\n';
    const report = JSON.parse((await run(['check', '-', '--format', 'json', '--rulebook', join(fixtures, 'rulebooks/team-rulebook.json')], text)).stdout);
    const findings = report.files[0].findings as { ruleId: string; severity: string }[];
    assert.ok(findings.some((finding) => finding.ruleId === 'acme/cell-line-transfer' && finding.severity === 'error'));
    assert.ok(findings.some((finding) => finding.ruleId === 'tt/short-confidentiality' && finding.severity === 'warning'), 'the override raised the severity');
  });

  it('refuses an unknown option with exit code 2', async () => {
    const result = await run(['check', '--colour', licence]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unknown option --colour/);
  });
});

describe('clauseguard check on files it should not review', () => {
  it('reports and skips binary files, files over the size limit and broken links, reviews the rest and exits 2', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clauseguard-skip-'));
    writeFileSync(join(directory, 'scan.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]));
    writeFileSync(join(directory, 'annex.md'), `The Licensor shall deliver the Source Code to the Licensee.\n${'x '.repeat(600)}`);
    writeFileSync(join(directory, 'draft.md'), 'The Licensor shall deliver the Source Code to the Licensee.\n');
    symlinkSync(join(directory, 'gone.md'), join(directory, 'link.md'));
    try {
      for (const jobs of ['1', '2']) {
        const out: string[] = [];
        const err: string[] = [];
        const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text), readStdin: () => '', isTerminal: false, cwd: directory, version: 'test' };
        const code = await main(['check', '.', '--max-file-size', '1000', '--jobs', jobs, '--format', 'json'], io);
        assert.equal(code, 2, `jobs ${jobs}`);
        const stderr = err.join('\n');
        assert.match(stderr, /^scan\.txt: skipped: is a binary file, not text$/m);
        assert.match(stderr, /^annex\.md: skipped: is 1\.2 KB, over the 1000 bytes limit \(--max-file-size\)$/m);
        assert.match(stderr, /^link\.md: skipped: does not exist \(or is a broken link\)$/m);
        const report = JSON.parse(out.join('\n'));
        assert.deepEqual(report.files.map((file: { path: string }) => file.path), ['draft.md'], 'the good file is still reviewed');
        assert.ok(report.files[0].findings.length > 0);
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('clauseguard check on many files', () => {
  it('reports with workers (--jobs 3) exactly what one thread reports, in the order of the inputs', function () {
    this.timeout(60_000);
    const directory = mkdtempSync(join(tmpdir(), 'clauseguard-jobs-'));
    const texts = [readFileSync(join(root, 'examples/joint-venture-draft.md'), 'utf8'), readFileSync(join(root, licence), 'utf8')];
    // Files of different sizes, so that the largest-first order differs from the order of the names.
    for (let index = 0; index < 40; index++) writeFileSync(join(directory, `draft-${String(index).padStart(2, '0')}.md`), `${texts[index % 2].repeat(1 + (index % 5))}\nSchedule ${index}.\n`);
    const cli = (jobs: string) => spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--format', 'json', '--jobs', jobs, '--rulebook', join(fixtures, 'rulebooks/team-rulebook.json'), directory], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    try {
      const one = cli('1');
      const three = cli('3');
      assert.equal(one.status, 1, one.stderr);
      assert.equal(three.status, 1, three.stderr);
      const report = JSON.parse(three.stdout);
      assert.deepEqual(report.files.map((file: { path: string }) => file.path.replace(/^.*[\\/]/, '')), Array.from({ length: 40 }, (_, index) => `draft-${String(index).padStart(2, '0')}.md`));
      assert.deepEqual(report, JSON.parse(one.stdout));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('clauseguard check with a rule that reads parts of speech', () => {
  it('loads compromise from beside its bundle in every review thread', function () {
    this.timeout(60_000);
    // The CLI's bundles leave compromise out and require it from dist/ when a rulebook needs its tagger.
    const directory = mkdtempSync(join(tmpdir(), 'clauseguard-tagger-'));
    const rule = {
      id: 'acme/secret-handed-over',
      category: 'disclosure-demand',
      severity: 'error',
      title: 'Secret handed over',
      message: 'A secret must be handed over.',
      explanation: 'Our formulas are trade secrets.',
      citation: 'Team position.',
      // #Adjective and #Noun are compromise's tags, not vocabulary: the rule needs the tagger.
      match: { all: [{ pattern: 'deliver the #Adjective #Noun to' }], negated: false, modality: ['obligation'] },
      examples: { match: ['The Supplier shall deliver the secret formula to the Customer.'], noMatch: [] },
    };
    const rulebook = join(directory, 'pos.rulebook.json');
    writeFileSync(rulebook, JSON.stringify({ name: 'pos-test', rules: [rule] }));
    // Enough files that the worker is handed some while it starts (see FILES_TO_HAND_AHEAD).
    for (let index = 0; index < 30; index++) writeFileSync(join(directory, `draft-${String(index).padStart(2, '0')}.md`), `# Supply ${index}\n\nThe Supplier shall deliver the secret formula to the Customer.\n`);
    try {
      const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--format', 'json', '--jobs', '2', '--rulebook', rulebook, directory], { encoding: 'utf8' });
      assert.equal(result.status, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
      assert.equal(report.files.length, 30);
      for (const file of report.files) assert.ok(file.findings.some((finding) => finding.ruleId === rule.id), `${file.path}: ${JSON.stringify(file.findings.map((finding) => finding.ruleId))}`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('clauseguard writing into a pipe', () => {
  it('ends quietly, with the exit code of the review, when the reader closes the pipe early (| head)', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), 'check', 'examples/joint-venture-draft.md', licence], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader has gone before the report is written
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(stderr, '');
    assert.equal(code, 1, 'findings, as the review found');
  });
});

describe('clauseguard with team rulebooks', () => {
  it('resolves a rulebook shared as an npm package through extends', async () => {
    const project = 'test/fixtures/npm-project';
    const report = JSON.parse((await run(['check', '--format', 'json', '--rulebook', `${project}/.clauseguard/rulebook.json`, `${project}/contract.md`])).stdout);
    const ids = report.files[0].findings.map((finding: { ruleId: string }) => finding.ruleId);
    assert.ok(ids.includes('acme/cell-line-transfer'), ids.join(', '));
    assert.ok(!ids.includes('tt/joint-ownership'), 'the project turned joint ownership off');
  });

  it('runs the examples of every rule in force with test-rulebook', async () => {
    const result = await run(['test-rulebook', 'test/fixtures/npm-project/.clauseguard/rulebook.json']);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^acme\/cell-line-transfer\n {2}✔ flags: The Supplier shall deliver the master cell bank/m);
    assert.match(result.stdout, /\d+ passed, 0 failed \(\d+ examples of \d+ rules from clauseguard:recommended, @acme\/clauseguard-rules/);
  });

  it('fails test-rulebook when an example does not behave', async () => {
    const result = await run(['test-rulebook', 'test/fixtures/rulebooks/failing-example.json']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /✘ should flag: The Supplier shall hand the master cell bank/);
    assert.match(result.stdout, /, 1 failed/);
  });

  it('writes a starter rulebook with init, and refuses to overwrite it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clauseguard-init-'));
    const out: string[] = [];
    const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => out.push(text), readStdin: () => '', isTerminal: false, cwd: directory, version: 'test' };
    assert.equal(await main(['init'], io), 0);
    const written = readFileSync(join(directory, '.clauseguard/rulebook.json'), 'utf8');
    assert.match(written, /^\/\/ ClauseGuard team rulebook/);
    assert.equal(await main(['test-rulebook'], io), 0, out.join('\n'));
    assert.equal(await main(['init'], io), 2);
    assert.match(out.join('\n'), /already exists; ClauseGuard does not overwrite a rulebook/);
    rmSync(directory, { recursive: true, force: true });
  });
});

describe('clauseguard rules and explain', () => {
  it('lists every rule with its category and severity', async () => {
    const result = await run(['rules']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^tt\/grant-back-licence +grant-back +error +Improvements licensed back$/m);
    assert.match(result.stdout, /\d+ rules from clauseguard:recommended/);
  });

  it('explains one rule with its citation and wording', async () => {
    const result = await run(['explain', 'tt/free-licence']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Citation:\n {2}Phase One Agreement, Article 2\.1\(2\)/);
    assert.match(result.stdout, /Preferred wording/);
  });

  it('suggests close rule ids for an unknown one', async () => {
    const result = await run(['explain', 'tt/free']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /There is no rule "tt\/free"\. Did you mean: .*tt\/free-licence/);
  });
});

describe('clauseguard compiler tuning', () => {
  const flagsSet = (execArgv: string[]): string[] => {
    const set: string[] = [];
    tuneCompilerForBatchReview(execArgv, (flags) => set.push(flags));
    return set;
  };

  it('gives V8 a smaller inlining budget and a larger interrupt budget for the batch run', () => {
    assert.deepEqual(flagsSet(['--enable-source-maps']), ['--max-inlined-bytecode-size-cumulative=300', '--interrupt-budget=135168']);
  });

  it('leaves each budget to whoever started Node with one, in either spelling', () => {
    assert.deepEqual(flagsSet(['--max-inlined-bytecode-size-cumulative=920']), ['--interrupt-budget=135168']);
    assert.deepEqual(flagsSet(['--max_inlined_bytecode_size_cumulative=500', '--interrupt_budget=1000']), []);
  });

  const fullCoresFlagsSet = (execArgv: string[]): string[] => {
    const set: string[] = [];
    tuneCompilerForFullCores(execArgv, (flags) => set.push(flags));
    return set;
  };

  it('lets review threads that fill the cores compile and scavenge themselves, and optimise less', () => {
    assert.deepEqual(fullCoresFlagsSet([]), ['--no-concurrent-recompilation --no-parallel-scavenge --interrupt-budget=540672']);
  });

  it('keeps a helper-thread or budget choice made on the command line, either way and in either spelling', () => {
    assert.deepEqual(fullCoresFlagsSet(['--concurrent-recompilation']), ['--no-parallel-scavenge --interrupt-budget=540672']);
    assert.deepEqual(fullCoresFlagsSet(['--no_parallel_scavenge']), ['--no-concurrent-recompilation --interrupt-budget=540672']);
    assert.deepEqual(fullCoresFlagsSet(['--interrupt_budget=1000']), ['--no-concurrent-recompilation --no-parallel-scavenge']);
    assert.deepEqual(fullCoresFlagsSet(['--no-concurrent-recompilation', '--parallel-scavenge', '--interrupt-budget=67584']), []);
    // A longer flag that starts with the same name is another flag.
    assert.deepEqual(fullCoresFlagsSet(['--concurrent-recompilation-queue-length=8']), ['--no-concurrent-recompilation --no-parallel-scavenge --interrupt-budget=540672']);
  });
});

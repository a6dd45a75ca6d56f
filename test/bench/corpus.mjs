// The corpus: which files, which is the largest, and the whole corpus through the ClauseGuard CLI
// and through the floor script, each timed as a whole process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuText, describeExit, timeNode } from './processes.mjs';

const CONTRACT = /\.(txt|md|markdown|contract)$/i;

/** The contracts of `dir`, sorted by name. */
export function corpusFiles(dir) {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`corpus folder not found: ${dir} (use --corpus DIR)`);
  const files = fs.readdirSync(dir).filter((name) => CONTRACT.test(name)).sort().map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile());
  if (!files.length) throw new Error(`no contracts (.txt .md .markdown .contract) in ${dir}`);
  return files;
}

/** The file with the most words (runs of non-space), and its word and character counts. */
export function largestContract(files) {
  let best;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const words = text.match(/\S+/g)?.length ?? 0;
    if (!best || words > best.words) best = { file, words, chars: text.length };
  }
  return best;
}

/** `node dist/cli.js check --format json --jobs N FILES`; exit 1 means findings, which is success. */
export async function runClauseGuard({ root, files, jobs, tempDir }) {
  const output = path.join(tempDir, 'clauseguard-report.json');
  const run = await timeNode([path.join(root, 'dist/cli.js'), 'check', '--format', 'json', '--jobs', String(jobs), ...files], { cwd: root, stdoutFile: output });
  if (run.code !== 0 && run.code !== 1) throw new Error(`the CLI failed (${describeExit(run)})`);
  let report;
  try {
    report = JSON.parse(fs.readFileSync(output, 'utf8'));
  } catch {
    throw new Error(`the CLI printed no JSON report (${describeExit(run)})`);
  }
  const reviewed = report.files ?? [];
  if (reviewed.length !== files.length) throw new Error(`the CLI reported on ${reviewed.length} of ${files.length} files`);
  return { ms: run.ms, cpu: cpuText(run.usage), findings: reviewed.reduce((sum, file) => sum + (file.findings?.length ?? 0), 0) };
}

/** test/bench/floor.mjs over the same files. */
export async function runFloor({ root, rulebook, files }) {
  const script = fileURLToPath(new URL('./floor.mjs', import.meta.url));
  const run = await timeNode([script, rulebook, ...files], { cwd: root, captureStdout: true });
  if (run.code !== 0) throw new Error(`the floor script failed (${describeExit(run)})`);
  const result = JSON.parse(run.stdout);
  if (result.files !== files.length) throw new Error(`the floor read ${result.files} of ${files.length} files`);
  return { ms: run.ms, cpu: cpuText(run.usage), matches: result.matches };
}

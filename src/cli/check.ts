import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { analyze, SEVERITIES, type CompiledRulebook, type Finding, type ParsedRulebook } from '../engine';
import { ReviewPool } from '../workers/reviewPool';
import type { CliArguments } from './args';
import { formatJson } from './formatters/json';
import type { FileResult } from './formatters/fileResult';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { expandInputs } from './inputs';
import { DEFAULT_MAX_FILE_SIZE, readContract } from './readContract';
import { loadRulebooks, printProblems } from './rulebooks';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  isTerminal: boolean;
  cwd: string;
  version: string;
}

/** `clauseguard check`: reviews files and prints findings; returns the exit code. */
export async function runCheck(args: CliArguments, io: CliIo): Promise<number> {
  const inputs = args.positionals.length ? args.positionals : ['.'];
  const { rulebook, problems, parsed: parsedRulebooks } = await loadRulebooks(args.rulebooks, io.cwd);
  printProblems(problems.filter((problem) => problem.severity === 'warning'), io.stderr);
  if (!rulebook) {
    printProblems(problems.filter((problem) => problem.severity === 'error'), io.stderr);
    return 2;
  }
  const expanded = expandInputs(inputs, io.cwd);
  let exitCode = 0;
  for (const problem of expanded.problems) {
    io.stderr(`${problem.path}: ${problem.message}`);
    exitCode = 2;
  }
  const results: FileResult[] = [];
  if (expanded.readsStdin) results.push(review(args.stdinFilename ?? '<stdin>', io.readStdin(), rulebook, args));
  const showProgress = io.isTerminal && expanded.files.length > 20 && args.format === 'text';
  const progress = (done: number, file: string): void => {
    if (showProgress) io.stderr(`\rReviewed ${done}/${expanded.files.length} ${relative(io.cwd, file).slice(-60)}\u001b[K`);
  };
  const jobs = Math.max(1, args.jobs ?? availableParallelism());
  const workerScript = join(__dirname, 'worker.js');
  const usePool = jobs > 1 && expanded.files.length > 1 && existsSync(workerScript);
  const reviewed = usePool
    ? await reviewOnWorkers(expanded.files, workerScript, jobs, parsedRulebooks, args, progress)
    : reviewInProcess(expanded.files, rulebook, args, progress);
  for (const [index, outcome] of reviewed.entries()) {
    const shown = displayPath(expanded.files[index], io.cwd);
    if ('skipped' in outcome) {
      io.stderr(`${shown}: skipped: ${outcome.skipped}`);
      exitCode = 2;
    } else results.push({ path: shown, text: outcome.text, findings: outcome.findings.filter((finding) => atOrAbove(finding.severity, args.severity)) });
  }
  if (showProgress) io.stderr('\r\u001b[K');
  io.stdout(render(results, args, io, rulebook));
  return exitCode || findingsExitCode(results, args);
}

type Outcome = { findings: Finding[]; text: string } | { skipped: string };

/** Reviews files one after another in this thread (one file, or --jobs 1). */
function reviewInProcess(files: string[], rulebook: CompiledRulebook, args: CliArguments, progress: (done: number, file: string) => void): Outcome[] {
  return files.map((file, index) => {
    const read = readContract(file, args.maxFileSize);
    progress(index + 1, file);
    if (!read.ok) return { skipped: read.reason };
    return { findings: analyze(read.text, rulebook).findings, text: read.text };
  });
}

/** Reviews files on a pool of worker threads; each worker reads its files itself. */
async function reviewOnWorkers(files: string[], workerScript: string, jobs: number, parsed: ParsedRulebook[], args: CliArguments, progress: (done: number, file: string) => void): Promise<Outcome[]> {
  const pool = new ReviewPool(workerScript, Math.min(jobs, files.length), {
    rulebooks: parsed.slice(1).map((book) => ({ source: book.source, text: book.text, location: book.location })),
    disabledRules: [],
    includeProtective: true,
    maxFileSize: args.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    returnText: args.format !== 'json' && args.format !== 'sarif',
  });
  let done = 0;
  try {
    const replies = await pool.reviewAll(files.map((path) => ({ path })), (index) => progress(++done, files[index]));
    return replies.map((reply) => {
      if (reply.ok) return { findings: reply.findings, text: reply.text ?? '' };
      return { skipped: reply.skipped ?? `could not be reviewed: ${reply.error}` };
    });
  } finally {
    await pool.close();
  }
}

function review(path: string, text: string, rulebook: CompiledRulebook, args: CliArguments): FileResult {
  const { findings } = analyze(text, rulebook);
  return { path, text, findings: findings.filter((finding) => atOrAbove(finding.severity, args.severity)) };
}

/** True when `severity` is at least as serious as `threshold`. */
export function atOrAbove(severity: Finding['severity'], threshold: Finding['severity']): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  return shown.startsWith('..') ? file : shown;
}

function render(results: FileResult[], args: CliArguments, io: CliIo, rulebook: CompiledRulebook): string {
  if (args.format === 'json') return formatJson(results, io.version);
  if (args.format === 'sarif') return formatSarif(results, io.version, rulebook.rulesById);
  return formatText(results, { color: args.color ?? (io.isTerminal && !process.env.NO_COLOR), verbose: args.verbose });
}

/** 1 when any finding is an error, or when the others exceed --max-warnings (any at all without it). */
function findingsExitCode(results: FileResult[], args: CliArguments): number {
  const findings = results.flatMap((result) => result.findings);
  if (findings.some((finding) => finding.severity === 'error')) return 1;
  const others = findings.length;
  if (args.maxWarnings === undefined) return others > 0 ? 1 : 0;
  return others > args.maxWarnings ? 1 : 0;
}

import { existsSync, statSync } from 'node:fs';
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
  /** Called before a review whose threads fill every core; the CLI's process tunes V8 for it (see compilerTuning). */
  beforeReviewFillsCores?: () => void;
}

/** `clauseguard check`: reviews files and prints findings; returns the exit code. */
export async function runCheck(args: CliArguments, io: CliIo): Promise<number> {
  const inputs = args.positionals.length ? args.positionals : ['.'];
  const expanded = expandInputs(inputs, io.cwd);
  const sizes = expanded.files.map(sizeOf);
  const jobs = Math.max(1, args.jobs ?? availableParallelism());
  const workerScript = join(__dirname, 'worker.js');
  const enoughText = sizes.reduce((sum, size) => sum + Math.max(0, size), 0) >= WORKERS_FROM_BYTES;
  const useWorkers = jobs > 1 && expanded.files.length > 1 && (args.jobs !== undefined || enoughText) && existsSync(workerScript);
  let pool: ReviewPool | undefined;
  // Workers start as soon as the rulebooks are parsed, and compile them while this thread does.
  const workers = Math.min(jobs, expanded.files.length) - 1;
  // With many files, workers get their first files while they start (see handsFilesAhead).
  const handsFilesAhead = expanded.files.length >= FILES_TO_HAND_AHEAD * (workers + 1);
  if (useWorkers && workers + 1 >= availableParallelism()) io.beforeReviewFillsCores?.();
  const startWorkers = (parsed: ParsedRulebook[]): void => {
    if (useWorkers) pool = workerPool(workerScript, workers, parsed, args, handsFilesAhead);
  };
  try {
    const { rulebook, problems } = await loadRulebooks(args.rulebooks, io.cwd, { beforeCompile: startWorkers });
    printProblems(problems.filter((problem) => problem.severity === 'warning'), io.stderr);
    if (!rulebook) {
      printProblems(problems.filter((problem) => problem.severity === 'error'), io.stderr);
      return 2;
    }
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
    const reviewed = pool ? await reviewHereAndOnWorkers(expanded.files, sizes, pool, workers, handsFilesAhead, rulebook, args, progress) : reviewInProcess(expanded.files, rulebook, args, progress);
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
  } finally {
    // Only once the report is out: a worker's heap torn down beside this thread (some 30 ms) slowed
    // rendering and writing the corpus report from about 60 to over 100 ms.
    await pool?.close();
  }
}

/**
 * Without --jobs, a run with less text than this is reviewed in this thread alone: a worker takes
 * half a second or more to start (it loads and compiles what this thread already has) and slows
 * this thread while it does. Measured on the 2-core benchmark machine, workers paid off from
 * about 12 MB of contracts; 8 MB leans towards machines where threads share less.
 */
const WORKERS_FROM_BYTES = 8 * 1024 * 1024;

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1; // reading it will say why
  }
}

type Outcome = { findings: Finding[]; text: string } | { skipped: string };

/** Reviews files one after another in this thread (--jobs 1, one file, or too little text to be worth a worker). */
function reviewInProcess(files: string[], rulebook: CompiledRulebook, args: CliArguments, progress: (done: number, file: string) => void): Outcome[] {
  return files.map((file, index) => {
    const outcome = reviewHere(file, rulebook, args);
    progress(index + 1, file);
    return outcome;
  });
}

function reviewHere(file: string, rulebook: CompiledRulebook, args: CliArguments): Outcome {
  const read = readContract(file, args.maxFileSize);
  if (!read.ok) return { skipped: read.reason };
  return { findings: analyze(read.text, rulebook).findings, text: showsText(args) ? read.text : '' };
}

/** Whether the report quotes the contracts (the text format does; JSON and SARIF give offsets), so their text must be kept until it is printed. */
function showsText(args: CliArguments): boolean {
  return args.format !== 'json' && args.format !== 'sarif';
}

/**
 * Jobs handed to each worker ahead: enough that a worker never waits while this thread reviews a
 * long file. With 2, a worker that had been handed the largest files while it started ran out of
 * work between this thread's files (idle 0.2-0.35 s over the corpus); with 4, under 0.1 s.
 */
const WORKER_DEPTH = 4;

/**
 * From this many files per thread, workers are handed their first files while they start. This
 * thread reviews from the start and hears that a worker is ready only between two of its own
 * files; with the largest files first, a worker otherwise sat idle for a tenth of a second or
 * more (CPU profile of the corpus, --jobs 2). A short run keeps its files here until a worker
 * is ready, as this thread may well finish them sooner.
 */
const FILES_TO_HAND_AHEAD = 12;

function workerPool(workerScript: string, workers: number, parsed: ParsedRulebook[], args: CliArguments, postBeforeReady: boolean): ReviewPool {
  const pool = new ReviewPool(
    workerScript,
    workers,
    {
      rulebooks: parsed.slice(1).map((book) => ({ source: book.source, text: book.text, location: book.location })),
      disabledRules: [],
      includeProtective: true,
      maxFileSize: args.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      returnText: showsText(args),
    },
    { depth: WORKER_DEPTH, postBeforeReady },
  );
  void pool.whenReady(); // start them now
  return pool;
}

/**
 * Reviews files on this thread, whose rulebook is already compiled, and on the pool's workers as
 * they become ready. The largest files go first, so that no thread is left with a long one at the
 * end. Each worker reads its files itself; if workers cannot start, this thread reviews everything.
 */
async function reviewHereAndOnWorkers(
  files: string[],
  sizes: number[],
  pool: ReviewPool,
  workers: number,
  handsFilesAhead: boolean,
  rulebook: CompiledRulebook,
  args: CliArguments,
  progress: (done: number, file: string) => void,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(files.length);
  const order = files.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);
  let next = 0;
  let done = 0;
  const finish = (index: number, outcome: Outcome): void => {
    outcomes[index] = outcome;
    progress(++done, files[index]);
  };
  let allClaimed!: () => void;
  const nothingLeft = new Promise<void>((resolve) => (allClaimed = resolve));
  const claim = (): number | undefined => {
    if (next < order.length) return order[next++];
    allClaimed();
    return undefined;
  };
  const workerLane = async (): Promise<void> => {
    // A worker takes files once it has started (a short run may be over before then), or, with
    // many files, is handed them while it starts.
    if (!handsFilesAhead) await Promise.race([pool.whenReady(), nothingLeft]);
    for (let index = claim(); index !== undefined; index = claim()) {
      const reply = await pool.review({ path: files[index] });
      if (reply.ok) finish(index, { findings: reply.findings, text: reply.text ?? '' });
      else if (pool.failed) finish(index, reviewHere(files[index], rulebook, args)); // no workers: this thread does their share
      else finish(index, { skipped: reply.skipped ?? `could not be reviewed: ${reply.error}` });
    }
  };
  const thisThread = async (): Promise<void> => {
    for (let index = claim(); index !== undefined; index = claim()) {
      finish(index, reviewHere(files[index], rulebook, args));
      // Let the workers' messages in, so that they are handed their next files.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const lanes = Array.from({ length: workers * WORKER_DEPTH }, workerLane);
  await Promise.all([...lanes, thisThread()]);
  return outcomes;
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

import { relative } from 'node:path';
import { analyze, SEVERITIES, type CompiledRulebook, type Finding } from '../engine';
import type { CliArguments } from './args';
import { formatJson } from './formatters/json';
import type { FileResult } from './formatters/fileResult';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { expandInputs } from './inputs';
import { readContract } from './readContract';
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
  const { rulebook, problems } = await loadRulebooks(args.rulebooks, io.cwd);
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
  expanded.files.forEach((file, index) => {
    if (showProgress) io.stderr(`\rReviewing ${index + 1}/${expanded.files.length} ${relative(io.cwd, file).slice(-60)}\u001b[K`);
    const read = readContract(file, args.maxFileSize);
    const shown = displayPath(file, io.cwd);
    if (!read.ok) {
      io.stderr(`${shown}: skipped: ${read.reason}`);
      exitCode = 2;
      return;
    }
    results.push(review(shown, read.text, rulebook, args));
  });
  if (showProgress) io.stderr('\r\u001b[K');
  io.stdout(render(results, args, io, rulebook));
  return exitCode || findingsExitCode(results, args);
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

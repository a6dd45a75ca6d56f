import { readFileSync } from 'node:fs';
import { version } from '../../package.json';
import { HELP, parseArguments, UsageError } from './args';
import { runCheck, type CliIo } from './check';
import { tuneCompilerForBatchReview, tuneCompilerForFullCores } from './compilerTuning';
import { runExplain, runRules } from './ruleCommands';
import { runInit, runTestRulebook } from './rulebookCommands';

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`clauseguard: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (args.version) {
    io.stdout(version);
    return 0;
  }
  if (args.help || !args.command) {
    (args.help ? io.stdout : io.stderr)(HELP);
    return args.help ? 0 : 2;
  }
  switch (args.command) {
    case 'check':
      return runCheck(args, io);
    case 'rules':
      return runRules(args, io);
    case 'explain':
      return runExplain(args, io);
    case 'test-rulebook':
      return runTestRulebook(args, io);
    case 'init':
      return runInit(args, io);
    default:
      io.stderr(`clauseguard: unknown command "${args.command}". Run "clauseguard --help" for the commands.`);
      return 2;
  }
}

if (require.main === module) {
  tuneCompilerForBatchReview();
  // A reader that stops early (`clauseguard check . | head`) closes the pipe: the rest of the report
  // has nowhere to go, which is no error of the review, so the run ends with its own exit code.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const io: CliIo = {
    // The report and its newline go out as two writes: joined, a report of megabytes (the JSON of a
    // whole corpus) would be copied once more into a new string before being encoded.
    stdout: (text) => {
      process.stdout.write(text);
      process.stdout.write('\n');
    },
    stderr: (text) => process.stderr.write(text.startsWith('\r') ? text : `${text}\n`),
    readStdin: () => readFileSync(0, 'utf8'),
    isTerminal: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    version,
    beforeReviewFillsCores: () => tuneCompilerForFullCores(),
  };
  main(process.argv.slice(2), io).then(exitOnceWritten, (error: unknown) => {
    process.stderr.write(`clauseguard: internal error: ${(error as Error).stack ?? String(error)}\n`);
    exitOnceWritten(2);
  });
}

/**
 * Ends the process as soon as what was written to stdout and stderr is out, rather than after Node
 * has torn down this thread's heap (some 20-60 ms after a corpus run, for nothing: the process
 * ends anyway). The workers are closed by then; the exit code is the review's.
 */
function exitOnceWritten(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

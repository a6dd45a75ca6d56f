/** Parsed command line of `clauseguard`. */
export interface CliArguments {
  command: string | undefined;
  positionals: string[];
  format: 'text' | 'json' | 'sarif';
  rulebooks: string[];
  severity: 'error' | 'warning' | 'information' | 'hint';
  maxWarnings?: number;
  color?: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
  jobs?: number;
  maxFileSize?: number;
  stdinFilename?: string;
}

export class UsageError extends Error {}

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

/** Reads `argv` (without `node` and the script). Throws UsageError with a message for the user. */
export function parseArguments(argv: string[]): CliArguments {
  const parsed: CliArguments = { command: undefined, positionals: [], format: 'text', rulebooks: [], severity: 'information', verbose: false, help: false, version: false };
  const valueOf = (flag: string, index: number): string => {
    const value = argv[index + 1];
    if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`${flag} needs a value.`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => (inline !== undefined ? inline : valueOf(flag, i++));
    switch (flag) {
      case '--format':
      case '-f': {
        const format = take();
        if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
        parsed.format = format as CliArguments['format'];
        break;
      }
      case '--rulebook':
      case '-r':
        parsed.rulebooks.push(take());
        break;
      case '--severity': {
        const severity = take();
        if (!(SEVERITIES as readonly string[]).includes(severity)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}; got "${severity}".`);
        parsed.severity = severity as CliArguments['severity'];
        break;
      }
      case '--max-warnings':
        parsed.maxWarnings = wholeNumber(flag, take());
        break;
      case '--jobs':
      case '-j':
        parsed.jobs = wholeNumber(flag, take());
        break;
      case '--max-file-size':
        parsed.maxFileSize = wholeNumber(flag, take());
        break;
      case '--stdin-filename':
        parsed.stdinFilename = take();
        break;
      case '--no-color':
        parsed.color = false;
        break;
      case '--color':
        parsed.color = true;
        break;
      case '--verbose':
      case '-v':
        parsed.verbose = true;
        break;
      case '--help':
      case '-h':
        parsed.help = true;
        break;
      case '--version':
        parsed.version = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}. Run "clauseguard --help" for the options.`);
        if (parsed.command === undefined) parsed.command = arg;
        else parsed.positionals.push(arg);
    }
  }
  return parsed;
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number; got "${value}".`);
  return Number(value);
}

export const HELP = `ClauseGuard reviews contracts for risky technology-transfer and IP clauses.

Usage:
  clauseguard check [PATH|GLOB|-]...    review files, directories (.md .markdown .txt .contract) or stdin (-)
  clauseguard rules                     list the rules in force
  clauseguard explain RULE              print a rule's explanation, citation and wording
  clauseguard test-rulebook [FILE]      run the examples of every rule (of FILE, or the built-in rulebook)
  clauseguard init [FILE]               write a starter team rulebook (.clauseguard/rulebook.json)

Options for check:
  -f, --format text|json|sarif          output format (default: text)
  -r, --rulebook FILE                   a team rulebook on top of the built-in one (repeatable)
      --severity error|warning|information|hint
                                        lowest severity to report (default: information)
      --max-warnings N                  tolerate up to N findings below error severity
  -j, --jobs N                          files reviewed in parallel: this thread and N-1 workers
                                        (default: number of CPUs, workers only for 8 MB of text or more)
      --max-file-size BYTES             skip larger files (default: 10485760)
      --stdin-filename NAME             name to report for standard input
      --no-color                        no colour in text output
  -v, --verbose                         add each finding's explanation and suggested wording

Exit codes: 0 no finding at or above the threshold, 1 findings, 2 usage error, unreadable path
or invalid rulebook.

Nothing is sent anywhere: ClauseGuard reads the files you name and prints to your terminal.`;

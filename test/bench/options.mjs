// Command line of `npm run bench` (node test/bench/run.mjs).
import os from 'node:os';
import path from 'node:path';

export const USAGE = `Usage: npm run bench -- [options]
  --corpus DIR      contracts to review (default: ../shared/corpus/cuad/contracts from the project root)
  --jobs N          --jobs of the ClauseGuard CLI (default: number of CPUs)
  --runs N          runs of each corpus figure, taken in turns; the median is reported (default: 3)
  --skip-textlint   do not run the textlint comparison (about half a minute per run)
  --quick           corpus figures on the first 50 files only (for development)
  --json            print {machine, date, results} as JSON and nothing else on stdout
  --help            this text`;

/** Parses `argv` (without node and the script); throws Error with a message for the user. */
export function parseOptions(argv, root) {
  const options = {
    corpus: path.resolve(root, '../shared/corpus/cuad/contracts'),
    jobs: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    runs: 3,
    skipTextlint: false,
    quick: false,
    json: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--corpus': options.corpus = path.resolve(value()); break;
      case '--jobs': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw new Error(`--jobs needs a positive whole number; got "${v}".`);
        options.jobs = Number(v);
        break;
      }
      case '--runs': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw new Error(`--runs needs a positive whole number; got "${v}".`);
        options.runs = Number(v);
        break;
      }
      case '--skip-textlint': options.skipTextlint = true; break;
      case '--quick': options.quick = true; break;
      case '--json': options.json = true; break;
      case '--help': case '-h': options.help = true; break;
      default: throw new Error(`Unknown option ${argv[i]}.\n${USAGE}`);
    }
  }
  return options;
}

import { RECOMMENDED, recommendedRulebook } from './builtin';
import { compileRulebooks, type CompileResult } from './compileRulebook';
import { parseRulebook, type ParsedRulebook } from './parseRulebook';
import { ProblemCollector, type RulebookProblem } from './problems';

/**
 * What the loader needs from the world. The engine never touches a file system: the CLI passes
 * one built on node:fs, the extension one built on vscode.workspace.fs, so rulebooks load the
 * same way from disk, from a virtual workspace or from a test.
 */
export interface RulebookHost {
  /** The text at `location`; rejects with an Error whose message says why it cannot be read. */
  read(location: string): Promise<string>;
  /** The location of `specifier` (a relative path) seen from the rulebook at `from`. */
  resolveRelative(from: string, specifier: string): string;
  /** The rulebook file of the npm package `name`, seen from `from`; undefined when it cannot be resolved. */
  resolvePackage(from: string, name: string): Promise<string | undefined>;
  /** How to name a location in messages (a relative path, for example). */
  display(location: string): string;
  /** Whether npm packages may be resolved at all (false in an untrusted workspace). */
  allowPackages?: boolean;
}

export interface LoadedRulebooks extends CompileResult {
  /** Every rulebook that took part, in the order they apply (the built-in one first). */
  parsed: ParsedRulebook[];
  /** Every location that was read, for watching. */
  locations: string[];
}

export interface LoadHooks {
  /**
   * Called with every rulebook read and parsed, just before they are compiled (compiling loads
   * the NLP library and takes a moment): the CLI starts its review workers then, which compile
   * the same texts alongside.
   */
  beforeCompile?(parsed: ParsedRulebook[]): void;
}

/** Nesting deeper than this is surely a mistake; it also bounds the work a hostile chain can cause. */
const MAX_DEPTH = 16;

/**
 * Loads rulebooks with everything they extend: the built-in `clauseguard:recommended`, other
 * files by relative path, and npm packages. The built-in rulebook always applies first; later
 * rulebooks override earlier ones. Cycles, missing files and unreadable packages are problems
 * at the `extends` entry that names them.
 */
export async function loadRulebooks(locations: string[], host: RulebookHost, hooks: LoadHooks = {}): Promise<LoadedRulebooks> {
  const ordered: ParsedRulebook[] = [recommendedRulebook()];
  const seen = new Set<string>([RECOMMENDED]);
  const problems: RulebookProblem[] = [];
  const read: string[] = [];
  const visit = async (location: string, stack: string[], origin?: { parsed: ParsedRulebook; index: number }): Promise<void> => {
    if (seen.has(location)) return;
    if (stack.includes(location) || stack.length > MAX_DEPTH) {
      const cycle = [...stack.slice(stack.indexOf(location)), location].map((item) => host.display(item)).join(' → ');
      report(problems, origin, stack.length > MAX_DEPTH ? `"extends" is nested more than ${MAX_DEPTH} deep.` : `"extends" forms a cycle: ${cycle}.`, host, location);
      return;
    }
    let text: string;
    try {
      text = await host.read(location);
      read.push(location);
    } catch (error) {
      const reason = (error as Error).message;
      report(problems, origin, origin ? `cannot read the rulebook "${host.display(location)}" named in "extends": ${reason}` : `cannot read the rulebook: ${reason}`, host, location);
      return;
    }
    const parsed = { ...parseRulebook(host.display(location), text), location };
    const extended = parsed.rulebook?.extends ?? [];
    for (let index = 0; index < extended.length; index++) {
      const target = await resolveExtends(extended[index], location, host);
      if (target === RECOMMENDED) continue;
      if (typeof target === 'object') {
        report(problems, { parsed, index }, target.problem, host, location);
        continue;
      }
      await visit(target, [...stack, location], { parsed, index });
    }
    seen.add(location);
    ordered.push(parsed);
  };
  for (const location of locations) await visit(location, []);
  if (!problems.length) hooks.beforeCompile?.(ordered);
  const result: LoadedRulebooks = problems.length
    ? { problems: [...problems, ...ordered.flatMap((book) => book.problems)], parsed: ordered, locations: read }
    : { ...compileRulebooks(ordered), parsed: ordered, locations: read };
  const locationOf = new Map(ordered.map((book) => [book.source, book.location]));
  for (const problem of result.problems) problem.location ??= locationOf.get(problem.source);
  return result;
}

async function resolveExtends(specifier: string, from: string, host: RulebookHost): Promise<string | { problem: string }> {
  if (specifier === RECOMMENDED) return RECOMMENDED;
  if (/^(?:\.{1,2}\/|\/)/.test(specifier) || /\.jsonc?$/.test(specifier)) return host.resolveRelative(from, specifier);
  if (host.allowPackages === false) {
    return { problem: `"${specifier}" is an npm package; packages are not resolved in an untrusted workspace. Trust the workspace to use it.` };
  }
  const location = await host.resolvePackage(from, specifier);
  return location ?? { problem: `cannot find the npm package "${specifier}" (is it installed in node_modules?).` };
}

function report(problems: RulebookProblem[], origin: { parsed: ParsedRulebook; index: number } | undefined, message: string, host: RulebookHost, location: string): void {
  if (!origin) {
    problems.push({ message, severity: 'error', source: host.display(location), location, offset: 0, length: 0, line: 1, column: 1 });
    return;
  }
  const at = origin.parsed.locate(['extends', origin.index]);
  const collector = new ProblemCollector(origin.parsed.source, origin.parsed.text);
  collector.error(message, at.offset, at.length);
  problems.push(...collector.problems);
}

import { existsSync, promises as fs } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatProblem, loadRulebooks as loadWithHost, type LoadHooks, type LoadedRulebooks, type RulebookHost, type RulebookProblem } from '../engine';

/** Rulebooks over this size are not read (the parser refuses them too, with a position). */
const MAX_RULEBOOK_BYTES = 5 * 1024 * 1024;

/** Reads rulebooks from disk; npm packages resolve from the nearest node_modules, as Node does. */
export function nodeRulebookHost(cwd: string): RulebookHost {
  return {
    async read(location) {
      try {
        const stats = await fs.stat(location);
        if (stats.isDirectory()) throw new Error('it is a directory, not a file');
        if (stats.size > MAX_RULEBOOK_BYTES) throw new Error(`it is ${(stats.size / 1024 / 1024).toFixed(1)} MB; rulebooks over 5 MB are not read`);
        return await fs.readFile(location, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message);
      }
    },
    resolveRelative: (from, specifier) => resolve(dirname(from), specifier),
    resolvePackage: async (from, name) => resolvePackageRulebook(dirname(from), name),
    display: (location) => {
      const shown = relative(cwd, location);
      return shown.startsWith('..') ? location : shown;
    },
    allowPackages: true,
  };
}

/**
 * The rulebook file of an npm package: the file named by "clauseguardRulebook" in its
 * package.json, or rulebook.json at its root, searching node_modules folders upwards.
 */
export function resolvePackageRulebook(fromDirectory: string, name: string): string | undefined {
  if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name)) return undefined;
  for (let directory = fromDirectory; ; directory = dirname(directory)) {
    const packageDirectory = join(directory, 'node_modules', name);
    const manifest = join(packageDirectory, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(require('node:fs').readFileSync(manifest, 'utf8')) as { clauseguardRulebook?: string };
        return resolve(packageDirectory, pkg.clauseguardRulebook ?? 'rulebook.json');
      } catch {
        return resolve(packageDirectory, 'rulebook.json');
      }
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/** The built-in rulebook with the team rulebooks named by `--rulebook` on top, in order. */
export async function loadRulebooks(paths: string[], cwd: string, hooks?: LoadHooks): Promise<LoadedRulebooks> {
  return loadWithHost(paths.map((path) => resolve(cwd, path)), nodeRulebookHost(cwd), hooks);
}

export function printProblems(problems: RulebookProblem[], write: (line: string) => void): void {
  for (const problem of problems) write(formatProblem(problem));
}

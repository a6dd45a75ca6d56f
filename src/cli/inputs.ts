import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** Extensions reviewed when a directory or glob is given. */
export const CONTRACT_EXTENSIONS = ['.md', '.markdown', '.txt', '.contract'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

export interface InputProblem {
  path: string;
  message: string;
}

export interface ExpandedInputs {
  files: string[];
  readsStdin: boolean;
  problems: InputProblem[];
}

/**
 * Turns the paths, directories and globs on the command line into a sorted list of files.
 * A name that matches nothing is a problem that names the path.
 */
export function expandInputs(inputs: string[], cwd = process.cwd()): ExpandedInputs {
  const files = new Set<string>();
  const problems: InputProblem[] = [];
  let readsStdin = false;
  for (const input of inputs) {
    if (input === '-') {
      readsStdin = true;
      continue;
    }
    const absolute = resolve(cwd, input);
    const stats = statOrUndefined(absolute);
    if (stats?.isDirectory()) {
      for (const file of walk(absolute)) files.add(file);
    } else if (stats) {
      files.add(absolute);
    } else if (/[*?[{]/.test(input)) {
      const matched = expandGlob(input, cwd);
      if (!matched.length) problems.push({ path: input, message: 'no file matches this pattern' });
      for (const file of matched) files.add(file);
    } else {
      problems.push({ path: input, message: 'no such file or directory' });
    }
  }
  return { files: [...files].sort(), readsStdin, problems };
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Every contract file below a directory, skipping dependency and build folders. Symbolic links count as files; a broken one is reported when it cannot be read. */
function walk(directory: string): string[] {
  return walkAll(directory).filter((path) => CONTRACT_EXTENSIONS.some((extension) => path.toLowerCase().endsWith(extension)));
}

/** Expands `*`, `**`, `?`, `[...]` and `{a,b}` relative to `cwd`. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const normalised = pattern.split(sep).join('/');
  const firstMagic = normalised.search(/[*?[{]/);
  const baseEnd = normalised.lastIndexOf('/', firstMagic);
  const base = resolve(cwd, baseEnd >= 0 ? normalised.slice(0, baseEnd) || '/' : '.');
  const matcher = globToRegExp(resolve(cwd, normalised).split(sep).join('/'));
  const candidates = statOrUndefined(base)?.isDirectory() ? walkAll(base) : [];
  return candidates.filter((file) => matcher.test(file.split(sep).join('/')));
}

/** Every file below a directory, skipping dependency and build folders. */
function walkAll(directory: string): string[] {
  const found: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...walkAll(path));
    } else {
      found.push(path);
    }
  }
  return found;
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) source += '\\{';
      else {
        source += `(?:${glob.slice(i + 1, close).split(',').map(escapeRegExp).join('|')})`;
        i = close;
      }
    } else if (char === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

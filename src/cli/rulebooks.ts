import { readFileSync } from 'node:fs';
import { compileRulebooks, formatProblem, parseRulebook, recommendedRulebook, type CompiledRulebook, type RulebookProblem } from '../engine';

export interface LoadedRulebooks {
  rulebook?: CompiledRulebook;
  problems: RulebookProblem[];
}

/** The built-in rulebook with the team rulebooks named by `--rulebook` on top, in order. */
export function loadRulebooks(paths: string[]): LoadedRulebooks {
  const parsed = [recommendedRulebook()];
  const problems: RulebookProblem[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      problems.push({ message: `cannot read the rulebook: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, severity: 'error', source: path, offset: 0, length: 0, line: 1, column: 1 });
      continue;
    }
    parsed.push(parseRulebook(path, text));
  }
  if (problems.length) return { problems };
  const result = compileRulebooks(parsed);
  return { rulebook: result.rulebook, problems: result.problems };
}

export function printProblems(problems: RulebookProblem[], write: (line: string) => void): void {
  for (const problem of problems) write(formatProblem(problem));
}

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ruleExamples, runRuleExample, starterRulebook } from '../engine';
import type { CliArguments } from './args';
import type { CliIo } from './check';
import { loadRulebooks, printProblems } from './rulebooks';

/** Where `init` writes, and `test-rulebook` looks, when no file is named. */
export const DEFAULT_TEAM_RULEBOOK = join('.clauseguard', 'rulebook.json');

/**
 * `clauseguard test-rulebook [FILE]`: runs every example of every rule in force (the built-in
 * rulebook and FILE with what it extends) through the whole engine and reports like a test runner.
 */
export async function runTestRulebook(args: CliArguments, io: CliIo): Promise<number> {
  const named = args.positionals[0] ?? (existsSync(resolve(io.cwd, DEFAULT_TEAM_RULEBOOK)) ? DEFAULT_TEAM_RULEBOOK : undefined);
  const { rulebook, problems } = await loadRulebooks([...(named ? [named] : []), ...args.rulebooks], io.cwd);
  printProblems(problems.filter((problem) => problem.severity === 'warning'), io.stderr);
  if (!rulebook) {
    printProblems(problems.filter((problem) => problem.severity === 'error'), io.stderr);
    return 2;
  }
  const examples = ruleExamples(rulebook);
  let failed = 0;
  let currentRule = '';
  for (const example of examples) {
    const result = runRuleExample(rulebook, example);
    if (result.ruleId !== currentRule) {
      currentRule = result.ruleId;
      io.stdout(currentRule);
    }
    const summary = example.example.replace(/\s+/g, ' ').slice(0, 90);
    if (result.passed) io.stdout(`  ✔ ${example.expectation === 'match' ? 'flags' : 'does not flag'}: ${summary}`);
    else {
      failed++;
      io.stdout(`  ✘ ${example.expectation === 'match' ? 'should flag' : 'should not flag'}: ${summary}`);
      io.stdout(`      rules that flagged it: ${result.found.join(', ') || 'none'}`);
    }
  }
  io.stdout(`\n${examples.length - failed} passed, ${failed} failed (${examples.length} examples of ${new Set(examples.map((example) => example.ruleId)).size} rules from ${rulebook.names.join(', ')})`);
  return failed ? 1 : 0;
}

/** `clauseguard init [FILE]`: writes a starter team rulebook whose comments teach the format. */
export async function runInit(args: CliArguments, io: CliIo): Promise<number> {
  const target = resolve(io.cwd, args.positionals[0] ?? DEFAULT_TEAM_RULEBOOK);
  const shown = relative(io.cwd, target) || target;
  if (existsSync(target)) {
    io.stderr(`${shown}: already exists; ClauseGuard does not overwrite a rulebook.`);
    return 2;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, starterRulebook(relative(dirname(target), resolve(io.cwd, 'node_modules/clauseguard/schemas/rulebook.schema.json')).split('\\').join('/')));
  io.stdout(`Wrote ${shown}. Check it with: clauseguard test-rulebook ${shown}`);
  return 0;
}

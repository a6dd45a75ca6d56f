import type { CliArguments } from './args';
import type { CliIo } from './check';
import { loadRulebooks, printProblems } from './rulebooks';

/** `clauseguard rules`: every rule in force, one line each. */
export async function runRules(args: CliArguments, io: CliIo): Promise<number> {
  const { rulebook, problems } = await loadRulebooks(args.rulebooks, io.cwd);
  if (!rulebook) {
    printProblems(problems, io.stderr);
    return 2;
  }
  const rules = [...rulebook.rulesById.values()];
  if (args.format === 'json') {
    io.stdout(JSON.stringify(rules.map(({ id, category, severity, title, enabled }) => ({ id, category, severity, title, enabled: enabled !== false })), null, 2));
    return 0;
  }
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const categoryWidth = Math.max(...rules.map((rule) => rule.category.length));
  for (const rule of rules) {
    const off = rule.enabled === false ? ' (disabled)' : '';
    io.stdout(`${rule.id.padEnd(idWidth)}  ${rule.category.padEnd(categoryWidth)}  ${rule.severity.padEnd(11)}  ${rule.title}${off}`);
  }
  io.stdout(`\n${rules.length} rules from ${rulebook.names.join(', ')}`);
  return 0;
}

/** `clauseguard explain RULE`: the explanation, citation and wording of one rule. */
export async function runExplain(args: CliArguments, io: CliIo): Promise<number> {
  const id = args.positionals[0];
  if (!id) {
    io.stderr('explain needs a rule id, for example: clauseguard explain tt/grant-back-licence');
    return 2;
  }
  const { rulebook, problems } = await loadRulebooks(args.rulebooks, io.cwd);
  if (!rulebook) {
    printProblems(problems, io.stderr);
    return 2;
  }
  const rule = rulebook.rulesById.get(id);
  if (!rule) {
    const near = [...rulebook.rulesById.keys()].filter((candidate) => candidate.includes(id.split('/').pop() ?? id)).slice(0, 5);
    io.stderr(`There is no rule "${id}".${near.length ? ` Did you mean: ${near.join(', ')}?` : ' Run "clauseguard rules" for the list.'}`);
    return 2;
  }
  const lines = [
    `${rule.id} — ${rule.title}`,
    `Category: ${rule.category}    Severity: ${rule.severity}${rule.enabled === false ? '    (disabled)' : ''}`,
    '',
    'Why it matters:',
    `  ${rule.explanation}`,
    '',
    'Citation:',
    `  ${rule.citation}`,
  ];
  for (const fix of rule.fixes ?? []) {
    lines.push('', `${fix.preferred ? 'Preferred wording' : 'Fallback wording'} — ${fix.title}:`, `  ${fix.text}`);
  }
  if (rule.examples.match.length) lines.push('', 'Flags, for example:', ...rule.examples.match.map((example) => `  • ${example}`));
  if (rule.examples.noMatch.length) lines.push('', 'Does not flag:', ...rule.examples.noMatch.map((example) => `  • ${example}`));
  io.stdout(lines.join('\n'));
  return 0;
}

import * as vscode from 'vscode';
import type { RuleDefinition } from '../engine';

export const RULE_SCHEME = 'clauseguard-rule';

/** `clauseguard-rule:/tt/grant-back-licence.md`: the documentation page of one rule. */
export function ruleDocumentationUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${ruleId}.md` });
}

export function ruleIdOfDocumentationUri(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

/** A rule's documentation page, generated from the rulebook, in Markdown. */
export function ruleDocumentationMarkdown(rule: RuleDefinition): string {
  const lines = [
    `# ${rule.title}`,
    '',
    `\`${rule.id}\` · category **${rule.category}** · severity **${rule.severity}**${rule.enabled === false ? ' · disabled' : ''}`,
    '',
    '## Why it matters',
    '',
    rule.explanation,
    '',
    '## Citation',
    '',
    rule.citation,
  ];
  const fixes = rule.fixes ?? [];
  if (fixes.length) {
    lines.push('', '## Suggested wording');
    for (const fix of fixes) {
      lines.push('', `### ${fix.preferred ? 'Preferred' : 'Fallback'}: ${fix.title}`, '', '```text', fix.text, '```');
    }
  }
  if (rule.examples.match.length) lines.push('', '## Flags, for example', '', ...rule.examples.match.map((example) => `- ${example.replace(/\n+/g, ' ')}`));
  if (rule.examples.noMatch.length) lines.push('', '## Does not flag', '', ...rule.examples.noMatch.map((example) => `- ${example.replace(/\n+/g, ' ')}`));
  lines.push('', '---', '', 'To turn this rule off for a clause, use the quick fix "Suppress" (it inserts `clauseguard-disable-next-line`); for the workspace, add its id to `clauseguard.disabledRules`.', '');
  return lines.join('\n');
}

/** Serves rule pages for `clauseguard-rule:` URIs, from the rulebook in force. */
export class RuleDocumentationProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly findRule: (ruleId: string) => RuleDefinition | undefined) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ruleId = ruleIdOfDocumentationUri(uri);
    const rule = this.findRule(ruleId);
    return rule ? ruleDocumentationMarkdown(rule) : `# Unknown rule\n\nThere is no rule \`${ruleId}\` in the rulebook in force.\n`;
  }
}

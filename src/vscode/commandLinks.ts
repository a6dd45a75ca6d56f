import * as vscode from 'vscode';

/** Commands that hovers may link to; nothing else in a hover is trusted. */
export const HOVER_COMMANDS = ['clauseguard.applyFix', 'clauseguard.suppressFinding', 'clauseguard.showRuleDocumentation'] as const;

export interface FindingReference {
  uri: string;
  version: number;
  ruleId: string;
  start: number;
}

/** A `command:` link with JSON arguments, as MarkdownString expects. */
export function commandLink(command: (typeof HOVER_COMMANDS)[number], args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export function trustedMarkdown(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  return markdown;
}

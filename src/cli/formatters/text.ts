import { CATEGORIES, type Finding } from '../../engine';
import type { FileResult } from './fileResult';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

const STYLES = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, dim: 2, green: 32, cyan: 36 } as const;

function paint(enabled: boolean, style: keyof typeof STYLES, text: string): string {
  return enabled ? `\u001b[${STYLES[style]}m${text}\u001b[0m` : text;
}

const SEVERITY_STYLE: Record<Finding['severity'], keyof typeof STYLES> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'gray' };

/**
 * One line per finding, like eslint and tsc (`path:line:col  severity  message  ruleId`), with
 * the explanation and wording under it in verbose mode, and a summary per category.
 */
export function formatText(results: FileResult[], options: TextOptions): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      const where = `${result.path}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const severity = paint(options.color, SEVERITY_STYLE[finding.severity], finding.severity.padEnd(11));
      lines.push(`${where}  ${severity}  ${finding.message}  ${paint(options.color, 'gray', finding.ruleId)}`);
      if (options.verbose) lines.push(...verboseLines(finding, result.text, options.color));
    }
  }
  lines.push('', ...summaryLines(results, options.color));
  return lines.join('\n');
}

function verboseLines(finding: Finding, text: string, color: boolean): string[] {
  const indent = '    ';
  const clause = text.slice(finding.start, finding.end).replace(/\s+/g, ' ').trim();
  const lines = [
    `${indent}${paint(color, 'bold', 'Clause:')} ${clause.length > 400 ? `${clause.slice(0, 400)}…` : clause}`,
    `${indent}${paint(color, 'bold', 'Why:')} ${finding.explanation}`,
    `${indent}${paint(color, 'bold', 'Citation:')} ${finding.citation}`,
  ];
  for (const fix of finding.fixes) {
    const label = fix.isPreferred ? 'Suggested wording' : 'Fallback wording';
    const wording = fix.edits.map((edit) => edit.newText.trim()).join(' … ');
    lines.push(`${indent}${paint(color, 'green', `${label} (${fix.title}):`)} ${wording}`);
  }
  lines.push('');
  return lines;
}

function summaryLines(results: FileResult[], color: boolean): string[] {
  const findings = results.flatMap((result) => result.findings);
  const files = results.length;
  if (!findings.length) return [paint(color, 'green', `No findings in ${files} file${files === 1 ? '' : 's'}.`)];
  const bySeverity = (severity: Finding['severity']): number => findings.filter((finding) => finding.severity === severity).length;
  const counts = (['error', 'warning', 'information', 'hint'] as const)
    .filter((severity) => bySeverity(severity))
    .map((severity) => `${bySeverity(severity)} ${severity}${bySeverity(severity) === 1 || severity === 'information' ? '' : 's'}`);
  const lines = [paint(color, 'bold', `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${counts.join(', ')})`)];
  for (const category of CATEGORIES) {
    const count = findings.filter((finding) => finding.category === category).length;
    if (count) lines.push(`  ${category.padEnd(20)} ${count}`);
  }
  return lines;
}

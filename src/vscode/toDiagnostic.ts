import * as vscode from 'vscode';
import type { Finding, LineIndex, Range, Severity } from '../engine';
import { ruleDocumentationUri } from './ruleDocumentation';
import type { Settings } from './settings';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The severity a finding is shown with: the rule's, unless the settings override its category. */
export function effectiveSeverity(finding: Finding, settings: Settings): Severity | 'off' {
  return settings.severityOverrides[finding.category] ?? finding.severity;
}

/** Findings with the severities the settings give them; categories turned "off" are dropped. */
export function withSettings(findings: Finding[], settings: Settings): Finding[] {
  const shown: Finding[] = [];
  for (const finding of findings) {
    const severity = effectiveSeverity(finding, settings);
    if (severity !== 'off') shown.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return shown;
}

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * The one place a finding becomes a diagnostic: `source` ClauseGuard, `code` linking to the
 * rule's documentation, and related information pointing at the definitions of the defined
 * terms that made the clause risky.
 */
export function toDiagnostic(finding: Finding, uri: vscode.Uri, severity: Severity, lines: LineIndex): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[severity]);
  diagnostic.source = 'ClauseGuard';
  diagnostic.code = { value: finding.ruleId, target: ruleDocumentationUri(finding.ruleId) };
  diagnostic.relatedInformation = finding.evidence.definedTerms.map(
    (term) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(lines.rangeOf(term.start, term.end))), `"${term.term}" is defined here`),
  );
  return diagnostic;
}

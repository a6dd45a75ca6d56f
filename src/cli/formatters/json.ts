import type { Finding } from '../../engine';
import type { FileResult } from './fileResult';

/** The finding fields of the public JSON format, in order. Other tools and the scorer read them. */
function publicFinding(finding: Finding): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    start: finding.start,
    end: finding.end,
    range: finding.range,
    explanation: finding.explanation,
    citation: finding.citation,
    fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ start: edit.start, end: edit.end, newText: edit.newText })) })),
  };
}

/** `{"tool": {...}, "files": [{"path", "findings": [...]}]}`; offsets are UTF-16 code units. */
export function formatJson(results: FileResult[], version: string): string {
  return JSON.stringify(
    {
      tool: { name: 'clauseguard', version },
      files: results.map((result) => ({ path: result.path, findings: result.findings.map(publicFinding) })),
    },
    null,
    2,
  );
}

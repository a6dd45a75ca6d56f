import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Finding, RuleDefinition } from '../../engine';
import type { FileResult } from './fileResult';

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A SARIF 2.1.0 log: one run, the rules that fired (with descriptions and help), results with regions and fixes. */
export function formatSarif(results: FileResult[], version: string, rulesById: Map<string, RuleDefinition>): string {
  const usedRules = [...new Set(results.flatMap((result) => result.findings.map((finding) => finding.ruleId)))].sort();
  const ruleIndex = new Map(usedRules.map((id, index) => [id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ClauseGuard',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/clauseguard/clauseguard',
            rules: usedRules.map((id) => sarifRule(id, rulesById.get(id))),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) => result.findings.map((finding) => sarifResult(finding, result, ruleIndex.get(finding.ruleId) ?? 0))),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function sarifRule(id: string, rule: RuleDefinition | undefined): Record<string, unknown> {
  if (!rule) return { id };
  const wording = (rule.fixes ?? []).map((fix) => `- ${fix.title}: ${fix.text}`).join('\n');
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)/g, (_whole, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.explanation },
    help: {
      text: `${rule.explanation}\n\nCitation: ${rule.citation}${wording ? `\n\nSuggested wording:\n${wording}` : ''}`,
      markdown: `${rule.explanation}\n\n**Citation:** ${rule.citation}${wording ? `\n\n**Suggested wording**\n\n${wording}` : ''}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { category: rule.category, tags: [rule.category, 'technology-transfer'] },
  };
}

function sarifResult(finding: Finding, result: FileResult, ruleIndex: number): Record<string, unknown> {
  const artifactLocation = { uri: artifactUri(result.path) };
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation, region: region(finding.start, finding.end, finding.range) } }],
    fixes: finding.fixes.map((fix) => ({
      description: { text: fix.title },
      artifactChanges: [
        {
          artifactLocation,
          replacements: fix.edits.map((edit) => ({ deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start }, insertedContent: { text: edit.newText } })),
        },
      ],
    })),
    properties: { category: finding.category },
  };
}

/** 1-based lines and columns, plus character offsets. */
function region(start: number, end: number, range: Finding['range']): Record<string, number> {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
    charOffset: start,
    charLength: end - start,
  };
}

function artifactUri(path: string): string {
  if (path === '<stdin>') return 'stdin';
  return isAbsolute(path) ? pathToFileURL(path).href : path.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
}

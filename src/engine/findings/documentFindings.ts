import type { ContractDocument } from '../document/model';
import type { SentenceMatch } from '../matching/matchSentences';
import type { CompiledDocumentRule } from '../rulebook/compileRulebook';
import type { Section } from '../document/sections';
import { trimSpan, type Span } from '../text/spans';
import type { Finding } from '../types';
import { placementSection } from './buildFinding';
import { fillTemplate } from './templates';

/**
 * Document rules: an agreement of a listed kind that has no sentence matching any of the
 * rules that recognise a protection gets one finding, placed on the heading of the section
 * where the protection belongs (or on the first line), with a fix that inserts the clause there.
 */
export function documentFindings(document: ContractDocument, rules: CompiledDocumentRule[], matches: SentenceMatch[]): Finding[] {
  const matchedRules = new Set(matches.map((match) => match.rule.definition.id));
  const findings: Finding[] = [];
  for (const rule of rules) {
    const { definition, match } = rule;
    if (definition.enabled === false) continue;
    if (!match.documentKinds.some((kind) => document.kinds.includes(kind))) continue;
    if (match.absent.some((id) => matchedRules.has(id))) continue;
    const section = placementSection(document, match.placeIn);
    const anchor = section ? headingSpan(document, section) : firstLine(document);
    const insertAt = section ? endOfSection(document, section.end) : document.source.length;
    findings.push({
      ruleId: definition.id,
      category: definition.category,
      severity: definition.severity,
      title: definition.title,
      message: fillTemplate(definition.message, {}),
      start: anchor.start,
      end: anchor.end,
      range: document.lines.rangeOf(anchor.start, anchor.end),
      explanation: definition.explanation,
      citation: definition.citation,
      fixes: (definition.fixes ?? []).map((fix, index) => ({
        title: fix.title,
        isPreferred: fix.preferred ?? index === 0,
        edits: [{ start: insertAt, end: insertAt, newText: `\n\n${fillTemplate(fix.text, {})}` }],
      })),
      evidence: { definedTerms: [] },
    });
  }
  return findings;
}

/** A section's heading (for a numbered paragraph, its number), without the space after it. */
function headingSpan(document: ContractDocument, section: Section): Span {
  return trimSpan(document.analysis, { start: section.start, end: section.headingEnd });
}

function firstLine(document: ContractDocument): { start: number; end: number } {
  const first = document.sentences[0];
  if (!first) return { start: 0, end: 0 };
  const line = document.lines.positionAt(first.start).line;
  return trimSpan(document.analysis, { start: first.start, end: Math.min(first.end, document.lines.lineEnd(line)) });
}

/** Just after the last non-blank character before `end`, so the new clause sits under the section's text. */
function endOfSection(document: ContractDocument, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(document.source.slice(at - 1, at))) at--;
  const lineEnd = document.lines.lineEnd(document.lines.positionAt(at).line);
  return Math.max(at, lineEnd);
}

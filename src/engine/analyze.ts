import { findContaining, parseDocument, type ContractDocument } from './document/model';
import { applyPerspective } from './findings/perspective';
import { documentFindings } from './findings/documentFindings';
import { findingFromMatch } from './findings/buildFinding';
import { resolveMatches } from './findings/resolveMatches';
import { findSuppressions, isSuppressed } from './findings/suppressions';
import { buildDocumentVocabulary } from './matching/documentVocabulary';
import { matchSentences, type MatchStatistics } from './matching/matchSentences';
import type { CompiledRulebook, CompiledSentenceRule } from './rulebook/compileRulebook';
import type { Perspective } from './rulebook/types';
import type { Finding } from './types';

export interface AnalyzeOptions {
  /** Report protective findings (category `protective`) too. Default true. */
  includeProtective?: boolean;
  /** Rule ids turned off for this review (a workspace setting, for example). */
  disabledRules?: ReadonlySet<string>;
  /** The party the reviewer represents; overrides the rulebook's `perspective`. */
  perspective?: Perspective;
}

export interface AnalysisResult {
  document: ContractDocument;
  findings: Finding[];
  statistics: MatchStatistics;
}

/**
 * The engine's entry point: contract text in, findings out. The CLI and the VS Code extension
 * both call this, so a finding in CI is the finding in the editor.
 */
export function analyze(text: string, rulebook: CompiledRulebook, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeDocument(parseDocument(text), rulebook, options);
}

export function analyzeDocument(document: ContractDocument, rulebook: CompiledRulebook, options: AnalyzeOptions = {}): AnalysisResult {
  const statistics: MatchStatistics = { sentences: 0, candidates: 0, nlpWords: 0 };
  const vocabulary = buildDocumentVocabulary(document, rulebook);
  const disabled = options.disabledRules ?? new Set<string>();
  const isOn = (id: string, enabled: boolean | undefined): boolean => enabled !== false && !disabled.has(id);
  const rules = rulesToRun(rulebook, isOn);
  const matches = matchSentences(document, rulebook, vocabulary, rules, statistics);
  const reported = resolveMatches(matches.filter((match) => isOn(match.rule.definition.id, match.rule.definition.enabled)));
  const findings = reported.map((match) => findingFromMatch(match, document, rulebook, vocabulary));
  findings.push(...documentFindings(document, rulebook.documentRules.filter((rule) => isOn(rule.definition.id, rule.definition.enabled)), matches));
  const suppressions = findSuppressions(document.text, document.lines);
  const perspective = options.perspective ?? rulebook.perspective;
  const seen = applyPerspective(findings, perspective, document.analysisText, (offset) => findContaining(document.sentences, offset));
  const visible = seen.filter(
    (finding) => (options.includeProtective ?? true ? true : finding.category !== 'protective') && !isSuppressed(suppressions, finding.range.start.line, finding.ruleId, finding.category),
  );
  visible.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { document, findings: visible, statistics };
}

/** Enabled sentence rules, plus disabled ones that a document rule needs to see a protection. */
function rulesToRun(rulebook: CompiledRulebook, isOn: (id: string, enabled: boolean | undefined) => boolean): CompiledSentenceRule[] {
  const needed = new Set(rulebook.documentRules.filter((rule) => isOn(rule.definition.id, rule.definition.enabled)).flatMap((rule) => rule.match.absent));
  return rulebook.sentenceRules.filter((rule) => isOn(rule.definition.id, rule.definition.enabled) || needed.has(rule.definition.id));
}

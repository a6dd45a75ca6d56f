/**
 * The public data types of the engine. A `Finding` is plain data: the VS Code adapter turns it
 * into a diagnostic and the CLI into text, JSON or SARIF; nothing else converts it.
 */

/** The risk categories of ../shared/TAXONOMY.md. Their ids are a public contract. */
export const RISK_CATEGORIES = [
  'forced-transfer',
  'grant-back',
  'ip-assignment',
  'non-market-terms',
  'disclosure-demand',
  'government-access',
  'weak-protection',
  'tech-preference',
] as const;

export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Every category a finding may carry: the risks, document-level gaps, and protective clauses. */
export const CATEGORIES = [...RISK_CATEGORIES, 'missing-protection', 'protective'] as const;

export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** A 0-based line and UTF-16 character, as in the Language Server Protocol. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Replace the UTF-16 code units `[start, end)` of the original text with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** The wording a reviewer should propose first. */
  isPreferred: boolean;
  edits: TextEdit[];
}

/** Why a clause was flagged: the parts of the clause that the rule matched. */
export interface FindingEvidence {
  actor?: string;
  action?: string;
  object?: string;
  recipient?: string;
  condition?: string;
  /** Defined terms used in the clause that made it risky, with where each is defined. */
  definedTerms: { term: string; start: number; end: number }[];
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Short rule title, for hovers and reports. */
  title: string;
  message: string;
  start: number;
  end: number;
  range: Range;
  explanation: string;
  citation: string;
  fixes: Fix[];
  evidence: FindingEvidence;
}

export function isRiskCategory(category: string): category is RiskCategory {
  return (RISK_CATEGORIES as readonly string[]).includes(category);
}

import type { Category, RiskCategory, Severity } from '../types';

/**
 * The rulebook format. The built-in rulebook and teams' rulebooks use exactly this shape; the
 * JSON Schema in schemas/rulebook.schema.json describes the same types, and a test keeps them
 * in step.
 */
export interface RulebookFile {
  /** Editors use it to find the schema. */
  $schema?: string;
  /** A name for messages and reports: `clauseguard:recommended`, `acme-legal`. */
  name?: string;
  description?: string;
  /** Rulebooks this one builds on; later entries override earlier ones. */
  extends?: string[];
  /** Named word lists. Each name becomes a tag that patterns use as `#Name`. */
  vocabulary?: Record<string, VocabularyEntry>;
  /** The party or parties the team represents; see `perspective` in the rulebook docs. */
  perspective?: Perspective;
  rules?: RuleEntry[];
}

export type VocabularyEntry = string[] | VocabularyDefinition;

export interface VocabularyDefinition {
  description?: string;
  /** Phrases, case-insensitive; hyphens and spaces are the same; a final `*` matches any ending. */
  phrases: string[];
  /** Defined terms whose definition uses one of these phrases carry this tag wherever they are used. */
  inheritedByDefinedTerms?: boolean;
}

export interface Perspective {
  /** Names of the parties the team represents, as the contract names them. */
  parties: string[];
  /** What to do with findings that move technology towards those parties. */
  towardsUs: 'information' | 'drop' | 'keep';
}

/** A rule: a complete new rule, or an override of an existing rule's fields by `id`. */
export type RuleEntry = RuleDefinition | RuleOverride;

export interface RuleDefinition {
  /** `namespace/name`, for example `tt/grant-back-free`. */
  id: string;
  category: Category;
  severity: Severity;
  /** A few words: "Free grant-back of improvements". */
  title: string;
  /** One sentence shown in the Problems panel. May use `{actor}`, `{recipient}`, `{object}`. */
  message: string;
  /** Why the clause is risky for the technology owner and what to ask for instead. */
  explanation: string;
  /** The authority: a Phase One article or the IP-practice reason. */
  citation: string;
  enabled?: boolean;
  /** `sentence` rules look at one sentence at a time; `document` rules at the whole agreement. */
  scope?: 'sentence' | 'document';
  match: SentenceMatch | DocumentMatch;
  /** For `protective` rules: risk findings of these categories in the same part of the sentence are dropped. */
  neutralises?: RiskCategory[];
  /**
   * For `protective` rules: the part of a sentence the protection answers. `segment` (the default):
   * its own clause; `sentence`: the whole sentence, for protections that usually come as a proviso
   * ("may disclose ...; provided that it first gives notice ...").
   */
  answers?: 'segment' | 'sentence';
  /** Rules this one says better: when both match a sentence, only this one is reported. */
  supersedes?: string[];
  fixes?: FixDefinition[];
  examples: RuleExamples;
}

export interface RuleOverride {
  /** The id of the rule to change. */
  id: string;
  /** Marks the entry as an override; any other field replaces the rule's own. */
  override: true;
  enabled?: boolean;
  severity?: Severity;
  title?: string;
  message?: string;
  explanation?: string;
  citation?: string;
  fixes?: FixDefinition[];
}

export interface RuleExamples {
  /** Text the rule must flag. */
  match: string[];
  /** Text the rule must not flag. */
  noMatch: string[];
}

export const MODALITIES = ['obligation', 'permission', 'grant', 'statement'] as const;
export type Modality = (typeof MODALITIES)[number];

export const PARTY_KINDS = ['party', 'venture', 'government', 'third-party', 'unknown'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const CONDITION_KINDS = ['on-request', 'condition-of', 'approval', 'termination', 'insolvency', 'no-notice', 'notice', 'protective-order', 'consent', 'creator-owns'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/**
 * What a sentence must look like. The first `pattern` of `all` is the anchor: `negated`,
 * `modality`, `actor` and `recipient` are read for the verb that governs it.
 */
export interface SentenceMatch {
  all?: Condition[];
  any?: Condition[];
  none?: Condition[];
  /** Whether the governing verb is negated (`shall not`, `No Party shall`, `neither ... nor`). */
  negated?: boolean;
  modality?: Modality[];
  actor?: PartyKind[];
  recipient?: PartyKind[];
  /**
   * `action`: the anchor must be what the clause does, not part of its subject ("Any transfer ... shall be").
   * `verb`: the anchor must be the clause's verb or the predicate right after it ("shall own", "will be the sole owner").
   */
  role?: 'action' | 'verb' | 'any';
}

export type Condition =
  | { pattern: string }
  /** A pattern that must match in what the anchor's verb acts on (for a passive verb, its subject too). */
  | { object: string }
  | { phrase: string | string[] }
  | { concept: string }
  | { condition: ConditionKind }
  | { recipient: PartyKind[] }
  | { actor: PartyKind[] }
  | { section: string[] };

export const DOCUMENT_KINDS = ['joint-venture', 'license', 'development', 'technology', 'other'] as const;
export type DocumentKindName = (typeof DOCUMENT_KINDS)[number];

/** A document rule fires when an agreement of one of `documentKinds` has no sentence matching any `absent` rule. */
export interface DocumentMatch {
  documentKinds: DocumentKindName[];
  /** Ids of (protective) rules; the protection counts as present when any of them matches. */
  absent: string[];
  /** Words of the section headings where the missing clause belongs ("confidentiality"). */
  placeIn?: string[];
}

export interface FixDefinition {
  title: string;
  /** The position to propose first. One fix of a rule should be preferred. */
  preferred?: boolean;
  /**
   * What the text replaces: the whole `sentence`, the matched `anchor` phrase, or nothing
   * (`append` adds it at the end of the sentence; `insert` adds a clause to the section where
   * it belongs, for document rules).
   */
  target: 'sentence' | 'anchor' | 'append' | 'insert';
  /** Wording. `{actor}`, `{recipient}`, `{object}`, `{anchor}` take the clause's own words; `{actor|the Licensee}` gives a default. */
  text: string;
}

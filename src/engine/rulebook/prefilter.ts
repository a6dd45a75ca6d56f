import type { CompiledPattern } from '../nlp/compromise';
import { phraseWords } from '../nlp/words';
import type { ConditionKind } from './types';

/**
 * One thing a sentence must contain for a rule to have a chance: any of these words, or any
 * phrase of these vocabulary concepts. A rule's requirements are derived from its patterns, so
 * the cheap word test never rejects a sentence the full match would accept.
 */
export interface Requirement {
  words: string[];
  concepts: string[];
  /** Conditions the engine detects from the text alone ("creator-owns"), checked without parsing. */
  conditions?: ConditionKind[];
  /** For a rule's `any` list: one of these groups must be met in full (each group is one alternative). */
  anyOf?: Requirement[][];
  /** The requirement's number in its rulebook's index, given by `indexRequirements`. */
  slot?: number;
}

type PatternToken = CompiledPattern[number] & {
  word?: string;
  tag?: string;
  fastOr?: Set<string>;
  choices?: PatternToken[][];
  optional?: boolean;
  negative?: boolean;
  min?: number;
};

/** What a compiled compromise pattern requires of any sentence it matches. */
export function requirementsOfPattern(pattern: CompiledPattern, concepts: ReadonlySet<string>): Requirement[] {
  const requirements: Requirement[] = [];
  for (const token of pattern as PatternToken[]) {
    const requirement = requirementOfTerm(token, concepts);
    if (requirement) requirements.push(requirement);
  }
  return requirements;
}

/** What one term of a pattern requires of the token it matches: any of its words, or its vocabulary concept; undefined if it may match no token or any. */
export function requirementOfTerm(token: PatternToken, concepts: ReadonlySet<string>): Requirement | undefined {
  if (token.optional || token.negative || token.min === 0) return undefined;
  if (token.word) return { words: [token.word], concepts: [] };
  if (token.fastOr) return { words: [...token.fastOr], concepts: [] };
  if (token.tag) return concepts.has(token.tag) ? { words: [], concepts: [token.tag] } : undefined;
  if (token.choices) {
    const union: Requirement = { words: [], concepts: [] };
    for (const choice of token.choices) {
      const first = choice.map((inner) => requirementOfTerm(inner, concepts)).find(Boolean);
      if (!first) return undefined;
      union.words.push(...first.words);
      union.concepts.push(...first.concepts);
    }
    return union;
  }
  return undefined;
}

/** A plain phrase requires its first word. */
export function requirementOfPhrases(phrases: string[]): Requirement | undefined {
  const words = phrases.map((phrase) => phraseWords(phrase)[0]).filter((word): word is string => Boolean(word));
  return words.length === phrases.length ? { words, concepts: [] } : undefined;
}

/** Which requirements each word and each concept meets, so that a sentence is read once for all rules. */
export interface RequirementIndex {
  byWord: Map<string, Requirement[]>;
  byConcept: Map<string, Requirement[]>;
  /** What the sentence being read meets; reused from one sentence to the next. */
  met: MetRequirements;
}

/**
 * The requirements one sentence meets, as a mark per requirement slot: a new sentence starts a
 * new round rather than a new set, since every sentence of every contract is read. Holds the
 * answer for one sentence at a time, until the next `metByWords`.
 */
export class MetRequirements {
  private marks: Uint32Array;
  private round = 0;
  /** The condition kinds whose cue some word of the sentence may be part of (bits of `cueBit`): a condition whose bit is not set is not stated. */
  cues = 0;

  constructor(slots: number) {
    this.marks = new Uint32Array(slots);
  }

  /** Forgets the previous sentence's requirements. */
  begin(): void {
    this.cues = 0;
    if (++this.round === 0xffffffff) {
      this.marks.fill(0);
      this.round = 1;
    }
  }

  add(requirement: Requirement): void {
    this.marks[requirement.slot!] = this.round;
  }

  has(requirement: Requirement): boolean {
    return requirement.slot !== undefined && this.marks[requirement.slot] === this.round;
  }
}

/** Indexes the requirements of every rule (and of every `any` alternative) by the words and concepts that meet them. */
export function indexRequirements(lists: Requirement[][]): RequirementIndex {
  const byWord = new Map<string, Requirement[]>();
  const byConcept = new Map<string, Requirement[]>();
  const slotted = new Set<Requirement>();
  const add = (map: Map<string, Requirement[]>, key: string, requirement: Requirement): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(requirement)) list.push(requirement);
    map.set(key, list);
  };
  const visit = (requirements: Requirement[]): void => {
    for (const requirement of requirements) {
      if (!slotted.has(requirement)) {
        requirement.slot = slotted.size;
        slotted.add(requirement);
      }
      for (const word of requirement.words) add(byWord, word, requirement);
      for (const concept of requirement.concepts) add(byConcept, concept, requirement);
      requirement.anyOf?.forEach(visit);
    }
  };
  lists.forEach(visit);
  return { byWord, byConcept, met: new MetRequirements(slotted.size) };
}

/**
 * The requirements a sentence meets by its words and concepts alone: `words` holds, for each
 * reading of the sentence, the requirements each word meets; `concepts` the vocabulary hits.
 * Every sentence of every contract passes through here, so it loops rather than allocates.
 */
export function metByWords(
  index: RequirementIndex,
  words: readonly (readonly { readonly requirements: readonly Requirement[] | undefined; readonly conditionCues: number }[])[],
  concepts: readonly { concept: string }[],
): MetRequirements {
  const met = index.met;
  met.begin();
  for (let r = 0; r < words.length; r++) {
    const reading = words[r];
    for (let w = 0; w < reading.length; w++) {
      met.cues |= reading[w].conditionCues;
      const requirements = reading[w].requirements;
      if (requirements) for (let i = 0; i < requirements.length; i++) met.add(requirements[i]);
    }
  }
  for (let c = 0; c < concepts.length; c++) {
    const requirements = index.byConcept.get(concepts[c].concept);
    if (requirements) for (let i = 0; i < requirements.length; i++) met.add(requirements[i]);
  }
  return met;
}

/**
 * Whether a sentence can meet every requirement: `met` holds those its words and concepts meet,
 * and conditions are asked lazily. A requirement that only words can meet is checked first, so
 * that a sentence lacking one is turned away before any condition's expression runs on it.
 */
export function meetsRequirements(requirements: Requirement[], met: MetRequirements, hasCondition: (kind: ConditionKind) => boolean): boolean {
  for (let i = 0; i < requirements.length; i++) {
    const requirement = requirements[i];
    if (!requirement.conditions && !requirement.anyOf && !met.has(requirement)) return false;
  }
  for (let i = 0; i < requirements.length; i++) {
    const requirement = requirements[i];
    if (met.has(requirement)) continue;
    if (requirement.conditions && requirement.conditions.some(hasCondition)) continue;
    if (requirement.anyOf && someGroupMet(requirement.anyOf, met, hasCondition)) continue;
    return false;
  }
  return true;
}

/**
 * Whether any of `groups` is met. A loop rather than `some` with an arrow: asked for nearly every
 * rule of every sentence, that allocated a closure each time.
 */
function someGroupMet(groups: Requirement[][], met: MetRequirements, hasCondition: (kind: ConditionKind) => boolean): boolean {
  for (let i = 0; i < groups.length; i++) if (meetsRequirements(groups[i], met, hasCondition)) return true;
  return false;
}

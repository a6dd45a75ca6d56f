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
    const requirement = requirementOfToken(token, concepts);
    if (requirement) requirements.push(requirement);
  }
  return requirements;
}

function requirementOfToken(token: PatternToken, concepts: ReadonlySet<string>): Requirement | undefined {
  if (token.optional || token.negative || token.min === 0) return undefined;
  if (token.word) return { words: [token.word], concepts: [] };
  if (token.fastOr) return { words: [...token.fastOr], concepts: [] };
  if (token.tag) return concepts.has(token.tag) ? { words: [], concepts: [token.tag] } : undefined;
  if (token.choices) {
    const union: Requirement = { words: [], concepts: [] };
    for (const choice of token.choices) {
      const first = choice.map((inner) => requirementOfToken(inner, concepts)).find(Boolean);
      if (!first) return undefined;
      union.words.push(...first.words);
      union.concepts.push(...first.concepts);
    }
    return union;
  }
  return undefined;
}

/** Words so common that requiring them keeps almost every sentence. */
const COMMON_WORDS = new Set(['all', 'any', 'each', 'every', 'the', 'a', 'an', 'of', 'to', 'in', 'on', 'by', 'for', 'with', 'and', 'or', 'such', 'its', 'their', 'this', 'that', 'shall', 'will', 'may', 'be', 'is', 'are', 'not', 'no']);

/**
 * Of the requirements of one condition (any of which alone is enough to pass it), the one that
 * lets fewest sentences through: a vocabulary concept, else words that are not function words.
 */
export function mostSelective(requirements: Requirement[]): Requirement {
  const score = (requirement: Requirement): number => {
    if (requirement.concepts.length && !requirement.words.length) return 0;
    const common = requirement.words.filter((word) => COMMON_WORDS.has(word)).length;
    return common ? 2 + common : 1;
  };
  return requirements.reduce((best, requirement) => (score(requirement) < score(best) ? requirement : best));
}

/** A plain phrase requires its first word. */
export function requirementOfPhrases(phrases: string[]): Requirement | undefined {
  const words = phrases.map((phrase) => phraseWords(phrase)[0]).filter((word): word is string => Boolean(word));
  return words.length === phrases.length ? { words, concepts: [] } : undefined;
}

/** Whether a sentence with these words and concepts (and, asked lazily, conditions) can meet every requirement. */
export function meetsRequirements(
  requirements: Requirement[],
  words: ReadonlySet<string>,
  concepts: ReadonlySet<string>,
  hasCondition: (kind: ConditionKind) => boolean,
): boolean {
  return requirements.every(
    (requirement) =>
      requirement.words.some((word) => words.has(word)) ||
      requirement.concepts.some((concept) => concepts.has(concept)) ||
      (requirement.conditions ?? []).some(hasCondition),
  );
}

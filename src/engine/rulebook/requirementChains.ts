import type { CompiledPattern } from '../nlp/compromise';
import { bounds, coversOneToken, type TermSpec } from '../nlp/patternMatcher';
import type { ConceptHit } from '../nlp/vocabularyMatcher';
import type { Word } from '../nlp/words';
import { requirementOfTerm, type Requirement } from './prefilter';

/**
 * One requirement of a pattern after the one before it in the same pattern, and how far the
 * tokens that meet the two can be apart: `minAfter` <= (this one's token) - (the previous one's)
 * <= `maxAfter`. The first link's bounds are not used.
 */
export interface ChainLink {
  requirement: Requirement;
  minAfter: number;
  maxAfter: number;
}

/**
 * The requirements of a pattern in the order it names them, with the distances the pattern
 * allows between them: "(accept|purchase) .{0,3} #Party .{0,2} (services|products)" needs a Party
 * at most four tokens after the verb and a services word at most three after that. The word
 * prefilter only asks that each is somewhere in the sentence; a chain also asks that they are
 * in order and near enough. Undefined when the pattern has fewer than two requirements.
 */
export function chainOfPattern(pattern: CompiledPattern, concepts: ReadonlySet<string>): ChainLink[] | undefined {
  const specs = pattern as unknown as TermSpec[];
  const chain: ChainLink[] = [];
  let previous: TermSpec | undefined;
  // Tokens the terms between the previous requirement and this one take, at least and at most.
  let betweenMin = 0;
  let betweenMax = 0;
  for (const spec of specs) {
    const requirement = requirementOfTerm(spec, concepts);
    if (!requirement) {
      betweenMin += minTokens(spec);
      betweenMax += maxTokens(spec);
      continue;
    }
    if (previous) {
      // The previous requirement is met by one of its term's tokens and this one by one of
      // this term's: the distance between those two tokens follows from the terms' lengths.
      chain.push({
        requirement,
        minAfter: minTokens(previous) + betweenMin - maxTokens(previous) + 1,
        maxAfter: maxTokens(previous) + betweenMax + maxTokens(spec) - 1,
      });
    } else chain.push({ requirement, minAfter: 0, maxAfter: 0 });
    previous = spec;
    betweenMin = 0;
    betweenMax = 0;
  }
  return chain.length >= 2 ? chain : undefined;
}

/** The fewest tokens a term takes, as the pattern matcher counts them (a fraction rounds down). */
function minTokens(spec: TermSpec): number {
  return Math.floor(bounds(spec)[0]) * unitTokens(spec, minTokens, Math.min);
}

/** The most tokens a term takes; Infinity for an open repetition (`.*`, `+`). */
function maxTokens(spec: TermSpec): number {
  const times = bounds(spec)[1];
  return times === 0 ? 0 : times * unitTokens(spec, maxTokens, Math.max);
}

/**
 * Tokens one occurrence of a term takes: one (a term, a group of one-term choices, a negated
 * group), or for a group of sequences the fewest or most of its choices, at least one.
 */
function unitTokens(spec: TermSpec, length: (spec: TermSpec) => number, pick: (...values: number[]) => number): number {
  if (coversOneToken(spec) || spec.negative) return 1;
  return Math.max(1, pick(...spec.choices!.map((choice) => choice.reduce((sum, inner) => sum + length(inner), 0))));
}

/** A stretch of a sentence's words, `[first, last]` by index, where a requirement is met. */
interface Place {
  first: number;
  last: number;
}

/**
 * Where a candidate sentence meets each requirement, to test chains. Words are counted in
 * `gaps`: how many places with a space come before each word. A token is a word or words
 * written together ("7.01(b)"), or a redaction, which holds no word; so two words with a space
 * between them are in different tokens, and the tokens between two words are at least as many
 * as the spaces between them. A chain's distances are upper bounds, so testing them on spaces
 * never turns away a sentence the pattern matches.
 */
export class RequirementPlaces {
  /** What each word of the sentence meets, lead-in first. */
  private readonly requirementsAt: (readonly Requirement[] | undefined)[] = [];
  private readonly hits: Place[] = [];
  private readonly hitConcepts: string[] = [];
  private readonly gaps: number[] = [];
  private readonly places = new Map<Requirement, Place[]>();

  /**
   * `readings` are the sentence's parts in text order (a lead-in, then the item), each with its
   * words, what each word meets, and its vocabulary hits (word indexes within the part).
   */
  constructor(
    text: { charCodeAt(index: number): number },
    readings: readonly { words: readonly Word[]; lookups: readonly { requirements: readonly Requirement[] | undefined }[]; hits: readonly ConceptHit[] }[],
  ) {
    let gaps = 0;
    for (const reading of readings) {
      const offset = this.requirementsAt.length;
      reading.words.forEach((word, index) => {
        if (index === 0) gaps += offset > 0 ? 1 : 0;
        else if (hasSpace(text, reading.words[index - 1].end, word.start)) gaps++;
        this.requirementsAt.push(reading.lookups[index].requirements);
        this.gaps.push(gaps);
      });
      for (const hit of reading.hits) {
        this.hits.push({ first: offset + hit.firstWord, last: offset + hit.lastWord - 1 });
        this.hitConcepts.push(hit.concept);
      }
    }
  }

  /** Whether the words meet the chain's requirements in order, each near enough to the one before. */
  holds(chain: readonly ChainLink[]): boolean {
    let reached = this.placesOf(chain[0].requirement);
    for (let link = 1; link < chain.length && reached.length; link++) {
      const { requirement, minAfter, maxAfter } = chain[link];
      const before = reached;
      reached = this.placesOf(requirement).filter((place) => before.some((earlier) => this.canFollow(earlier, place, minAfter, maxAfter)));
    }
    return reached.length > 0;
  }

  /**
   * Whether some token of `place` can lie `minAfter..maxAfter` tokens after some token of
   * `earlier`: the tokens between two words are at least the spaces between them.
   */
  private canFollow(earlier: Place, place: Place, minAfter: number, maxAfter: number): boolean {
    if (this.gaps[place.first] - this.gaps[earlier.last] > maxAfter) return false;
    if (minAfter >= 1) return place.last > earlier.first;
    return place.last >= earlier.first || this.gaps[earlier.first] - this.gaps[place.last] <= -minAfter;
  }

  private placesOf(requirement: Requirement): Place[] {
    const known = this.places.get(requirement);
    if (known) return known;
    const places: Place[] = [];
    if (requirement.words.length) {
      for (let index = 0; index < this.requirementsAt.length; index++) if (this.requirementsAt[index]?.includes(requirement)) places.push({ first: index, last: index });
    }
    for (let index = 0; index < this.hits.length; index++) if (requirement.concepts.includes(this.hitConcepts[index])) places.push(this.hits[index]);
    this.places.set(requirement, places);
    return places;
  }
}

function hasSpace(text: { charCodeAt(index: number): number }, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === 32) return true;
  return false;
}

import type { VocabularyMatcher } from '../nlp/vocabularyMatcher';
import { wordVariants } from '../nlp/words';
import type { Requirement, RequirementIndex } from '../rulebook/prefilter';

/** What reading one word needs from a rulebook, worked out once for each distinct word. */
export interface WordLookup {
  /** The word's look-up forms ("licensee's" -> "licensee's", "licensee"); shared, never changed. */
  readonly variants: readonly string[];
  /** Whether a phrase of the rulebook's vocabulary can start with the word. */
  readonly startsPhrase: boolean;
  /** The rule requirements the word meets through any of its forms, if any. */
  readonly requirements: readonly Requirement[] | undefined;
}

/**
 * Every word of every reviewable sentence is looked up in the rulebook: its forms, whether it
 * starts a vocabulary phrase, which rule requirements it meets. A contract uses a few thousand
 * distinct words many times over, so each distinct word is worked out once and the answer kept
 * with the rulebook. The table is emptied when it grows past MAX_WORDS, so that an editor open
 * for days on many documents does not keep every word it ever saw.
 */
export class WordLookups {
  private readonly table = new Map<string, WordLookup>();

  constructor(
    private readonly vocabulary: VocabularyMatcher,
    private readonly index: RequirementIndex,
  ) {}

  get(normal: string): WordLookup {
    let lookup = this.table.get(normal);
    if (!lookup) {
      if (this.table.size >= MAX_WORDS) this.table.clear();
      lookup = this.work(normal);
      this.table.set(normal, lookup);
    }
    return lookup;
  }

  private work(normal: string): WordLookup {
    const variants = wordVariants(normal);
    let requirements: Requirement[] | undefined;
    for (const variant of variants) {
      for (const requirement of this.index.byWord.get(variant) ?? []) {
        requirements ??= [];
        if (!requirements.includes(requirement)) requirements.push(requirement);
      }
    }
    return { variants, startsPhrase: this.vocabulary.mayStartPhrase(normal, variants), requirements };
  }
}

/** Distinct words kept per rulebook: far more than any contract uses (the 510 contracts of CUAD use about 40,000). */
const MAX_WORDS = 200_000;

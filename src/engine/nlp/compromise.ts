import type nlpTwo from 'compromise/two';

export type Nlp = typeof nlpTwo;
export type NlpView = ReturnType<Nlp>;
/** A compiled match pattern, from `nlp.parseMatch`. */
export type CompiledPattern = ReturnType<Nlp['parseMatch']>;

/** Words whose tags compromise gets wrong in contracts. Registered once, shared by every document. */
const LEGAL_LEXICON: Record<string, string> = {
  hereby: 'Adverb',
  herein: 'Adverb',
  hereunder: 'Adverb',
  hereto: 'Adverb',
  thereof: 'Adverb',
  therein: 'Adverb',
  thereunder: 'Adverb',
  licensee: 'Singular',
  licensor: 'Singular',
  sublicensee: 'Singular',
  licensees: 'Plural',
  licensors: 'Plural',
  sublicensees: 'Plural',
  shall: 'Modal',
};

let instance: Nlp | undefined;
const registeredTags = new Set<string>();

/**
 * Loads compromise the first time it is needed, so that neither extension activation nor a
 * document with nothing to analyse pays for it (about half a second).
 */
export function loadNlp(): Nlp {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous load is the point
    const loaded = require('compromise/two') as Nlp | { default: Nlp };
    instance = typeof loaded === 'function' ? loaded : loaded.default;
    instance.plugin({ words: LEGAL_LEXICON });
  }
  return instance;
}

/** True once compromise has been loaded in this process. */
export function isNlpLoaded(): boolean {
  return instance !== undefined;
}

/**
 * Makes vocabulary names known to compromise as tags, so that patterns may use `#Technology`.
 * Tag names are not contract text, so registering them globally leaks nothing between documents.
 */
export function registerTags(names: Iterable<string>): void {
  const nlp = loadNlp();
  const fresh: Record<string, object> = {};
  for (const name of names) {
    if (!registeredTags.has(name)) {
      registeredTags.add(name);
      fresh[name] = {};
    }
  }
  if (Object.keys(fresh).length) nlp.addTags(fresh);
}

/** The part-of-speech tags compromise itself assigns (`Noun`, `Verb`, `Modal`, ...). */
export function builtInTags(): Set<string> {
  const model = loadNlp().model() as { one?: { tagSet?: Record<string, unknown> } };
  return new Set(Object.keys(model.one?.tagSet ?? {}).filter((tag) => !registeredTags.has(tag)));
}

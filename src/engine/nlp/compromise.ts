import type nlpOne from 'compromise/one';
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
let syntaxOnly: typeof nlpOne | undefined;
/** Vocabulary names to make known to compromise's tagger, and those it already knows. */
const registeredTags = new Set<string>();
const addedTags = new Set<string>();

/**
 * Loads compromise's tagger the first time it is needed, so that neither extension activation
 * nor a rulebook whose patterns name no part of speech pays for it (a quarter to half a second:
 * it unpacks its lexicon and models).
 */
export function loadNlp(): Nlp {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous load is the point
    const loaded = require('compromise/two') as Nlp | { default: Nlp };
    instance = typeof loaded === 'function' ? loaded : loaded.default;
    instance.plugin({ words: LEGAL_LEXICON });
    addRegisteredTags(instance);
  }
  return instance;
}

/** True once compromise's tagger has been loaded in this process. */
export function isNlpLoaded(): boolean {
  return instance !== undefined;
}

/** Patterns read ahead of time, by their source (the built-in rulebook's, at build time: see builtinPatterns). */
const knownPatterns = new Map<string, CompiledPattern>();
/** Where parseMatch writes down the patterns it reads, while a build takes the snapshot. */
let recorder: Map<string, CompiledPattern> | undefined;

/**
 * Makes `patterns` known to parseMatch, which then returns them rather than read them again.
 * A pattern's spec depends on its source alone, so a pattern known here is the one parseMatch
 * would read, whichever rulebook it comes from.
 */
export function addKnownPatterns(patterns: ReadonlyMap<string, CompiledPattern>): void {
  for (const [source, pattern] of patterns) knownPatterns.set(source, pattern);
}

/** Runs `work` and returns every pattern parseMatch read for it, for a snapshot. */
export function recordPatterns(work: () => void): Map<string, CompiledPattern> {
  const recorded = new Map<string, CompiledPattern>();
  recorder = recorded;
  try {
    work();
  } finally {
    recorder = undefined;
  }
  return recorded;
}

/**
 * Reads a match pattern ("(#DeliverVerb|disclose) .{0,3} #Technology") into compromise's term
 * specs, or returns it from the known patterns. Each review thread would otherwise read the
 * built-in rulebook's patterns when it starts: about 60 ms of compromise's parser, not yet
 * optimised, in every CLI thread and in the extension before its first review.
 */
export function parseMatch(source: string): CompiledPattern {
  const known = knownPatterns.get(source);
  if (known) return known;
  const pattern = readPattern(source);
  // A root's inflections come from the tagger's models, which reading the pattern loads: not for a snapshot.
  if (recorder && !namesRoot(pattern as unknown as RootSpec[])) recorder.set(source, pattern);
  return pattern;
}

/**
 * compromise/one reads the syntax as compromise/two does, at a tenth of the cost of loading the
 * tagger; a `{root}` term ("{transfer}"), which matches every inflection of the root, is read
 * again by compromise/two, whose models list the inflections.
 */
export function readPattern(source: string): CompiledPattern {
  if (!syntaxOnly) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, like the tagger
    const loaded = require('compromise/one') as typeof nlpOne | { default: typeof nlpOne };
    syntaxOnly = typeof loaded === 'function' ? loaded : loaded.default;
  }
  const pattern = syntaxOnly.parseMatch(source) as unknown as CompiledPattern;
  return namesRoot(pattern as unknown as RootSpec[]) ? loadNlp().parseMatch(source) : pattern;
}

type RootSpec = { root?: string; machine?: string; choices?: RootSpec[][] };

/** Whether a term (or a choice within one) reads a root, which compromise/one cannot expand. */
function namesRoot(specs: RootSpec[]): boolean {
  return specs.some((spec) => spec.root !== undefined || spec.machine !== undefined || (spec.choices ?? []).some(namesRoot));
}

/**
 * Makes vocabulary names known to compromise as tags, so that its tagger accepts `#Technology`
 * beside its own tags; they are added when the tagger is loaded. Tag names are not contract
 * text, so registering them globally leaks nothing between documents.
 */
export function registerTags(names: Iterable<string>): void {
  for (const name of names) registeredTags.add(name);
  if (instance) addRegisteredTags(instance);
}

function addRegisteredTags(nlp: Nlp): void {
  const fresh: Record<string, object> = {};
  for (const name of registeredTags) {
    if (!addedTags.has(name)) {
      addedTags.add(name);
      fresh[name] = {};
    }
  }
  if (Object.keys(fresh).length) nlp.addTags(fresh);
}

/** The part-of-speech tags compromise itself assigns (`Noun`, `Verb`, `Modal`, ...); loads the tagger. */
export function builtInTags(): Set<string> {
  const model = loadNlp().model() as { one?: { tagSet?: Record<string, unknown> } };
  return new Set(Object.keys(model.one?.tagSet ?? {}).filter((tag) => !registeredTags.has(tag)));
}

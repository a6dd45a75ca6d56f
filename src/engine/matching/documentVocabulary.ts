import type { DefinedTerm } from '../document/definedTerms';
import type { ContractDocument } from '../document/model';
import { VocabularyMatcher, type ConceptHit } from '../nlp/vocabularyMatcher';
import { wordVariants, wordsOf, type Word } from '../nlp/words';
import type { CompiledRulebook } from '../rulebook/compileRulebook';

/** The document's own words: its parties and defined terms, with the tags they carry. */
export interface DocumentVocabulary {
  matcher: VocabularyMatcher;
  /** Tags of each defined term, by term. */
  termConcepts: Map<string, Set<string>>;
  termsByName: Map<string, DefinedTerm>;
  /** Defined terms by their words in lower case ("licensed know how"), to name a vocabulary hit. */
  termsByKey: Map<string, DefinedTerm>;
}

/** The look-up key of a phrase: its words, lower case, singular. */
export function termKey(words: string[]): string {
  return words.map((word) => wordVariants(word).at(-1) ?? word).join(' ');
}

/**
 * termKey of a phrase as written ("Licensed Know-How"), remembered: a document's few defined
 * terms are keyed again for every finding that mentions one, and in the editor on every edit.
 */
export function termKeyOfPhrase(phrase: string): string {
  let key = phraseKeys.get(phrase);
  if (key === undefined) {
    if (phraseKeys.size >= MAX_PHRASE_KEYS) phraseKeys.clear();
    key = termKey(wordsOf(phrase).map((word) => word.normal));
    phraseKeys.set(phrase, key);
  }
  return key;
}

const phraseKeys = new Map<string, string>();
/** Far more than the defined terms of the documents open at once; past it, the memory starts again. */
const MAX_PHRASE_KEYS = 10_000;

const PARTICIPANT_CONCEPTS = new Set(['Government', 'Venture', 'Party', 'ThirdParty']);
const DEFINITION_HEAD_WORDS = 8;
/** How far into a `means` definition its head noun may start. */
const HEAD_START_WORDS = 16;

/** For "X" means ..., the first words of the definition; for (the "X"), the last words before it. */
function isDefinitionHead(term: DefinedTerm, wordIndex: number, wordCount: number): boolean {
  return term.form === 'means' ? wordIndex < DEFINITION_HEAD_WORDS : wordIndex >= wordCount - DEFINITION_HEAD_WORDS;
}

/** How much of a definition is read to decide what a defined term stands for. */
const DEFINITION_WINDOW = 400;

/**
 * Words that end the head of a definition: what follows qualifies the head ("any improvement
 * TO the Licensed Technology", "products THAT incorporate the Software", "data INCLUDING ...").
 */
const HEAD_ENDS = new Set([
  'to', 'of', 'for', 'in', 'into', 'on', 'by', 'with', 'within', 'under', 'from', 'upon', 'as', 'at', 'between', 'against', 'through',
  'that', 'which', 'who', 'whom', 'whose', 'whether', 'where', 'when', 'if',
  'including', 'includes', 'include', 'excluding', 'except', 'other', 'but', 'provided', 'such', 'so',
  'relating', 'related', 'arising', 'generated', 'made', 'developed', 'created', 'conceived', 'covered', 'claiming', 'covering',
  'incorporating', 'containing', 'comprising', 'embodying', 'embodied', 'used', 'using', 'based', 'derived', 'owned', 'controlled',
  'licensed', 'necessary', 'useful', 'pursuant', 'is', 'are', 'was', 'were', 'be', 'shall', 'will', 'may',
]);
/** The words that open a definition: "means", "shall mean", "has the meaning", "refers to". */
const DEFINITION_VERBS = new Set(['means', 'mean', 'shall', 'has', 'have', 'the', 'meaning', 'refers', 'refer', 'includes', 'include']);

/**
 * Builds a vocabulary for one document: party names carry `#Party`; a defined term carries
 * `#DefinedTerm`, the tags of its own name and, when its name says nothing about what it is,
 * the inheritable tags of the head of its definition ("Licensed Materials" means the
 * technical documentation for ... carries `#KnowHow`). What a definition merely mentions
 * ("Licensed Product" means a product covered by the Patents) is not what the term is.
 */
export function buildDocumentVocabulary(document: ContractDocument, rulebook: CompiledRulebook, cache?: VocabularyCache): DocumentVocabulary {
  const termConcepts = new Map<string, Set<string>>();
  const termsByName = new Map<string, DefinedTerm>();
  const termsByKey = new Map<string, DefinedTerm>();
  const partyNames = new Set(document.parties.map((party) => party.name.toLowerCase()));
  const used = new Map<string, Set<string>>();
  for (const term of document.definedTerms) {
    termsByName.set(term.term, term);
    termsByKey.set(termKeyOfPhrase(term.term), term);
    const isParty = partyNames.has(term.term.toLowerCase());
    const window = isParty ? undefined : definitionWindow(term);
    const key = cache && `${term.term}\u0001${term.form}\u0001${window ? document.analysis.slice(...window) : '\u0000party'}`;
    const concepts = (key ? cache.concepts.get(key) : undefined) ?? termConceptsOf(document, rulebook, term, isParty, window);
    if (key) used.set(key, concepts);
    termConcepts.set(term.term, concepts);
  }
  if (cache) cache.concepts = used; // what the document no longer defines is forgotten
  const fingerprint = cache && [...document.parties.map((party) => party.name), '\u0000', ...[...termConcepts].map(([term, concepts]) => `${term}=${[...concepts].join(',')}`)].join('\u0001');
  const cached = cache?.matcher;
  let matcher = cached && cached.fingerprint === fingerprint ? cached.matcher : undefined;
  if (!matcher) {
    matcher = new VocabularyMatcher();
    for (const party of document.parties) matcher.add('Party', party.name);
    for (const [term, concepts] of termConcepts) for (const concept of concepts) matcher.add(concept, term);
    if (cache && fingerprint !== undefined) cache.matcher = { fingerprint, matcher };
  }
  return { matcher, termConcepts, termsByName, termsByKey };
}

/**
 * What building vocabularies for successive versions of one document can reuse: each term's
 * tags, by its name and the text of its definition, and the matcher while no name or tag changed.
 */
export class VocabularyCache {
  concepts = new Map<string, Set<string>>();
  matcher: { fingerprint: string; matcher: VocabularyMatcher } | undefined;
}

function termConceptsOf(document: ContractDocument, rulebook: CompiledRulebook, term: DefinedTerm, isParty: boolean, window: [number, number] | undefined): Set<string> {
  const concepts = new Set<string>(['DefinedTerm']);
  if (isParty) concepts.add('Party');
  // Read through the rulebook's word look-ups, as sentences are: each word's forms and phrase starts are known.
  const name = rulebook.wordLookups.read(term.term, 0, term.term.length);
  const nameWords = name.words;
  const nameHits = rulebook.vocabulary.find(nameWords, name.lookups, true);
  for (const hit of nameHits) concepts.add(hit.concept);
  if (window) {
    const definition = rulebook.wordLookups.read(document.analysis, ...window);
    const definitionWords = definition.words;
    const hits = rulebook.vocabulary.find(definitionWords, definition.lookups, true).filter((hit) => rulebook.inheritedConcepts.has(hit.concept));
    // Who a term names is decided by the head of its definition: "Person" means any individual,
    // partnership, joint venture, governmental authority ... is not a government.
    for (const hit of hits) if (PARTICIPANT_CONCEPTS.has(hit.concept) && isDefinitionHead(term, hit.firstWord, definitionWords.length)) concepts.add(hit.concept);
    // The last word of a name says what it is: "Licensed Know-How" is know-how, "Program Information" only program-related.
    const namesWhatItIs = nameHits.some((hit) => hit.lastWord === nameWords.length && rulebook.inheritedConcepts.has(hit.concept) && !PARTICIPANT_CONCEPTS.has(hit.concept));
    if (!namesWhatItIs && !namesADocument(term.term)) for (const concept of headConcepts(term, definitionWords, hits)) concepts.add(concept);
  }
  return concepts;
}

/** Words that, last in a term's name, say it names a document, a time or a sum, whatever its definition mentions. */
const DOCUMENT_HEADS = new Set(['agreement', 'agreements', 'contract', 'schedule', 'exhibit', 'appendix', 'annex', 'order', 'plan', 'report', 'statement', 'notice', 'date', 'period', 'term', 'fee', 'fees', 'price', 'committee', 'budget', 'policy', 'program', 'claim', 'event']);

/** "SOFTWARE LICENSE AND MAINTENANCE AGREEMENT" ("Agreement") names a document, not software. */
function namesADocument(term: string): boolean {
  const words = wordsOf(term);
  return words.length > 0 && DOCUMENT_HEADS.has(words[words.length - 1].normal);
}

/** The content tags of a definition's head: the first listed things, up to the words that qualify them. */
function headConcepts(term: DefinedTerm, words: Word[], hits: ConceptHit[]): Set<string> {
  const content = hits.filter((hit) => !PARTICIPANT_CONCEPTS.has(hit.concept));
  const [start, end] = term.form === 'means' ? meansHead(words) : inlineHead(words);
  return new Set(content.filter((hit) => hit.firstWord >= start && hit.lastWord <= end).map((hit) => hit.concept));
}

/** `"X" means the user manuals for the Software`: from after "means" to the first qualifying word. */
function meansHead(words: Word[]): [number, number] {
  let start = 0;
  const opener = words.slice(0, 4).findIndex((word) => DEFINITION_VERBS.has(word.normal));
  if (opener >= 0) start = opener + 1;
  while (start < words.length && DEFINITION_VERBS.has(words[start].normal)) start++;
  for (let i = start; i < Math.min(words.length, start + HEAD_START_WORDS); i++) if (HEAD_ENDS.has(words[i].normal)) return [start, i];
  return [start, Math.min(words.length, start + HEAD_START_WORDS)];
}

/** `... the source code of the Software (the "Source Code")`: the words after the last qualifying word. */
function inlineHead(words: Word[]): [number, number] {
  let start = Math.max(0, words.length - HEAD_START_WORDS);
  for (let i = words.length - 1; i >= start; i--) {
    if (HEAD_ENDS.has(words[i].normal)) {
      start = i + 1;
      break;
    }
  }
  return [start, words.length];
}

/** "X" means <after>; <before> (the "X"). */
function definitionWindow(term: DefinedTerm): [number, number] {
  if (term.form === 'inline') return [Math.max(term.definitionSpan.start, term.termSpan.start - DEFINITION_WINDOW), term.termSpan.start];
  const start = term.termSpan.end;
  return [start, Math.min(Math.max(term.definitionSpan.end, start), start + DEFINITION_WINDOW)];
}

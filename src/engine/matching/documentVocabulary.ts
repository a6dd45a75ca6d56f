import type { DefinedTerm } from '../document/definedTerms';
import type { ContractDocument } from '../document/model';
import { VocabularyMatcher } from '../nlp/vocabularyMatcher';
import { wordVariants, wordsOf } from '../nlp/words';
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

const PARTICIPANT_CONCEPTS = new Set(['Government', 'Venture', 'Party', 'ThirdParty']);
const DEFINITION_HEAD_WORDS = 8;

/** For "X" means ..., the first words of the definition; for (the "X"), the last words before it. */
function isDefinitionHead(term: DefinedTerm, wordIndex: number, wordCount: number): boolean {
  return term.form === 'means' ? wordIndex < DEFINITION_HEAD_WORDS : wordIndex >= wordCount - DEFINITION_HEAD_WORDS;
}

/** How much of a definition is read to decide what a defined term stands for. */
const DEFINITION_WINDOW = 400;

/**
 * Builds a vocabulary for one document: party names carry `#Party`; a defined term carries
 * `#DefinedTerm` and every inheritable tag its definition uses ("Licensed Know-How" means ...
 * technical information ... carries `#Technology`), so rules see "the Licensed Know-How" as
 * technology wherever it is used.
 */
export function buildDocumentVocabulary(document: ContractDocument, rulebook: CompiledRulebook): DocumentVocabulary {
  const matcher = new VocabularyMatcher();
  const termConcepts = new Map<string, Set<string>>();
  const termsByName = new Map<string, DefinedTerm>();
  const termsByKey = new Map<string, DefinedTerm>();
  const partyNames = new Set(document.parties.map((party) => party.name));
  for (const party of document.parties) matcher.add('Party', party.name);
  for (const term of document.definedTerms) {
    termsByName.set(term.term, term);
    termsByKey.set(termKey(wordsOf(term.term).map((word) => word.normal)), term);
    const concepts = new Set<string>(['DefinedTerm']);
    if (partyNames.has(term.term)) concepts.add('Party');
    const nameWords = wordsOf(term.term);
    for (const hit of rulebook.vocabulary.find(nameWords)) concepts.add(hit.concept);
    const definitionWords = wordsOf(document.analysisText, ...definitionWindow(term));
    for (const hit of rulebook.vocabulary.find(definitionWords)) {
      if (!rulebook.inheritedConcepts.has(hit.concept) || concepts.has('Party')) continue;
      // Who a term names is decided by the head of its definition: "Person" means any individual,
      // partnership, joint venture, governmental authority ... is not a government.
      if (PARTICIPANT_CONCEPTS.has(hit.concept) && !isDefinitionHead(term, hit.firstWord, definitionWords.length)) continue;
      concepts.add(hit.concept);
    }
    termConcepts.set(term.term, concepts);
    for (const concept of concepts) matcher.add(concept, term.term);
  }
  return { matcher, termConcepts, termsByName, termsByKey };
}

/** "X" means <after>; <before> (the "X"). */
function definitionWindow(term: DefinedTerm): [number, number] {
  if (term.form === 'inline') return [Math.max(term.definitionSpan.start, term.termSpan.start - DEFINITION_WINDOW), term.termSpan.start];
  const start = term.termSpan.end;
  return [start, Math.min(Math.max(term.definitionSpan.end, start), start + DEFINITION_WINDOW)];
}

import type { ContractDocument, Sentence } from '../document/model';
import { analyseClause, statedConditions } from '../nlp/clauseFacts';
import { cueBit, findConditions, statesCondition } from '../nlp/conditions';
import { buildSentenceDoc, joinSentenceDocs, type SentenceDoc } from '../nlp/sentenceDoc';
import type { ConceptHit } from '../nlp/vocabularyMatcher';
import type { Word } from '../nlp/words';
import type { CompiledRulebook, CompiledSentenceRule } from '../rulebook/compileRulebook';
import type { ConditionKind } from '../rulebook/types';
import type { Span } from '../text/spans';
import { meetsRequirements, metByWords } from '../rulebook/prefilter';
import { RequirementPlaces } from '../rulebook/requirementChains';
import type { DocumentVocabulary } from './documentVocabulary';
import { readableHits } from './hitFilters';
import type { WordLookup } from './wordLookups';
import { matchRule, type RuleMatch, type SentenceContext } from './matchRule';

/** A rule match in a sentence, with what building the finding needs (and no compromise objects). */
export interface SentenceMatch extends RuleMatch {
  sentence: Sentence;
  hits: ConceptHit[];
  /** Offsets of the sentence's tokens; the reading's token indexes point into it. Read them with `tokenAt`. */
  tokens: Span[];
  /**
   * When the match was moved with its sentence (see SentenceMemo), how far: offsets before `below`
   * (the lead-in's) move by `leadInDelta`, the others by `delta`. The tokens themselves are not
   * copied for every move, as most moved matches never become findings.
   */
  tokenShift?: { below: number; leadInDelta: number; delta: number };
  conditions: Map<ConditionKind, Span>;
}

/** The offsets of token `index` of a match, where the sentence is now. */
export function tokenAt(match: SentenceMatch, index: number): Span | undefined {
  const token = match.tokens[index];
  const shift = match.tokenShift;
  if (!token || !shift) return token;
  const move = (offset: number): number => offset + (offset < shift.below ? shift.leadInDelta : shift.delta);
  return { start: move(token.start), end: move(token.end) };
}

/** Counts for benchmarks and `--verbose`: how much text reached each stage. */
export interface MatchStatistics {
  sentences: number;
  candidates: number;
  nlpWords: number;
}

/** Headings, definitions and recitals oblige nobody; rules read the other sentences. */
export function isReviewable(sentence: Sentence): boolean {
  return sentence.kind !== 'heading' && !sentence.isDefinition && !sentence.isRecital;
}

/**
 * Matches the rules against one sentence. A cheap word test (derived from each rule's patterns)
 * picks the rules that could match; only if one does is the sentence read term by term.
 */
export function matchOneSentence(
  document: ContractDocument,
  rulebook: CompiledRulebook,
  vocabulary: DocumentVocabulary,
  rules: CompiledSentenceRule[],
  sentence: Sentence,
  statistics: MatchStatistics,
): SentenceMatch[] {
  const own = readSentence(document, rulebook, vocabulary, sentence);
  const leadIn = sentence.leadIn !== undefined && continuesLeadIn(document.analysis.slice(sentence.start, sentence.end)) ? document.sentences[sentence.leadIn] : undefined;
  const lead = leadIn ? leadInReading(document, rulebook, vocabulary, leadIn) : undefined;
  const words = lead ? lead.words.concat(own.words) : own.words;
  const hits = lead ? lead.hits.concat(own.hits) : own.hits;
  const met = metByWords(rulebook.requirementIndex, lead ? [lead.lookups, own.lookups] : [own.lookups], hits);
  let conditions: Map<ConditionKind, Span> | undefined;
  const spans = leadIn ? [leadIn, sentence] : [sentence];
  const conditionsOf = (): Map<ConditionKind, Span> => (conditions ??= mergeConditions(spans.map((span) => findConditions(document.analysis, span))));
  let stated: Map<ConditionKind, boolean> | undefined;
  const hasCondition = (kind: ConditionKind): boolean => {
    // No word of the sentence can be part of the condition's cue: no need to read its text.
    if (!(met.cues & cueBit(kind))) return false;
    stated ??= new Map();
    let known = stated.get(kind);
    if (known === undefined) stated.set(kind, (known = conditions ? conditions.has(kind) : spans.some((span) => statesCondition(document.analysis, span, kind))));
    return known;
  };
  // Most sentences are no rule's candidate: nothing is allocated for them past this point.
  let candidates: CompiledSentenceRule[] | undefined;
  let places: RequirementPlaces | undefined;
  for (const rule of rules) {
    if (rule.gate && !met.has(rule.gate)) continue;
    if (!meetsRequirements(rule.requirements, met, hasCondition)) continue;
    // The words are all there; are they in the order and near enough, as the rule's patterns need?
    if (rule.chains.length) {
      places ??= new RequirementPlaces(document.analysis, lead ? [lead, own] : [own]);
      if (!rule.chains.every((chain) => places!.holds(chain))) continue;
    }
    (candidates ??= []).push(rule);
  }
  if (!candidates) return [];
  statistics.candidates++;
  statistics.nlpWords += words.length;
  const withTagger = candidates.some((rule) => rule.needsTagger);
  const ownDoc = buildSentenceDoc(document.analysis, sentence, own.words, own.hits, withTagger);
  // An item with no verb of its own ("(b) all Improvements made by Licensee;") reads with its lead-in ("Licensee shall assign to Licensor:").
  const doc = leadIn && lead ? joinSentenceDocs(leadInDoc(document, lead, leadIn, withTagger), ownDoc) : ownDoc;
  const ownFrom = doc.tokens.length - ownDoc.tokens.length;
  const facts = analyseClause(doc, conditionsOf, ownFrom > 0 ? ownFrom : undefined);
  const matches: SentenceMatch[] = [];
  const tokenSpans = doc.tokens.map((token) => ({ start: token.start, end: token.end }));
  const sectionTitles = sectionTitlesOf(document, sentence);
  const patternMatches: SentenceContext['patternMatches'] = new Map();
  for (const rule of candidates) {
    const match = matchRule(rule, { facts, words, hits, ownFrom, sectionTitles, patternMatches });
    if (match) matches.push({ ...match, sentence, hits, tokens: tokenSpans, conditions: statedConditions(facts) });
  }
  return matches;
}

/** A modal, commitment or grant word: a sentence with one states its own obligation. */
const OPERATIVE_CUE = /\b(?:shall|will|must|may|can|cannot|agrees?|undertakes?|covenants?|hereby|grants|assigns)\b/i;

/** An item that starts in lower case ("assign, and will cause ...") or has no verb of its own finishes its lead-in's sentence. */
function continuesLeadIn(itemText: string): boolean {
  return /^[^A-Za-z]*[a-z]/.test(itemText) || !OPERATIVE_CUE.test(itemText);
}

interface SentenceWords {
  words: Word[];
  /** What the rulebook knows of each word: its look-up forms, the requirements it meets. */
  lookups: WordLookup[];
  hits: ConceptHit[];
  /**
   * The parsed sentence, with and without the tagger, kept for a lead-in that several items share.
   * Present from the start (undefined until needed), so that every reading has one shape: added
   * later, it changed the object's hidden class under optimised code that reads `words`, which
   * V8 then threw away and compiled again.
   */
  docs: Map<boolean, SentenceDoc> | undefined;
}

/** Lead-ins read once per document, whatever the number of their items. */
const leadIns = new WeakMap<ContractDocument, WeakMap<CompiledRulebook, Map<number, SentenceWords>>>();

function leadInReading(document: ContractDocument, rulebook: CompiledRulebook, vocabulary: DocumentVocabulary, leadIn: Sentence): SentenceWords {
  let byRulebook = leadIns.get(document);
  if (!byRulebook) leadIns.set(document, (byRulebook = new WeakMap()));
  let cache = byRulebook.get(rulebook);
  if (!cache) byRulebook.set(rulebook, (cache = new Map()));
  let reading = cache.get(leadIn.index);
  if (!reading) cache.set(leadIn.index, (reading = readSentence(document, rulebook, vocabulary, leadIn)));
  return reading;
}

function leadInDoc(document: ContractDocument, reading: SentenceWords, leadIn: Sentence, withTagger: boolean): SentenceDoc {
  reading.docs ??= new Map();
  let doc = reading.docs.get(withTagger);
  if (!doc) reading.docs.set(withTagger, (doc = buildSentenceDoc(document.analysis, leadIn, reading.words, reading.hits, withTagger)));
  return doc;
}

function readSentence(document: ContractDocument, rulebook: CompiledRulebook, vocabulary: DocumentVocabulary, sentence: Sentence): SentenceWords {
  const { words, lookups } = rulebook.wordLookups.read(document.analysis, sentence.start, sentence.end);
  return { words, lookups, hits: readableHits(conceptHits(rulebook, vocabulary, words, lookups), rulebook, document.analysis, sentence), docs: undefined };
}

/** The conditions of a lead-in and its item together; the item's own cue wins where both state one. */
function mergeConditions(parts: Map<ConditionKind, Span>[]): Map<ConditionKind, Span> {
  const merged = new Map<ConditionKind, Span>();
  for (const part of parts) for (const [kind, span] of part) merged.set(kind, span);
  return merged;
}

function conceptHits(rulebook: CompiledRulebook, vocabulary: DocumentVocabulary, words: Word[], lookups: WordLookup[]): ConceptHit[] {
  // The look-ups know which words start a phrase of the rulebook's vocabulary, not of the document's.
  const hits = rulebook.vocabulary.find(words, lookups, true);
  const documentHits = vocabulary.matcher.find(words, lookups);
  return documentHits.length ? hits.concat(documentHits) : hits;
}

const sectionTitleCache = new WeakMap<ContractDocument, string[]>();

/** The headings of every section that contains the sentence, lower case, for `section` conditions. */
export function sectionTitlesOf(document: ContractDocument, sentence: Sentence): string {
  let bySection = sectionTitleCache.get(document);
  if (!bySection) sectionTitleCache.set(document, (bySection = titlesBySection(document)));
  const section = document.clauses[sentence.clauseIndex]?.sectionIndex;
  return section === undefined ? '' : bySection[section];
}

/**
 * For each section, the titles of the sections that contain its start (itself included),
 * outermost first: sections nest, so these are the sections around any clause it is the
 * innermost section of. A section's list is the list of the innermost section still open at its
 * start, with its own title added, so each is built from that one's in a single step.
 */
function titlesBySection(document: ContractDocument): string[] {
  const sections = document.sections;
  const titles: string[] = [];
  const open: number[] = [];
  for (let index = 0; index < sections.length; index++) {
    const start = sections[index].start;
    while (open.length && sections[open[open.length - 1]].end <= start) open.pop();
    const around = open.length ? titles[open[open.length - 1]] : '';
    const own = sections[index].title?.toLowerCase() ?? '';
    titles.push(around && own ? `${around} | ${own}` : around || own);
    open.push(index);
  }
  return titles;
}

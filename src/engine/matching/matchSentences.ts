import type { ContractDocument, Sentence } from '../document/model';
import { analyseClause, readAnchor, type InheritedReading } from '../nlp/clauseFacts';
import { findConditions } from '../nlp/conditions';
import { buildSentenceDoc } from '../nlp/sentenceDoc';
import type { ConceptHit } from '../nlp/vocabularyMatcher';
import { wordsOf, wordVariants, type Word } from '../nlp/words';
import type { CompiledRulebook, CompiledSentenceRule } from '../rulebook/compileRulebook';
import type { ConditionKind } from '../rulebook/types';
import type { Span } from '../text/spans';
import { meetsRequirements } from '../rulebook/prefilter';
import type { DocumentVocabulary } from './documentVocabulary';
import { matchRule, type RuleMatch } from './matchRule';

/** A rule match in a sentence, with what building the finding needs (and no compromise objects). */
export interface SentenceMatch extends RuleMatch {
  sentence: Sentence;
  hits: ConceptHit[];
  /** Offsets of the sentence's tokens; the reading's token indexes point into it. */
  tokens: Span[];
  conditions: Map<ConditionKind, Span>;
}

/** Counts for benchmarks and `--verbose`: how much text reached each stage. */
export interface MatchStatistics {
  sentences: number;
  candidates: number;
  nlpWords: number;
}

/**
 * Runs the sentence rules over a document. A cheap word test (derived from each rule's
 * patterns) picks the sentences a rule could match; only those are parsed with compromise.
 */
export function matchSentences(
  document: ContractDocument,
  rulebook: CompiledRulebook,
  vocabulary: DocumentVocabulary,
  rules: CompiledSentenceRule[],
  statistics: MatchStatistics,
  sentenceFilter?: (sentence: Sentence) => boolean,
): SentenceMatch[] {
  const matches: SentenceMatch[] = [];
  for (const sentence of document.sentences) {
    if (sentence.kind === 'heading' || sentence.isDefinition || sentence.isRecital || (sentenceFilter && !sentenceFilter(sentence))) continue;
    statistics.sentences++;
    for (const match of matchOneSentence(document, rulebook, vocabulary, rules, sentence, statistics)) matches.push(match);
  }
  return matches;
}

/** Matches the rules against one sentence. Exported for incremental review, which caches per sentence. */
export function matchOneSentence(
  document: ContractDocument,
  rulebook: CompiledRulebook,
  vocabulary: DocumentVocabulary,
  rules: CompiledSentenceRule[],
  sentence: Sentence,
  statistics: MatchStatistics,
): SentenceMatch[] {
  const words = wordsOf(document.analysisText, sentence.start, sentence.end);
  const hits = conceptHits(rulebook, vocabulary, words);
  const wordSet = new Set<string>();
  for (const word of words) for (const variant of wordVariants(word.normal)) wordSet.add(variant);
  const conceptSet = new Set(hits.map((hit) => hit.concept));
  let conditions: Map<ConditionKind, Span> | undefined;
  const hasCondition = (kind: ConditionKind): boolean => (conditions ??= findConditions(document.analysisText, sentence)).has(kind);
  const candidates = rules.filter((rule) => meetsRequirements(rule.requirements, wordSet, conceptSet, hasCondition));
  if (!candidates.length) return [];
  statistics.candidates++;
  statistics.nlpWords += words.length;
  const doc = buildSentenceDoc(document.analysisText, sentence, hits, candidates.some((rule) => rule.needsTagger));
  const facts = analyseClause(doc, document.analysisText);
  const inherited = !facts.operatives.length && sentence.leadIn !== undefined ? inheritedReading(document, rulebook, vocabulary, sentence.leadIn) : undefined;
  const matches: SentenceMatch[] = [];
  const tokenSpans = doc.tokens.map((token) => ({ start: token.start, end: token.end }));
  const sectionTitles = sectionTitlesOf(document, sentence);
  for (const rule of candidates) {
    const match = matchRule(rule, { facts, words, hits, inherited, sectionTitles });
    if (match) matches.push({ ...match, sentence, hits, tokens: tokenSpans, conditions: facts.conditions });
  }
  return matches;
}

function conceptHits(rulebook: CompiledRulebook, vocabulary: DocumentVocabulary, words: Word[]): ConceptHit[] {
  const hits = rulebook.vocabulary.find(words);
  return hits.concat(vocabulary.matcher.find(words));
}

/** The actor and modality an enumerated sub-clause takes from its lead-in ("Licensee shall:"). */
function inheritedReading(document: ContractDocument, rulebook: CompiledRulebook, vocabulary: DocumentVocabulary, leadInIndex: number): InheritedReading | undefined {
  const leadIn = document.sentences[leadInIndex];
  const words = wordsOf(document.analysisText, leadIn.start, leadIn.end);
  const doc = buildSentenceDoc(document.analysisText, leadIn, conceptHits(rulebook, vocabulary, words), false);
  const facts = analyseClause(doc, document.analysisText);
  const last = facts.operatives[facts.operatives.length - 1];
  if (!last) return undefined;
  const reading = readAnchor(facts, last.verb >= 0 ? last.verb : last.cueStart, last.verb >= 0 ? last.verb : last.cueStart);
  return { negated: reading.negated, modality: reading.modality, actor: reading.actor };
}

const sectionTitleCache = new WeakMap<ContractDocument, Map<number, string>>();

/** The headings of every section that contains the sentence, lower case, for `section` conditions. */
function sectionTitlesOf(document: ContractDocument, sentence: Sentence): string {
  let cache = sectionTitleCache.get(document);
  if (!cache) sectionTitleCache.set(document, (cache = new Map()));
  const clause = sentence.clauseIndex;
  let titles = cache.get(clause);
  if (titles === undefined) {
    const start = document.clauses[clause]?.start ?? sentence.start;
    titles = document.sections
      .filter((section) => section.start <= start && start < section.end && section.title)
      .map((section) => section.title!.toLowerCase())
      .join(' | ');
    cache.set(clause, titles);
  }
  return titles;
}

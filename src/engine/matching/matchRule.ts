import { readAnchor, statedConditions, type AnchorReading, type ClauseFacts } from '../nlp/clauseFacts';
import { findPatternMatches } from '../nlp/patternMatcher';
import { isInlineEnumerator } from '../nlp/sentenceDoc';
import { isClauseVerb, isInSubject } from './anchorRole';
import { objectRange } from '../nlp/objectPhrase';
import type { ConceptHit } from '../nlp/vocabularyMatcher';
import type { Word } from '../nlp/words';
import type { CompiledPattern } from '../nlp/compromise';
import type { CompiledCondition, CompiledSentenceRule } from '../rulebook/compileRulebook';
import type { Span } from '../text/spans';

/** What one rule matched in one sentence. */
export interface RuleMatch {
  rule: CompiledSentenceRule;
  /** The anchor phrase: the first pattern of `all`, or the first hit of the first condition. */
  anchor: Span;
  /** The clause segment of the sentence the anchor is in (segments end at `;`, `:` and "(ii)"). */
  segment: number;
  reading: AnchorReading;
}

/** Everything about a sentence that conditions are evaluated against. */
export interface SentenceContext {
  facts: ClauseFacts;
  words: Word[];
  hits: ConceptHit[];
  /** Where the sentence's own tokens start: an item read with its lead-in has the lead-in's tokens first. */
  ownFrom: number;
  /** The headings of the sections the sentence is in, lower case. */
  sectionTitles: string;
  /** Where each pattern matches in this sentence: rules share patterns ("#DeliverVerb"), so each is run once. */
  patternMatches: Map<CompiledPattern, TokenSpan[]>;
}

type TokenSpan = { first: number; last: number };

/** Matches one rule against one sentence; returns the first anchor that satisfies every condition. */
export function matchRule(rule: CompiledSentenceRule, context: SentenceContext): RuleMatch | undefined {
  const allSpans: TokenSpan[][] = [];
  for (const condition of rule.all) {
    const spans = conditionSpans(condition, context);
    if (spans && !spans.length) return undefined;
    allSpans.push(spans ?? []);
  }
  const itemAddsWords = context.ownFrom === 0 || mentionsOwnTokens(rule, context);
  if (!itemAddsWords && !asksWhoReceives(rule)) return undefined;
  const anchorIndex = rule.all.findIndex((condition) => condition.kind === 'pattern');
  const fallbackIndex = allSpans.findIndex((spans) => spans.length > 0);
  let anchors = anchorIndex >= 0 ? allSpans[anchorIndex] : fallbackIndex >= 0 ? allSpans[fallbackIndex] : conditionCueSpans(rule, context);
  if (!anchors.length) {
    anchors = firstSpans(rule.any, context) ?? [{ first: 0, last: Math.max(0, context.facts.doc.tokens.length - 1) }];
  }
  if (context.ownFrom > 0) anchors = [...anchors.filter((anchor) => anchor.first >= context.ownFrom), ...anchors.filter((anchor) => anchor.first < context.ownFrom)];
  for (const anchor of anchors) {
    const reading = readAnchor(context.facts, anchor.first, anchor.last);
    if (!structuredConditionsHold(rule, reading)) continue;
    if (rule.match.role === 'action' && isInSubject(reading, anchor)) continue;
    if (rule.match.role === 'verb' && !isClauseVerb(reading, anchor, context.facts.doc.tokens, itemVerb(context, reading, anchor))) continue;
    // "may disclose Confidential Information to: (b) governmental agencies": the item adds who receives.
    if (!itemAddsWords && (reading.recipient?.first ?? -1) < context.ownFrom) continue;
    // Conditions with a place were checked above; the rest depend on the anchor's reading.
    if (!rule.all.every((condition) => !isReadingCondition(condition) || holds(condition, context, reading, anchor))) continue;
    if (rule.any.length && !rule.any.some((condition) => holds(condition, context, reading, anchor))) continue;
    if (rule.none.some((condition) => holds(condition, context, reading, anchor))) continue;
    const tokens = context.facts.doc.tokens;
    const segment = context.facts.segmentStarts.filter((start) => start <= anchor.first).length - 1;
    return { rule, anchor: { start: tokens[anchor.first].start, end: tokens[anchor.last].end }, segment, reading };
  }
  return undefined;
}

/** A rule of conditions only ("creator-owns") is anchored where the condition's cue is, so it speaks for that part of the sentence. */
function conditionCueSpans(rule: CompiledSentenceRule, context: SentenceContext): TokenSpan[] {
  const tokens = context.facts.doc.tokens;
  for (const condition of rule.all) {
    const cue = condition.kind === 'condition' ? statedConditions(context.facts).get(condition.condition) : undefined;
    if (cue) return toTokenSpan(tokens, cue);
  }
  return [];
}

function structuredConditionsHold(rule: CompiledSentenceRule, reading: AnchorReading): boolean {
  const { match } = rule;
  if (match.negated !== undefined && match.negated !== reading.negated) return false;
  // A sentence with no modal or grant verb (a heading, a recital, a table row) states nothing
  // unless the rule asks for statements.
  if (match.modality ? !match.modality.includes(reading.modality) : reading.modality === 'statement') return false;
  if (match.actor && !match.actor.includes(reading.actor?.kind ?? 'unknown')) return false;
  if (match.recipient && !match.recipient.includes(reading.recipient?.kind ?? 'unknown')) return false;
  return true;
}

/** An item read with its lead-in must add something: some condition has to match in its own words and not in the lead-in's. */
function mentionsOwnTokens(rule: CompiledSentenceRule, context: SentenceContext): boolean {
  return [...rule.all, ...rule.any].some((condition) => {
    const spans = placedSpans(condition, context);
    return spans.some((span) => span.first >= context.ownFrom) && !spans.some((span) => span.last < context.ownFrom);
  });
}

/**
 * "Licensee shall: (1) ...; (2) CONDUCT a technology transfer": in an enumerated part of a sentence
 * that continues a modal from an earlier part, the part's first word is its verb.
 */
function itemVerb(context: SentenceContext, reading: AnchorReading, anchor: TokenSpan): number | undefined {
  const { segmentStarts, doc } = context.facts;
  const start = [...segmentStarts].reverse().find((candidate) => candidate <= anchor.first);
  if (start === undefined || start === 0 || !reading.operative || reading.operative.cueStart >= start) return undefined;
  return isInlineEnumerator(doc.tokens[start - 1]) && /^[a-z]/.test(doc.tokens[start].text) ? start : undefined;
}

/** Whether a rule cares who receives, so that an item naming only the recipient still says something. */
function asksWhoReceives(rule: CompiledSentenceRule): boolean {
  return rule.match.recipient !== undefined || [...rule.all, ...rule.any].some((condition) => condition.kind === 'recipient');
}

/** Where a condition's words are, wherever they stand in the sentence (an `object` pattern too). */
function placedSpans(condition: CompiledCondition, context: SentenceContext): TokenSpan[] {
  if (condition.kind === 'object') return findPatternMatches(context.facts.doc.tokens, condition.pattern);
  return conditionSpans(condition, context) ?? [];
}

function isReadingCondition(condition: CompiledCondition): boolean {
  return condition.kind === 'condition' || condition.kind === 'recipient' || condition.kind === 'actor' || condition.kind === 'section' || condition.kind === 'object';
}

function holds(condition: CompiledCondition, context: SentenceContext, reading: AnchorReading, anchor: TokenSpan): boolean {
  switch (condition.kind) {
    case 'object': {
      // Matched on the object's own tokens, so that a pattern may start with an open repetition.
      const tokens = context.facts.doc.tokens;
      return objectRange(context.facts, reading, anchor).some((range) => findPatternMatches(tokens.slice(range.first, range.last + 1), condition.pattern).length > 0);
    }
    case 'condition':
      return statedConditions(context.facts).has(condition.condition);
    case 'recipient':
      return condition.kinds.includes(reading.recipient?.kind ?? 'unknown');
    case 'actor':
      return condition.kinds.includes(reading.actor?.kind ?? 'unknown');
    case 'section':
      return condition.words.some((word) => context.sectionTitles.includes(word));
    default:
      return (conditionSpans(condition, context)?.length ?? 0) > 0;
  }
}

/** The spans of the first of `conditions` that has any. */
function firstSpans(conditions: readonly CompiledCondition[], context: SentenceContext): TokenSpan[] | undefined {
  for (const condition of conditions) {
    const spans = conditionSpans(condition, context);
    if (spans?.length) return spans;
  }
  return undefined;
}

/**
 * Where a condition matches, as token spans; undefined for conditions that have no place
 * (`condition`, `actor`, `recipient`), which are checked against the anchor's reading instead.
 */
function conditionSpans(condition: CompiledCondition, context: SentenceContext): TokenSpan[] | undefined {
  const tokens = context.facts.doc.tokens;
  switch (condition.kind) {
    case 'pattern': {
      let spans = context.patternMatches.get(condition.pattern);
      if (!spans) context.patternMatches.set(condition.pattern, (spans = findPatternMatches(tokens, condition.pattern)));
      return spans;
    }
    case 'concept':
      return context.hits.filter((hit) => hit.concept === condition.concept).flatMap((hit) => toTokenSpan(tokens, hit));
    case 'phrase':
      return phraseSpans(context.words, condition.phrases).flatMap((span) => toTokenSpan(tokens, span));
    default:
      return undefined;
  }
}

function phraseSpans(words: Word[], phrases: string[][]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const phrase of phrases) {
      if (phrase.every((word, k) => words[i + k]?.normal === word)) spans.push({ start: words[i].start, end: words[i + phrase.length - 1].end });
    }
  }
  return spans;
}

function toTokenSpan(tokens: ClauseFacts['doc']['tokens'], span: Span): TokenSpan[] {
  let first = -1;
  let last = -1;
  for (const token of tokens) {
    if (token.end <= span.start) continue;
    if (token.start >= span.end) break;
    if (first < 0) first = token.index;
    last = token.index;
  }
  return first < 0 ? [] : [{ first, last }];
}

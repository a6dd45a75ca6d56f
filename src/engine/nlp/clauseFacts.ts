import type { ConditionKind, Modality, PartyKind } from '../rulebook/types';
import type { Span } from '../text/spans';
import { findOperatives, type Operative } from './operatives';
import { isInlineEnumerator, normalAt, type SentenceDoc, type Token } from './sentenceDoc';

/** What the engine understands of one sentence, before any rule looks at it. */
export interface ClauseFacts {
  doc: SentenceDoc;
  operatives: Operative[];
  /** Token indexes where clause segments start (after `;`, `:` and at "provided that"). */
  segmentStarts: number[];
  /** Token indexes of exception cues: "except", "other than", "unless", "save". */
  exceptions: number[];
  /** The conditions the sentence states, each with its cue, once `statedConditions` has found them. */
  conditions: Map<ConditionKind, Span> | undefined;
  /** Finds them: most candidate sentences match no rule and are never asked. */
  findConditions: () => Map<ConditionKind, Span>;
  /** For an item read with its lead-in, where the item's own tokens start: the lead-in's sentence goes on there. */
  continuesAt?: number;
}

/** A participant of a clause: who acts, or who receives. */
export interface Participant {
  first: number;
  last: number;
  kind: PartyKind;
  text: string;
}

/** How the verb governing a matched phrase reads. */
export interface AnchorReading {
  operative?: Operative;
  negated: boolean;
  modality: Modality;
  actor?: Participant;
  recipient?: Participant;
}

const EXCEPTION_CUES = new Set(['except', 'excepting', 'unless', 'save', 'excluding', 'other']);
const NP_FUNCTION_WORDS = new Set(['the', 'its', 'their', 'any', 'such', 'relevant', 'competent', 'applicable', 'appropriate', 'other', 'each', 'either', 'all', 'a', 'an', 'of', 'and', 'or', 'his', 'her', 'said', 'respective']);
const RECIPIENT_PREPOSITIONS = new Set(['to', 'with', 'unto', 'towards']);
/** Negating one of these permits what follows: "Nothing herein shall prevent X from disclosing". */
const PREVENTION_VERBS = new Set(['prevent', 'prohibit', 'restrict', 'preclude', 'limit', 'restrain', 'bar', 'apply', 'prevents', 'prohibits', 'restricts', 'precludes', 'limits', 'applies']);

/** The conditions a sentence states, found on first use. */
export function statedConditions(facts: ClauseFacts): Map<ConditionKind, Span> {
  return (facts.conditions ??= facts.findConditions());
}

/** Reads a parsed sentence: its operatives, segments and exception cues; its conditions are found when asked for (`statedConditions`). */
export function analyseClause(doc: SentenceDoc, findConditions: () => Map<ConditionKind, Span>, continuesAt?: number): ClauseFacts {
  const segmentStarts = findSegmentStarts(doc.tokens);
  const segmentStartOf = (index: number): number => {
    let start = 0;
    for (const candidate of segmentStarts) if (candidate <= index) start = candidate;
    return start;
  };
  return {
    doc,
    operatives: findOperatives(doc.tokens, segmentStartOf),
    segmentStarts,
    exceptions: doc.tokens.filter((token) => isExceptionCue(doc.tokens, token.index)).map((token) => token.index),
    conditions: undefined,
    findConditions,
    continuesAt,
  };
}

function findSegmentStarts(tokens: Token[]): number[] {
  const starts = [0];
  let ordered = true;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    // Asked of every token of every candidate sentence: plain string tests, no closure.
    if (index + 1 < tokens.length && (token.post.includes(';') || token.post.includes(':'))) ordered = addStart(starts, index + 1) && ordered;
    if (token.normal === 'provided' && (normalAt(tokens, index + 1) === 'that' || normalAt(tokens, index + 1) === 'however' || token.post.includes(','))) ordered = addStart(starts, index) && ordered;
    if (index > 0 && isInlineEnumerator(token)) ordered = addStart(starts, index + 1) && ordered;
  }
  // Starts come in order but for "provided" after a ";" (index + 1, then index): only then sort.
  return ordered ? starts : [...new Set(starts)].sort((a, b) => a - b);
}

/** Adds a segment start unless it is the last one again; false when it comes before the last one. */
function addStart(starts: number[], start: number): boolean {
  const last = starts[starts.length - 1];
  if (start === last) return true;
  starts.push(start);
  return start > last;
}

/** "(ii)", "(b)", "2)" inside a sentence: each enumerated part is a segment of its own. */
function isExceptionCue(tokens: Token[], index: number): boolean {
  const word = tokens[index].normal;
  if (word === 'other') return normalAt(tokens, index + 1) === 'than';
  if (word === 'save') return normalAt(tokens, index + 1) === 'that' || normalAt(tokens, index + 1) === 'as' || normalAt(tokens, index + 1) === 'for';
  return EXCEPTION_CUES.has(word);
}

function segmentOf(facts: ClauseFacts, index: number): number {
  let segment = 0;
  facts.segmentStarts.forEach((start, k) => {
    if (start <= index) segment = k;
  });
  return segment;
}

/**
 * Reads a matched phrase `[first, last]` (token indexes): the operative that governs it, and
 * so whether it is negated, its modality, who acts and who receives.
 */
export function readAnchor(facts: ClauseFacts, first: number, last: number): AnchorReading {
  const operative = governingOperative(facts, first, last);
  if (!operative) return { negated: false, modality: 'statement', recipient: findRecipient(facts, first) };
  let negated = operative.negated;
  let modality = operative.modality;
  const afterVerb = Math.max(operative.verb, operative.cueEnd - 1);
  if (negated && facts.exceptions.some((cue) => cue > afterVerb && cue < first)) {
    // An exception to a prohibition is a permission: "shall not disclose ..., except to the authorities".
    negated = false;
    modality = 'permission';
  } else if (negated && first > operative.verb && PREVENTION_VERBS.has(facts.doc.tokens[operative.verb]?.normal ?? '')) {
    // "Nothing shall prevent Licensee from disclosing ...", "the restriction shall not apply to disclosures ...".
    negated = false;
    modality = 'permission';
  }
  if (!negated && isNegatedLater(facts.doc.tokens, afterVerb, first)) {
    // "agrees to hold the Source Code in confidence, and not to use it for any purpose"
    negated = true;
  }
  const actor = operative.actor ? participant(facts.doc.tokens, operative.actor.first, operative.actor.last) : undefined;
  return { operative, negated, modality, actor, recipient: findRecipient(facts, Math.max(first, operative.verb >= 0 ? operative.verb : first)) };
}

/** "..., and not to use", "but not disclose": a later verb of the same clause negated on its own. */
function isNegatedLater(tokens: Token[], afterVerb: number, first: number): boolean {
  for (let i = afterVerb + 1; i < first; i++) {
    if (tokens[i].normal === 'not' && /^(?:and|but)$/.test(normalAt(tokens, i - 1)) && /^[a-z]/.test(tokens[i + 1]?.text ?? '')) return true;
  }
  return false;
}

function governingOperative(facts: ClauseFacts, first: number, last: number): Operative | undefined {
  const { operatives } = facts;
  const containing = operatives.find((op) => op.verb >= first && op.verb <= last) ?? operatives.find((op) => op.cueStart >= first && op.cueStart <= last);
  if (containing) return containing;
  const segment = segmentOf(facts, first);
  const sameSegment = operatives.filter((op) => segmentOf(facts, op.cueStart) === segment && !isClosedCondition(facts.doc.tokens, op, first));
  const before = sameSegment.filter((op) => op.cueStart < first);
  if (before.length) return before[before.length - 1];
  const after = sameSegment.find((op) => op.cueStart > last);
  if (after) return after;
  // From an earlier part of the sentence, but not from a proviso: "shall: (1) ..., provided that X shall in no case be
  // obligated to ...; or (3) conduct a technology transfer" takes its verb from "shall:".
  const earlier = operatives.filter((op) => op.cueStart < first && !isProviso(facts, segmentOf(facts, op.cueStart)) && !isClosedCondition(facts.doc.tokens, op, first));
  return earlier[earlier.length - 1];
}

/** Words that make a clause a condition of another: "if it has the right to do so, assign ...". */
const CONDITION_WORDS = new Set(['if', 'unless', 'whether', 'when', 'whenever', 'where']);

/** An operative inside a condition ("if it has the right to do so") that has closed, with a comma, before `first`. */
function isClosedCondition(tokens: Token[], op: Operative, first: number): boolean {
  if (op.cueStart >= first) return false;
  const opener = tokens.slice(Math.max(0, op.cueStart - 3), op.cueStart).some((token) => CONDITION_WORDS.has(token.normal));
  if (!opener) return false;
  for (let i = op.cueStart; i < first; i++) if (/,/.test(tokens[i].post)) return true;
  return false;
}

/** A segment that starts "provided that" or "provided, however". */
function isProviso(facts: ClauseFacts, segment: number): boolean {
  return facts.doc.tokens[facts.segmentStarts[segment]]?.normal === 'provided';
}

/**
 * The first party, venture or authority that something goes "to" after `from`, or, failing that,
 * that it is shared "with": in "provide, on a program agreed with the Parties, training to the
 * JV Company" the training goes to the JV Company.
 */
function findRecipient(facts: ClauseFacts, from: number): Participant | undefined {
  const tokens = facts.doc.tokens;
  // "may disclose Confidential Information to: (b) governmental agencies ...": the lead-in goes on in its item.
  const segmentEnd = facts.segmentStarts.find((start) => start > from && start !== facts.continuesAt) ?? tokens.length;
  const limit = Math.min(segmentEnd, from + 40);
  // Indirect object: "grants Northwind a licence", "provide Licensee with". Only when the phrase starts
  // by naming someone: in "disclose any Confidential Information of the Developer to ..." the
  // phrase after the verb is what moves, not who receives it.
  const direct = nounPhrase(tokens, from + 1, limit);
  if (direct && direct.kind !== 'unknown' && namesSomeoneFirst(tokens, direct)) return direct;
  let sharedWith: Participant | undefined;
  for (let i = from; i < limit; i++) {
    if (!RECIPIENT_PREPOSITIONS.has(tokens[i].normal)) continue;
    const listed = recipientList(tokens, i + 1, limit);
    if (listed && tokens[i].normal !== 'with') return listed;
    sharedWith ??= listed;
  }
  return sharedWith;
}

/**
 * After "to": the named recipients, which may be a list ("to its board, attorneys, accountants
 * and competent authorities"). An authority anywhere in the list makes it a disclosure to the state.
 */
function recipientList(tokens: Token[], start: number, limit: number): Participant | undefined {
  const end = Math.min(limit, start + 30);
  let first: Participant | undefined;
  for (let i = start; i < end; i++) {
    if (LIST_ENDS.has(tokens[i].normal) && i > start) break;
    if (!hasPartyTag(tokens[i])) continue;
    const phrase = nounPhrase(tokens, i, end) ?? participant(tokens, i, i);
    if (phrase.kind === 'government') return phrase;
    first ??= phrase;
    i = phrase.last;
  }
  return first;
}

/** Words that end a list of recipients. */
const LIST_ENDS = new Set(['for', 'pursuant', 'under', 'if', 'unless', 'except', 'provided', 'upon', 'within', 'during', 'whether', 'subject', 'without', 'so', 'shall', 'will', 'may', 'must', 'be', 'with', 'by', 'from', 'in', 'as', 'at']);

/** A short noun phrase starting at `start`: function words and the capitalised or tagged words after them. */
function nounPhrase(tokens: Token[], start: number, limit: number): Participant | undefined {
  let end = start;
  while (end < limit && end - start < 10) {
    const token = tokens[end];
    const isName = /^[A-Z0-9[]/.test(token.text) || hasPartyTag(token);
    if (!isName && !NP_FUNCTION_WORDS.has(token.normal)) break;
    end++;
    if (/[,;:)]/.test(token.post) && isName) break;
  }
  while (end > start && NP_FUNCTION_WORDS.has(tokens[end - 1].normal) && !hasPartyTag(tokens[end - 1])) end--;
  if (end === start) return undefined;
  return participant(tokens, start, end - 1);
}

function namesSomeoneFirst(tokens: Token[], phrase: Participant): boolean {
  for (let i = phrase.first; i <= phrase.last; i++) {
    if (NP_FUNCTION_WORDS.has(tokens[i].normal)) continue;
    return hasPartyTag(tokens[i]);
  }
  return false;
}

function hasPartyTag(token: Token): boolean {
  return token.tags.has('Party') || token.tags.has('Government') || token.tags.has('Venture') || token.tags.has('ThirdParty');
}

/**
 * Classifies who a phrase names. An authority anywhere in it wins ("the Customer's federal
 * regulators"); otherwise the first word that names someone decides ("any third party" is a third
 * party, "the other Party or its Affiliates" a party).
 */
export function participant(tokens: Token[], first: number, last: number): Participant {
  const span = tokens.slice(first, last + 1);
  let kind: PartyKind = 'unknown';
  if (span.some((token) => token.tags.has('Government'))) kind = 'government';
  else {
    for (const token of span) {
      if (token.tags.has('Venture')) kind = 'venture';
      else if (token.tags.has('ThirdParty')) kind = 'third-party';
      else if (token.tags.has('Party')) kind = 'party';
      if (kind !== 'unknown') break;
    }
  }
  return { first, last, kind, text: span.map((token, k) => token.text + (k < span.length - 1 ? token.post : '')).join('').trim() };
}

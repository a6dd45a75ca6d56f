import type { Modality } from '../rulebook/types';
import { isInlineEnumerator, normalAt, type Token } from './sentenceDoc';
import { isAdverb } from './words';

/**
 * An operative phrase: the modal or grant words of a clause and the verb they govern, with
 * whether that verb is negated. "No Party shall be required to transfer" is one operative:
 * cue `shall`, verb `transfer`, obligation, negated.
 */
export interface Operative {
  /** Token indexes of the cue, `[cueStart, cueEnd)`: `shall`, `agrees to`, `hereby`. */
  cueStart: number;
  cueEnd: number;
  /** The governed verb, or -1 when the clause ends first. */
  verb: number;
  modality: Modality;
  negated: boolean;
  passive: boolean;
  /** Tokens of the subject before the cue, `[first, last]`, when there is one. */
  actor?: { first: number; last: number };
}

/** A Map, not an object: "constructor" or "toString" in a contract is a word, not a modal. */
const MODALS = new Map<string, Modality>([
  ['shall', 'obligation'],
  ['must', 'obligation'],
  ['will', 'obligation'],
  ['should', 'obligation'],
  ['may', 'permission'],
  ['can', 'permission'],
  ['cannot', 'permission'],
  ['might', 'permission'],
]);
const COMMITMENT_VERBS = new Set(['agree', 'agrees', 'undertake', 'undertakes', 'covenant', 'covenants', 'commit', 'commits', 'promise', 'promises']);
const OBLIGED = new Set(['required', 'obligated', 'obliged', 'bound', 'expected']);
const ALLOWED = new Set(['entitled', 'permitted', 'authorized', 'authorised', 'free', 'allowed']);
const BE = new Set(['is', 'are', 'be', 'being', 'was', 'were', 'been']);
const PRESENT_GRANTS = new Set(['grants', 'assigns', 'conveys', 'licenses', 'licences', 'sublicenses', 'transfers', 'acknowledges', 'agrees', 'owns', 'retains', 'waives', 'releases', 'consents', 'reserves']);
const SKIPPABLE = new Set(['also', 'hereby', 'does', 'do', 'promptly', 'immediately', 'forthwith', 'thereafter', 'then', 'further', 'each', 'both', 'either', 'jointly', 'solely', 'exclusively', 'in', 'addition', 'at', 'all', 'times', 'only', 'always', 'still', 'automatically', 'irrevocably', 'unconditionally', 'timely', 'duly', 'and', 'or']);
/** "The licenses granted ...": after a determiner, "licenses" is a noun, not a grant. */
const DETERMINERS = new Set(['the', 'a', 'an', 'such', 'any', 'all', 'these', 'those', 'this', 'that', 'its', 'their', 'each', 'no', 'other']);
const DUTIES = new Set(['obligation', 'duty', 'requirement', 'liability', 'commitment']);
const AGREED = new Set(['agreed', 'undertaken', 'covenanted', 'committed']);
const COPULAS = new Set(['become', 'becomes', 'remain', 'remains', 'deemed', 'continue', 'considered']);
const NEGATORS = new Set(['not', 'never', 'neither']);
const SUBJECT_NEGATORS = new Set(['no', 'neither', 'nothing', 'none']);
const NOT_A_NEGATION_AFTER_NO = new Set(['later', 'less', 'more', 'sooner', 'earlier', 'cost', 'charge', 'additional', 'extra', 'expense', 'fee', 'further', 'other', 'longer']);
const INVERTED_NEGATIONS = [['in', 'no', 'event'], ['under', 'no', 'circumstances'], ['at', 'no', 'time'], ['in', 'no', 'case'], ['on', 'no', 'account']];
const CLAUSE_OPENERS = new Set(['and', 'or', 'but', 'then', 'thereafter', 'further', 'furthermore', 'also', 'moreover', 'however', 'provided', 'that', 'whereupon', 'accordingly', 'additionally', 'thus']);

/** Finds every operative phrase of a sentence, in order. */
export function findOperatives(tokens: Token[], segmentStartOf: (index: number) => number): Operative[] {
  const operatives: Operative[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cue = readCue(tokens, i);
    if (!cue) continue;
    const operative = completeOperative(tokens, cue, segmentStartOf(i));
    const previous = operatives[operatives.length - 1];
    // "In no event shall X assign or transfer, or agree to assign ...": a second verb joined by "or" without a subject of its own stays negated.
    if (previous?.negated && !operative.negated && /^(?:or|nor)$/.test(tokens[cue.start - 1]?.normal ?? '') && segmentStartOf(previous.cueStart) === segmentStartOf(i)) operative.negated = true;
    operatives.push(operative);
    // "will not be obligated to provide": the words read on the way to the verb start no operative of their own.
    i = Math.max(i, operative.cueEnd - 1, operative.verb - 1);
  }
  return operatives;
}

interface Cue {
  start: number;
  end: number;
  modality: Modality;
  negated: boolean;
}

/** Recognises a cue starting at token `i`. */
function readCue(tokens: Token[], i: number): Cue | undefined {
  const word = tokens[i].normal;
  const next = normalAt(tokens, i + 1);
  const afterNext = normalAt(tokens, i + 2);
  const modal = MODALS.get(word);
  if (modal) {
    if (word === 'may' && isMonthMay(tokens, i)) return undefined;
    if (word === 'will' && normalAt(tokens, i - 1) === 'at') return undefined;
    return { start: i, end: i + 1, modality: modal, negated: word === 'cannot' };
  }
  if (COMMITMENT_VERBS.has(word) && next === 'to') return { start: i, end: i + 2, modality: 'obligation', negated: false };
  if (COMMITMENT_VERBS.has(word) && next === 'not' && afterNext === 'to') return { start: i, end: i + 3, modality: 'obligation', negated: true };
  if (BE.has(word) && next && OBLIGED.has(next) && afterNext === 'to') return { start: i, end: i + 3, modality: 'obligation', negated: false };
  if (BE.has(word) && next && ALLOWED.has(next) && afterNext === 'to') return { start: i, end: i + 3, modality: 'permission', negated: false };
  if ((word === 'has' || word === 'have') && next === 'the' && (afterNext === 'right' || afterNext === 'option') && normalAt(tokens, i + 3) === 'to') {
    return { start: i, end: i + 4, modality: 'permission', negated: false };
  }
  if (word === 'hereby') return { start: i, end: i + 1, modality: 'grant', negated: false };
  if (PRESENT_GRANTS.has(word) && i > 0 && /^[A-Z]/.test(tokens[i - 1].text) && !MODALS.has(tokens[i - 1].normal) && !isDeterminer(tokens, i - 1)) {
    return { start: i, end: i, modality: word === 'agrees' ? 'obligation' : 'grant', negated: false };
  }
  return undefined;
}

/** Prepositions that open a phrase a drafter may put between a modal and its verb. */
const INTERRUPTING_PREPOSITIONS = new Set(['upon', 'on', 'at', 'within', 'after', 'following', 'during', 'for', 'in', 'by', 'subject', 'prior', 'before', 'until', 'to', 'as', 'from', 'with', 'without', 'where', 'if', 'unless', 'notwithstanding']);
/** How long a phrase between a modal and its verb may be. */
const INTERRUPTION_LENGTH = 30;

/**
 * Where a phrase that interrupts a clause at `at` ends (the token before its closing comma): a
 * phrase opened by a comma ("shall, upon request, provide"), an inline enumerator ("shall (a)
 * provide"), a bracketed aside, or a prepositional phrase closed by a comma ("shall at its cost,
 * provide"). -1 if none.
 */
function interruptionEnd(tokens: Token[], at: number, rightAfterCue: boolean): number {
  const token = tokens[at];
  if (isInlineEnumerator(token)) return at;
  // "shall not (and shall ensure that its Affiliates do not) use": a bracketed aside
  if (/\(/.test(token.pre)) {
    for (let i = at; i < Math.min(tokens.length - 1, at + INTERRUPTION_LENGTH); i++) if (/\)/.test(tokens[i].post)) return i;
    return -1;
  }
  const openedByComma = rightAfterCue && /,/.test(tokens[at - 1].post);
  if (!openedByComma && !INTERRUPTING_PREPOSITIONS.has(token.normal)) return -1;
  for (let i = at; i < Math.min(tokens.length - 1, at + INTERRUPTION_LENGTH); i++) {
    if (/[;:]/.test(tokens[i].post) || (i > at && MODALS.has(tokens[i].normal))) return -1;
    if (/,/.test(tokens[i].post)) return i;
  }
  return -1;
}

/** "no obligation to", "under no duty to" starting at `at`. */
function isNoDuty(tokens: Token[], at: number): boolean {
  const start = normalAt(tokens, at) === 'under' ? at + 1 : at;
  return normalAt(tokens, start) === 'no' && DUTIES.has(normalAt(tokens, start + 1)) && normalAt(tokens, start + 2) === 'to';
}

/** "The" opening a sentence or "the" anywhere, but not the "A" of "Party A". */
function isDeterminer(tokens: Token[], i: number): boolean {
  return DETERMINERS.has(tokens[i].normal) && (i === 0 || /^[a-z]/.test(tokens[i].text));
}

function isMonthMay(tokens: Token[], i: number): boolean {
  return /^\d/.test(normalAt(tokens, i + 1)) || /^\d/.test(normalAt(tokens, i - 1));
}

/** Reads past the cue to the governed verb, collecting negation, passive voice and the subject. */
function completeOperative(tokens: Token[], cue: Cue, segmentStart: number): Operative {
  let modality = cue.modality;
  let negated = cue.negated;
  let passive = false;
  let at = cue.end;
  const isPresentGrant = cue.end === cue.start;
  for (let guard = 0; !isPresentGrant && guard < 12 && at < tokens.length; guard++) {
    const word = tokens[at].normal;
    const next = normalAt(tokens, at + 1);
    const interruption = at > cue.start ? interruptionEnd(tokens, at, at === cue.end) : -1;
    const inverted = INVERTED_NEGATIONS.find((phrase) => phrase.every((w, k) => normalAt(tokens, at + k) === w));
    if (inverted) {
      // "it will under no circumstances disclose"
      negated = true;
      at += inverted.length;
    } else if (interruption >= 0) {
      // "shall, upon request from Licensee, provide", "shall (a) at its cost, provide"
      at = interruption + 1;
    } else if (NEGATORS.has(word)) {
      negated = true;
      at++;
    } else if (BE.has(word) && next && OBLIGED.has(next) && normalAt(tokens, at + 2) === 'to') {
      // "may be required to submit" obliges as much as "shall"
      modality = 'obligation';
      at += 3;
    } else if (BE.has(word) && next && ALLOWED.has(next) && normalAt(tokens, at + 2) === 'to') {
      modality = negated ? modality : 'permission';
      at += 3;
    } else if ((word === 'have' || word === 'has' || word === 'be' || word === 'is' || word === 'are') && isNoDuty(tokens, at + 1)) {
      // "shall have no obligation to", "shall be under no obligation to"
      negated = true;
      at = tokens.findIndex((token, k) => k > at && token.normal === 'to') + 1;
    } else if ((word === 'have' || word === 'has') && next && /(?:ed|en)$/.test(next) && !AGREED.has(next)) {
      // "shall have delivered", "shall have included": the perfect tense of the verb that follows
      at++;
    } else if ((word === 'have' || word === 'has') && next && AGREED.has(next) && normalAt(tokens, at + 2) === 'to') {
      // "shall have agreed to assign"
      at += 3;
    } else if ((word === 'have' || word === 'has') && next === 'the' && (normalAt(tokens, at + 2) === 'right' || normalAt(tokens, at + 2) === 'option') && normalAt(tokens, at + 3) === 'to') {
      modality = 'permission';
      at += 4;
    } else if (word === 'be' || word === 'been') {
      passive = true;
      at++;
    } else if (COPULAS.has(word)) {
      // "shall remain vested in", "shall become the property of", "shall be deemed to be owned by"
      at += word === 'deemed' && next === 'to' && normalAt(tokens, at + 2) === 'be' ? 3 : 1;
    } else if (SKIPPABLE.has(word) || isAdverb(word)) {
      at++;
    } else {
      break;
    }
  }
  const verb = isPresentGrant ? cue.start : at < tokens.length ? at : -1;
  const subjectNegated = isSubjectNegated(tokens, cue.start, segmentStart);
  return {
    cueStart: cue.start,
    cueEnd: Math.max(cue.end, cue.start + 1),
    verb,
    modality,
    negated: negated || subjectNegated,
    passive,
    actor: subjectOf(tokens, cue.start, segmentStart),
  };
}

/** "No Party shall", "Neither X nor Y shall", "Nothing in this Agreement shall", "In no event shall". */
function isSubjectNegated(tokens: Token[], cueStart: number, segmentStart: number): boolean {
  for (const phrase of INVERTED_NEGATIONS) {
    const start = cueStart - phrase.length;
    if (start >= segmentStart && phrase.every((word, k) => tokens[start + k].normal === word)) return true;
  }
  const subject = subjectOf(tokens, cueStart, segmentStart);
  if (!subject) return false;
  const first = tokens[subject.first].normal;
  if (!SUBJECT_NEGATORS.has(first)) return false;
  return !(first === 'no' && NOT_A_NEGATION_AFTER_NO.has(tokens[subject.first + 1]?.normal ?? ''));
}

/** The subject: the words between the last comma (or clause start) and the cue, without openers. */
function subjectOf(tokens: Token[], cueStart: number, segmentStart: number): { first: number; last: number } | undefined {
  let first = cueStart;
  while (first > segmentStart && cueStart - first < 30 && !/[,;:(]/.test(tokens[first - 1].post)) first--;
  while (first < cueStart && CLAUSE_OPENERS.has(tokens[first].normal)) first++;
  return first < cueStart ? { first, last: cueStart - 1 } : undefined;
}

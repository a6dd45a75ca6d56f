import type { AnchorReading, ClauseFacts } from './clauseFacts';
import type { Operative } from './operatives';
import { normalAt, type Token } from './sentenceDoc';

export interface TokenRange {
  first: number;
  last: number;
}

/** Words that open a clause of their own: what follows them is no longer what the verb acts on. */
const CLAUSE_OPENERS = new Set(['if', 'unless', 'when', 'whenever', 'whether', 'because', 'although', 'though', 'provided', 'except', 'excluding', 'exception', 'until', 'while', 'alleging', 'notwithstanding', 'whereupon']);
/** Verbs whose subject is what they are about: "Title to all Inventions shall VEST in Licensor". */
const SUBJECT_VERBS = new Set(['vest', 'vests', 'vested', 'belong', 'belongs', 'reside', 'resides', 'remain', 'remains', 'pass', 'passes', 'accrue', 'accrues', 'inure', 'inures', 'revert', 'reverts']);
/** Words before a modal that make it part of a relative clause ("any Invention THAT might be patentable"). */
const RELATIVE_WORDS = new Set(['that', 'which', 'who', 'whom', 'as', 'it', 'they']);
/** The longest aside, between commas, that an object may contain ("..., except in case of ..., to Licensor"). */
const ASIDE_LENGTH = 40;

/**
 * What the verb governing an anchor acts on: the words after the verb (or after the anchor, when
 * the anchor follows the verb) up to the next clause — a subordinating word or a coordinated
 * clause with its own subject and modal, or an exception ("other than", "with the exception of").
 * Asides between commas that start with a subordinating word are skipped, not ends. For a passive
 * verb ("All Improvements shall be owned by ...") or one whose subject is what it is about ("Title
 * to all Inventions shall vest in ...") the subject is part of it too.
 */
export function objectRange(facts: ClauseFacts, reading: AnchorReading, anchor: TokenRange): TokenRange[] {
  const tokens = facts.doc.tokens;
  const operative = reading.operative;
  const ranges: TokenRange[] = [];
  if (operative?.actor && (operative.passive || SUBJECT_VERBS.has(tokens[operative.verb]?.normal ?? ''))) ranges.push(operative.actor);
  const start = Math.max(anchor.last, operative && operative.verb >= 0 ? operative.verb : anchor.last) + 1;
  const clauseStarts = new Set(facts.operatives.filter((op) => startsNewClause(tokens, op, start)).map((op) => op.actor?.first ?? op.cueStart));
  let first = start;
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    depth += count(tokens[i].pre, '(');
    const inBrackets = depth > 0;
    depth = Math.max(0, depth - count(tokens[i].post, ')'));
    // "(or if not so assignable, Licensee shall take ...)": what is in brackets neither ends the object nor starts a clause.
    if (inBrackets) continue;
    if (clauseStarts.has(i)) return close(ranges, first, i);
    if (!isClauseOpener(tokens, i)) continue;
    const asideEnd = i > 0 && /[,(]/.test(tokens[i - 1].post + tokens[i].pre) ? closingComma(tokens, i) : -1;
    if (asideEnd < 0) return close(ranges, first, i);
    close(ranges, first, i);
    first = asideEnd + 1;
    i = asideEnd;
  }
  return close(ranges, first, tokens.length);
}

/** "provided" opens a clause only as "provided that" or "provided, however"; "not already provided to" is a participle. */
function isClauseOpener(tokens: Token[], i: number): boolean {
  const word = tokens[i].normal;
  if (word === 'other') return normalAt(tokens, i + 1) === 'than';
  if (word === 'provided') return /,/.test(tokens[i].post) || /^(?:that|however|further|always)$/.test(normalAt(tokens, i + 1));
  return CLAUSE_OPENERS.has(word);
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

function close(ranges: TokenRange[], first: number, end: number): TokenRange[] {
  if (end > first) ranges.push({ first, last: end - 1 });
  return ranges;
}

/** A later operative with a subject of its own starts another clause; one in a relative clause does not. */
function startsNewClause(tokens: Token[], op: Operative, start: number): boolean {
  if (op.cueStart < start) return false;
  if (RELATIVE_WORDS.has(tokens[op.cueStart - 1]?.normal ?? '')) return false;
  if (op.actor && tokens.slice(op.actor.first, op.actor.last + 1).some((token) => token.normal === 'which' || token.normal === 'whom')) return false;
  const subjectStart = op.actor?.first ?? op.cueStart;
  if (subjectStart <= start) return false;
  const actorWords = op.actor ? tokens.slice(op.actor.first, op.actor.last + 1).filter((token) => !/^(?:and|or|but|then)$/.test(token.normal)) : [];
  return actorWords.length > 0;
}

/** The last token of an aside that starts at `at`: the token before the next comma or closing bracket. */
function closingComma(tokens: Token[], at: number): number {
  for (let i = at; i < Math.min(tokens.length - 1, at + ASIDE_LENGTH); i++) {
    if (/;/.test(tokens[i].post)) return -1;
    if (/[,)]/.test(tokens[i].post)) return i;
  }
  return -1;
}

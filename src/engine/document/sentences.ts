import { APOSTROPHE, isAsciiLetter } from '../text/asciiCodes';
import type { TextSource } from '../text/chunkedText';
import type { Span } from '../text/spans';
import { trimSpan } from '../text/spans';

/**
 * Words that end with a period without ending a sentence. Lower-case, without the final period.
 */
const ABBREVIATIONS = new Set([
  'inc', 'ltd', 'co', 'corp', 'llc', 'l.l.c', 'n.v', 'b.v', 's.a', 'plc', 'l.p', 'lp', 'llp', 'gmbh', 'ag', 'pty',
  'no', 'nos', 'sec', 'secs', 'art', 'arts', 'para', 'paras', 'cl', 'subsec', 'e.g', 'i.e', 'etc', 'vs', 'v',
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'prof', 'u.s', 'u.k', 'u.s.a', 'p.r.c', 'e.u', 'approx', 'dept',
  'est', 'rs', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'cf', 'viz',
  'incl', 'ref', 'pp', 'vol', 'govt', 'intl', 'assoc', 'bros', 'mfg', 'exh', 'ex', 'c.f.r', 'u.s.c', 'seq',
  'et', 'al', 'misc', 'avg', 'max', 'min', 'hrs', 'yr', 'yrs', 'mo', 'mos', 'tel', 'fax', 'attn', 'ph.d',
]);

/** Words after which a single capital letter and a period end a sentence ("owned by Party A."). */
const LETTER_NAMES = /\b(?:Party|Schedule|Exhibit|Annex|Appendix|Attachment|Part|Class|Series|Tranche|Phase|Group)\s+[A-Z]$/;

/**
 * Splits `[start, end)` of the analysis text into sentences. A period, question mark or
 * exclamation mark ends a sentence when what follows starts like a sentence (a capital, a digit,
 * an opening bracket or quote) and the word before it is not an abbreviation, an initial or part
 * of a number.
 */
export function splitSentences(analysisText: TextSource, start: number, end: number): Span[] {
  const sentences: Span[] = [];
  let sentenceStart = start;
  const stops = new Stops(analysisText.slice(start, end));
  for (let i = start + stops.next(0); i < end; i = start + stops.next(i + 1 - start)) {
    const code = analysisText.charCodeAt(i); // . ? !
    let after = i + 1;
    while (after < end && /["')\]]/.test(analysisText.slice(after, after + 1))) after++;
    if (after < end && analysisText.charCodeAt(after) !== 32) continue;
    while (after < end && analysisText.charCodeAt(after) === 32) after++;
    if (after < end && !startsSentence(analysisText, after)) continue;
    if (code === 46 && !isSentencePeriod(analysisText, sentenceStart, i)) continue;
    pushSentence(analysisText, sentences, sentenceStart, i + 1 + closingLength(analysisText, i + 1, end));
    sentenceStart = after;
    i = after - 1;
  }
  pushSentence(analysisText, sentences, sentenceStart, end);
  return sentences;
}

/**
 * The periods, question marks and exclamation marks of a block, found with `indexOf` rather than
 * by reading every character: `next(from)` is the offset of the first one at or after `from`, or
 * the block's length.
 */
class Stops {
  private readonly at = [-1, -1, -1];
  private readonly searchedFrom = [Infinity, Infinity, Infinity];

  constructor(private readonly text: string) {}

  next(from: number): number {
    let first = this.text.length;
    for (let k = 0; k < 3; k++) {
      // Each mark's next position is kept until the search passes it.
      if (from < this.searchedFrom[k] || (this.at[k] >= 0 && this.at[k] < from)) {
        this.at[k] = this.text.indexOf(STOP_MARKS[k], from);
        this.searchedFrom[k] = from;
      }
      if (this.at[k] >= 0 && this.at[k] < first) first = this.at[k];
    }
    return first;
  }
}

const STOP_MARKS = ['.', '?', '!'];

function closingLength(text: TextSource, from: number, end: number): number {
  let length = 0;
  while (from + length < end && /["')\]]/.test(text.slice(from + length, from + length + 1))) length++;
  return length;
}

function startsSentence(text: TextSource, at: number): boolean {
  const char = text.slice(at, at + 1);
  return /[A-Z0-9("'[§]/.test(char) || (char >= '\u00c0' && char.toUpperCase() === char && char.toLowerCase() !== char);
}

/** Decides whether the period at `dot` ends a sentence. */
function isSentencePeriod(text: TextSource, sentenceStart: number, dot: number): boolean {
  const before = text.slice(Math.max(sentenceStart, dot - 40), dot);
  const word = lastWord(before);
  if (!word) {
    // "... Section 2.1." ends a sentence; "1." alone at the start is a label.
    return dot - sentenceStart > 4;
  }
  if (ABBREVIATIONS.has(word.toLowerCase().replace(/'/g, ''))) return false;
  if (/^[A-Z]$/.test(word)) return LETTER_NAMES.test(before);
  // Dotted initialisms such as "U.S.A" or "N.V"
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word)) return false;
  return true;
}

/**
 * What `/([A-Za-z][A-Za-z.']*)$/` captures in `text` ("U.S.A" in "made in the U.S.A"), or '': the
 * run of letters, periods and apostrophes at the end, from its first letter. Read backwards, as
 * the expression would try every start.
 */
function lastWord(text: string): string {
  let start = text.length;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  while (start < text.length && !isAsciiLetter(text.charCodeAt(start))) start++;
  return text.slice(start);
}

function isWordChar(code: number): boolean {
  return isAsciiLetter(code) || code === 0x2e || code === APOSTROPHE; // a letter, a period or an apostrophe
}

function pushSentence(text: TextSource, sentences: Span[], start: number, end: number): void {
  const span = trimSpan(text, { start, end });
  if (span.end > span.start) sentences.push(span);
}

import { APOSTROPHE, isAsciiLetter, isAsciiLetterOrDigit } from '../text/asciiCodes';
import type { TextSource } from '../text/chunkedText';

/** A word of the analysis text with its exact offsets. */
export interface Word {
  /** Lower-case letters and digits; apostrophes and accents kept, hyphens split words. */
  normal: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Splits `[start, end)` of the text into words. Hyphens and slashes separate words, as in
 * compromise, so "royalty-free" and "royalty free" read the same.
 */
export function wordsOf(text: TextSource, start = 0, end = text.length): Word[] {
  const slice = text.slice(start, end);
  return asciiWordsOf(slice, start) ?? unicodeWordsOf(slice, start);
}

/**
 * The words of `slice` when it is plain ASCII, which most contracts are: letters and digits, then
 * any number of an apostrophe and letters ("licensee's"), found by reading character codes rather
 * than with a regular expression, which allocates a match for every word. Undefined when the
 * slice has a character beyond ASCII.
 */
function asciiWordsOf(slice: string, offset: number): Word[] | undefined {
  const words: Word[] = [];
  const length = slice.length;
  let at = 0;
  while (at < length) {
    const code = slice.charCodeAt(at);
    if (code > 0x7f) return undefined;
    if (!isAsciiLetterOrDigit(code)) {
      at++;
      continue;
    }
    const wordStart = at;
    while (at < length && isAsciiLetterOrDigit(slice.charCodeAt(at))) at++;
    while (at + 1 < length && slice.charCodeAt(at) === APOSTROPHE && isAsciiLetter(slice.charCodeAt(at + 1))) {
      at += 2;
      while (at < length && isAsciiLetter(slice.charCodeAt(at))) at++;
    }
    words.push({ normal: slice.slice(wordStart, at).toLowerCase(), start: offset + wordStart, end: offset + at });
  }
  return words;
}


function unicodeWordsOf(slice: string, offset: number): Word[] {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(slice); match; match = WORD.exec(slice)) {
    words.push({ normal: match[0].toLowerCase().replace(/’/g, "'"), start: offset + match.index, end: offset + match.index + match[0].length });
  }
  return words;
}

/** Splits a vocabulary phrase into its normalised words. */
export function phraseWords(phrase: string): string[] {
  return wordsOf(phrase).map((word) => word.normal);
}

/** "licensee's" -> "licensee"; "improvements" -> "improvement" for vocabulary look-ups. */
export function wordVariants(normal: string): string[] {
  const variants = [normal];
  const base = normal.endsWith("'s") ? normal.slice(0, -2) : normal;
  if (base !== normal) variants.push(base);
  if (base.endsWith('ies') && base.length > 4) variants.push(base.slice(0, -3) + 'y');
  if (base.endsWith('es') && base.length > 3) variants.push(base.slice(0, -2));
  if (base.endsWith('s') && base.length > 3 && !base.endsWith('ss')) variants.push(base.slice(0, -1));
  return variants;
}

/** Verbs and nouns that end in "-ly" like an adverb: "apply", "supply", "comply", "assembly". */
const NOT_ADVERBS = new Set(['apply', 'supply', 'comply', 'rely', 'reply', 'imply', 'multiply', 'ally', 'fly', 'assembly', 'family', 'italy', 'july', 'only', 'early', 'daily', 'monthly', 'quarterly', 'yearly', 'weekly', 'annually']);

/** "promptly", "jointly", "irrevocably": a word that reads as an adverb of manner or degree. */
export function isAdverb(normal: string): boolean {
  return normal.length > 4 && normal.endsWith('ly') && !NOT_ADVERBS.has(normal);
}

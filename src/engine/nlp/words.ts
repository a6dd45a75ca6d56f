import type { TextSource } from '../text/chunkedText';
/** A word of the analysis text with its exact offsets. */
export interface Word {
  /** Lower-case letters and digits; apostrophes and accents kept, hyphens split words. */
  normal: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** The same words in text that is plain ASCII, which most contracts are: much faster to scan. */
const ASCII_WORD = /[A-Za-z0-9]+(?:'[A-Za-z]+)*/g;
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Splits `[start, end)` of the text into words. Hyphens and slashes separate words, as in
 * compromise, so "royalty-free" and "royalty free" read the same.
 */
export function wordsOf(text: TextSource, start = 0, end = text.length): Word[] {
  const words: Word[] = [];
  const slice = text.slice(start, end);
  const pattern = NOT_ASCII.test(slice) ? WORD : ASCII_WORD;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
    words.push({ normal: match[0].toLowerCase().replace(/’/g, "'"), start: start + match.index, end: start + match.index + match[0].length });
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

import { isAsciiDigit } from '../text/asciiCodes';
import type { TextSource } from '../text/chunkedText';
import type { Span } from '../text/spans';
import type { RawLine } from './lines';

/**
 * Finds text that belongs to the page, not to the contract: page numbers, running headers and
 * footers repeated on every page, and the redaction notices EDGAR filings carry on each page.
 * These spans are blanked out before sentences are analysed, so a sentence that runs across a
 * page break reads as one sentence.
 */
export function findPageArtifacts(text: string, lines: RawLine[]): Span[] {
  return readPageArtifacts(text, lines).artifacts;
}

/** The page artifacts with what finding them learnt: each line's header key and the keys that repeat. */
export interface PageArtifactReading {
  artifacts: Span[];
  /** Each line's key (`undefined` for lines too short or too long to be a running header). */
  keys: (string | undefined)[];
  /** How often each key occurs. */
  counts: Map<string, number>;
  /** The keys of running headers and footers. */
  repeated: Set<string>;
}

export function readPageArtifacts(text: string, lines: RawLine[]): PageArtifactReading {
  const keys = lines.map((line) => keyOfLine(text, line));
  const counts = countKeys(keys);
  const repeated = repeatedLineKeys(counts);
  const artifacts = lineArtifacts(text, lines, 0, lines.length, keys, repeated).concat(inlineArtifacts(text, 0, text.length));
  return { artifacts: mergeSpans(artifacts), keys, counts, repeated };
}

/** The key a line would have as a running header, if it is the right length to be one. */
export function keyOfLine(text: TextSource, line: RawLine): string | undefined {
  return line.end - line.contentStart >= 6 && line.end - line.contentStart <= 250 ? lineKey(text.slice(line.contentStart, line.end)) : undefined;
}

/** Page numbers and running headers among `lines[from, to)`. */
export function lineArtifacts(text: TextSource, lines: RawLine[], from: number, to: number, keys: (string | undefined)[], repeated: Set<string>): Span[] {
  const artifacts: Span[] = [];
  for (let index = from; index < to; index++) {
    const line = lines[index];
    if (line.end === line.contentStart) continue;
    const content = text.slice(line.contentStart, line.end);
    const key = keys[index];
    if ((content.length <= 24 && isPageNumber(content)) || (key !== undefined && repeated.has(key))) {
      artifacts.push({ start: line.contentStart, end: line.end });
      continue;
    }
    // The expression tries every position of the line; only a line that ends in a digit can match.
    const trailingNumber = isAsciiDigit(content.charCodeAt(content.length - 1)) ? TRAILING_PAGE_NUMBER.exec(content) : null;
    const next = lines[index + 1];
    if (trailingNumber && next && next.contentStart === next.end) {
      artifacts.push({ start: line.end - trailingNumber[1].length, end: line.end });
    }
  }
  return artifacts;
}

/** EDGAR boilerplate inside `[from, to)` of the text. */
export function inlineArtifacts(text: TextSource, from: number, to: number): Span[] {
  const artifacts: Span[] = [];
  const whole = from === 0 && to === text.length;
  const scope = whole ? String(text) : text.slice(from, to);
  for (const { marker, pattern } of INLINE_ARTIFACTS) {
    if (!scope.includes(marker)) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(scope); match; match = pattern.exec(scope)) {
      artifacts.push(withPrecedingPageNumber(text, { start: from + match.index, end: from + match.index + match[0].length }));
    }
  }
  return artifacts;
}

/** A page number left at the end of a paragraph line by a flattened filing: `... with   12`. */
const TRAILING_PAGE_NUMBER = /[ \t]{3,}(\d{1,3})$/;

const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s+of\s+\d{1,4})?$/i;

/** `12`, `- 12 -`, `Page 3 of 85`, `iv`. */
export function isPageNumber(lineText: string): boolean {
  return PAGE_NUMBER.test(lineText.trim());
}

/**
 * EDGAR boilerplate that appears on every page, often inside a paragraph when the filing was
 * flattened to one line per paragraph.
 */
const INLINE_ARTIFACTS: { marker: string; pattern: RegExp }[] = [
  { marker: 'onfidential information contained', pattern: /\[\s*\*+\s*\]\s*=\s*Certain confidential information contained in this document[^.\n]{0,300}\./g },
  { marker: 'ortions of this', pattern: /\*{1,3}\s*=?\s*Portions of this (?:exhibit|page|document)[^.\n]{0,300}\.(?:[ \t]*An unredacted version[^.\n]{0,300}\.)?/gi },
  { marker: 'Source:', pattern: /\bSource:[ \t]+[A-Z][A-Za-z0-9&.,' -]{1,100}?,[ \t]*[0-9A-Z][0-9A-Z-]{0,12},[ \t]*\d{1,2}\/\d{1,2}\/\d{2,4}/g },
  { marker: 'Page', pattern: /\bPage[ \t]+\d{1,4}[ \t]+of[ \t]+\d{1,4}\b/g },
];

/** Extends an inline artifact over a page number standing just before it (`... 35   [ * ] = ...`). */
function withPrecedingPageNumber(text: TextSource, span: Span): Span {
  const before = text.slice(Math.max(0, span.start - 16), span.start);
  const match = /(?:^|\s{2,})(\d{1,4})\s{2,}$/.exec(before);
  if (!match) return span;
  return { start: span.start - before.length + match.index + match[0].indexOf(match[1]), end: span.end };
}

/**
 * Digits vary from page to page in running headers ("Page 3", "Source: ..., 2/27/2020"), and
 * runs of white space become one space.
 */
function lineKey(content: string): string {
  return content.trim().toLowerCase().replace(/\d+/g, '#').replace(WIDE_SPACE, ' ');
}

/**
 * The runs of white space that are not already a single space: every line has single spaces, and
 * replacing each by itself (`/\s+/g`) built a new string for every line of every contract.
 */
const WIDE_SPACE = /(?: \s|[^\S ])\s*/g;

export function countKeys(keys: (string | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Lines that recur at least three times and look like running headers rather than clauses. */
function repeatedLineKeys(counts: Map<string, number>): Set<string> {
  const repeated = new Set<string>();
  for (const [key, count] of counts) if (isRunningHeader(key, count)) repeated.add(key);
  return repeated;
}

export function isRunningHeader(key: string, count: number): boolean {
  return count >= 3 && looksLikeRunningHeader(key);
}

/** A running header has no obligation in it; a repeated clause ("None.") is not a header either. */
function looksLikeRunningHeader(key: string): boolean {
  const letters = key.replace(/[^a-z]/g, '');
  if (letters.length < 4) return false;
  if (/\b(shall|will|must|agrees?|hereby)\b/.test(key)) return false;
  if (/^(by|name|title|date|signature|address|attention|attn|fax|tel|telephone|email|e-mail)\s*:/.test(key)) return false;
  return true;
}

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

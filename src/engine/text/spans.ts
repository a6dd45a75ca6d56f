import type { TextSource } from './chunkedText';
/** A half-open range `[start, end)` of UTF-16 offsets into the original text. */
export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * In `items` ordered by `key`, how many have a key below `bound`: the index of the first whose
 * key is at least `bound` (a binary search).
 */
export function countBelow<T>(items: readonly T[], bound: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (key(items[middle]) < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

const startOf = (span: Span): number => span.start;
const endOf = (span: Span): number => span.end;

/** In spans ordered by start, the index of the first that starts at or after `offset`. */
export function firstStartingFrom(spans: readonly Span[], offset: number): number {
  return countBelow(spans, offset, startOf);
}

/** In spans ordered by end, the index of the first that ends after `offset`. */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  return countBelow(spans, offset + 1, endOf);
}

/** Shrinks a span so that it neither starts nor ends with white space. */
export function trimSpan(text: TextSource, span: Span): Span {
  let { start, end } = span;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 160 || code === 0xfeff || code === 0x2028 || code === 0x2029;
}

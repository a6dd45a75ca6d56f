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

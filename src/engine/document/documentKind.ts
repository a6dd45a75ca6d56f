import type { TextSource } from '../text/chunkedText';
/** What kind of agreement a document is, read from its title and opening. */
export type DocumentKind = 'joint-venture' | 'license' | 'development' | 'technology' | 'other';

const KIND_PATTERNS: [DocumentKind, RegExp][] = [
  ['joint-venture', /\bjoint[\s-]+venture\b|\bJVC?\b|\bequity joint\b|\bshareholders'? agreement\b/i],
  ['license', /\blicen[cs]e\b|\blicensing\b/i],
  ['development', /\b(?:development|collaboration|research|co-?operation|cooperation|strategic alliance)\b/i],
  ['technology', /\btechnology\b|\bknow-how\b|\bintellectual property\b|\bsoftware\b|\bsource code\b/i],
];

/** How much of the opening decides the kind; nothing after it changes it. */
export const KIND_TEXT_LIMIT = 1500;

/**
 * The kinds an agreement falls into, judged by its first 1,500 characters (title, preamble and
 * recitals). An agreement can be several kinds at once ("License, Development and
 * Commercialization Agreement").
 */
export function classifyDocument(analysisText: TextSource): DocumentKind[] {
  const opening = analysisText.slice(0, KIND_TEXT_LIMIT);
  const kinds = KIND_PATTERNS.filter(([, pattern]) => pattern.test(opening)).map(([kind]) => kind);
  return kinds.length ? kinds : ['other'];
}

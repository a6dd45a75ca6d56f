import type { Span } from '../text/spans';

/** A capitalised term the contract defines, and where. */
export interface DefinedTerm {
  /** The term as written between the quotes: `Licensed Technology`, `JV Company`. */
  term: string;
  /** The quoted term itself (without the quotes). */
  termSpan: Span;
  /** The definition: the sentence or parenthetical context that gives the term its meaning. */
  definitionSpan: Span;
  /** `means` for "X" means ..., `inline` for (the "X") after a description. */
  form: 'means' | 'inline';
}

const QUOTED = `["'](?:the\\s+)?([A-Z0-9][^"'\\n]{0,78}?)["']`;
const ALTERNATIVES = `(?:\\s*(?:,|or|and)\\s*(?:the\\s+)?["'](?:the\\s+)?[A-Z0-9][^"'\\n]{0,78}?["'])*`;
/** `"Licensed Technology" means`, `"JV Company" or "the JVC" shall mean`, `"Data": any ...` */
const MEANS_FORM = new RegExp(`${QUOTED}${ALTERNATIVES}\\s*(?:,\\s*)?(?:shall\\s+)?(?:means?|mean:|refers?\\s+to|has\\s+the\\s+meaning|shall\\s+have\\s+the\\s+meaning|includes?|:)`, 'g');
/** `(the "JV Company")`, `(collectively, the "Parties")`, `(hereinafter referred to as 'NWR', ...)` */
const INLINE_FORM = new RegExp(`\\(\\s*(?:[^()"']{0,60}?\\s)?${QUOTED}${ALTERNATIVES}`, 'g');
const EACH_QUOTED = new RegExp(QUOTED, 'g');

/**
 * Finds the terms a contract defines. `definitionOf` gives, for an offset of the term, the
 * sentence it is defined in, so a definition clause can point back at where it came from.
 */
export function findDefinedTerms(analysisText: string, sentenceAt: (offset: number) => Span | undefined): DefinedTerm[] {
  const byName = new Map<string, DefinedTerm>();
  const add = (match: RegExpExecArray, form: DefinedTerm['form']): void => {
    for (const quoted of match[0].matchAll(EACH_QUOTED)) {
      const term = quoted[1].trim().replace(/^the\s+/i, '');
      if (!isPlausibleTerm(term) || byName.has(term)) continue;
      const termStart = match.index + (quoted.index ?? 0) + quoted[0].indexOf(quoted[1]);
      const termSpan = { start: termStart, end: termStart + quoted[1].length };
      const sentence = sentenceAt(termStart) ?? termSpan;
      byName.set(term, { term, termSpan, definitionSpan: sentence, form });
    }
  };
  for (const match of analysisText.matchAll(MEANS_FORM)) add(match as RegExpExecArray, 'means');
  for (const match of analysisText.matchAll(INLINE_FORM)) add(match as RegExpExecArray, 'inline');
  return [...byName.values()].sort((a, b) => a.termSpan.start - b.termSpan.start);
}

/** The terms defined inline, `(the "JV Company")`, in `[start, end)`: how a preamble names the parties. */
export function findInlineDefinitions(analysisText: string, start: number, end: number): { term: string; termSpan: Span }[] {
  const found: { term: string; termSpan: Span }[] = [];
  const window = analysisText.slice(start, end);
  for (const match of window.matchAll(INLINE_FORM)) {
    for (const quoted of match[0].matchAll(EACH_QUOTED)) {
      const term = quoted[1].trim().replace(/^the\s+/i, '');
      if (!isPlausibleTerm(term)) continue;
      const termStart = start + (match.index ?? 0) + (quoted.index ?? 0) + quoted[0].indexOf(quoted[1]);
      found.push({ term, termSpan: { start: termStart, end: termStart + quoted[1].length } });
    }
  }
  return found;
}

function isPlausibleTerm(term: string): boolean {
  const words = term.split(/\s+/);
  if (words.length > 8 || term.length < 2) return false;
  if (/[.;:!?]$/.test(term)) return false;
  // Most words of a defined term are capitalised ("Licensed Know-How", "Party A", "JV Company").
  const capitalised = words.filter((word) => /^[A-Z0-9]/.test(word)).length;
  return capitalised >= Math.ceil(words.length / 2);
}

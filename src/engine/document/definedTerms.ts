import type { TextSource } from '../text/chunkedText';
import { firstStartingFrom, type Span } from '../text/spans';

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

/** Where one of the definition patterns matched, with the plausible terms quoted in it. */
export interface DefinitionMatch {
  start: number;
  end: number;
  terms: { term: string; start: number; length: number }[];
}

/** Every match of the two definition forms, kept by an incremental parse to update only near an edit. */
export interface DefinitionMatches {
  means: DefinitionMatch[];
  inline: DefinitionMatch[];
}

/**
 * Finds the terms a contract defines. `definitionOf` gives, for an offset of the term, the
 * sentence it is defined in, so a definition clause can point back at where it came from.
 */
export function findDefinedTerms(analysisText: string, sentenceAt: (offset: number) => Span | undefined): DefinedTerm[] {
  return definedTermsOf(findDefinitionMatches(analysisText), sentenceAt);
}

export function findDefinitionMatches(analysisText: string): DefinitionMatches {
  return { means: scan(analysisText, MEANS_FORM, 0), inline: scan(analysisText, INLINE_FORM, 0) };
}

/** The defined terms of a document's definition matches: the first `means` definition of a term wins, then the first inline one. */
export function definedTermsOf(matches: DefinitionMatches, sentenceAt: (offset: number) => Span | undefined): DefinedTerm[] {
  const byName = new Map<string, DefinedTerm>();
  const add = (match: DefinitionMatch, form: DefinedTerm['form']): void => {
    for (const { term, start, length } of match.terms) {
      if (byName.has(term)) continue;
      const termSpan = { start, end: start + length };
      byName.set(term, { term, termSpan, definitionSpan: sentenceAt(start) ?? termSpan, form });
    }
  };
  for (const match of matches.means) add(match, 'means');
  for (const match of matches.inline) add(match, 'inline');
  return [...byName.values()].sort((a, b) => a.termSpan.start - b.termSpan.start);
}

/**
 * The definition matches of `analysisText`, an edited version of the text `previous` was found
 * in, where `[start, oldEnd)` became `[start, newEnd)`. Only the text around the edit is scanned
 * again; the result equals `findDefinitionMatches(analysisText)`.
 *
 * Why that holds. Both patterns read forwards only, start at a quote or a parenthesis, and read at
 * most about a hundred characters other than white space past the last quote they pass. So an
 * attempt that starts before a "quiet" stretch (QUIET_RUN non-space characters without a quote)
 * cannot see past it: matches that start before a quiet stretch ahead of the edit are unchanged,
 * and the matches that start before the edit's end all lie before the first quiet stretch after
 * it. Past the edit, the old and new scans agree from the first position both of them try.
 */
export function updateDefinitionMatches(previous: DefinitionMatches, analysisText: TextSource, start: number, oldEnd: number, newEnd: number): DefinitionMatches {
  const from = quietStretchBefore(analysisText, start);
  const until = quietStretchAfter(analysisText, newEnd);
  return {
    means: updateMatches(previous.means, MEANS_FORM, analysisText, { from, until, oldEnd, newEnd }),
    inline: updateMatches(previous.inline, INLINE_FORM, analysisText, { from, until, oldEnd, newEnd }),
  };
}

/** Non-space characters without a quote that no definition pattern can read across. */
const QUIET_RUN = 200;

const isSpace = (code: number): boolean => code === 32 || code === 0xa0 || code === 0x1680 || code === 0x3000 || code === 0xfeff;
const isQuote = (code: number): boolean => code === 34 || code === 39;

/** The start of the nearest quiet stretch that ends at or before `offset` (or 0). */
function quietStretchBefore(text: TextSource, offset: number): number {
  let quiet = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (isQuote(code)) quiet = 0;
    else if (!isSpace(code) && ++quiet >= QUIET_RUN) return i;
  }
  return 0;
}

/** The end of the nearest quiet stretch that starts at or after `offset` (or the text's end). */
function quietStretchAfter(text: TextSource, offset: number): number {
  let quiet = 0;
  for (let i = offset; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isQuote(code)) quiet = 0;
    else if (!isSpace(code) && ++quiet >= QUIET_RUN) return i + 1;
  }
  return text.length;
}

function updateMatches(old: DefinitionMatch[], pattern: RegExp, text: TextSource, edit: { from: number; until: number; oldEnd: number; newEnd: number }): DefinitionMatch[] {
  const { from, until, oldEnd, newEnd } = edit;
  const delta = newEnd - oldEnd;
  // Matches that start before the quiet stretch ahead of the edit are the same; the scan resumes where the last of them ends.
  let keep = 0;
  while (keep < old.length && old[keep].start < from) keep++;
  const result = old.slice(0, keep);
  let position = keep > 0 ? Math.max(from, old[keep - 1].end) : from;
  // The matches that start before the edit's end lie before the quiet stretch after it: scan up to there only.
  // (The patterns read forwards only, so scanning the stretch from `position` finds what scanning the whole text would.)
  const near = scan(text.slice(position, until), pattern, 0).map((match) => moveMatch(match, position));
  for (const match of near) {
    if (match.start >= newEnd) break;
    result.push(match);
    position = match.end;
  }
  position = Math.max(position, newEnd);
  // From a position both scans try, the rest is the old matches, moved; otherwise scan on.
  for (;;) {
    const synced = tryPositionOf(old, position - delta);
    if (synced !== undefined) {
      for (let i = synced; i < old.length; i++) result.push(moveMatch(old[i], delta));
      return result;
    }
    const next = scan(String(text), pattern, position, 1)[0]; // rare: the edit changed how the text after it reads
    if (!next) return result;
    result.push(next);
    position = next.end;
  }
}

/**
 * If the old scan tried `offset` (no old match strictly contains it), the index of the first old
 * match that starts at or after it; otherwise undefined.
 */
function tryPositionOf(old: DefinitionMatch[], offset: number): number | undefined {
  const low = firstStartingFrom(old, offset);
  // old[low - 1] is the last match starting before `offset`.
  if (low > 0 && old[low - 1].end > offset) return undefined;
  return low;
}

function moveMatch(match: DefinitionMatch, delta: number): DefinitionMatch {
  if (delta === 0) return match;
  return { start: match.start + delta, end: match.end + delta, terms: match.terms.map((term) => ({ ...term, start: term.start + delta })) };
}

/** The matches of `pattern` in `text` from `from` on (at most `limit` of them). */
function scan(text: string, pattern: RegExp, from: number, limit = Infinity): DefinitionMatch[] {
  const regex = new RegExp(pattern.source, 'g');
  regex.lastIndex = from;
  const matches: DefinitionMatch[] = [];
  for (let found = regex.exec(text); found && matches.length < limit; found = matches.length < limit ? regex.exec(text) : null) {
    matches.push({ start: found.index, end: found.index + found[0].length, terms: quotedTerms(found[0], found.index) });
  }
  return matches;
}

function quotedTerms(matched: string, at: number): DefinitionMatch['terms'] {
  const terms: DefinitionMatch['terms'] = [];
  for (const quoted of matched.matchAll(EACH_QUOTED)) {
    const term = quoted[1].trim().replace(/^the\s+/i, '');
    if (!isPlausibleTerm(term)) continue;
    terms.push({ term, start: at + (quoted.index ?? 0) + quoted[0].indexOf(quoted[1]), length: quoted[1].length });
  }
  return terms;
}

/** The terms defined inline, `(the "JV Company")`, in `[start, end)`: how a preamble names the parties. */
export function findInlineDefinitions(analysisText: TextSource, start: number, end: number): { term: string; termSpan: Span }[] {
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

import type { TextSource } from '../text/chunkedText';
import type { Span } from '../text/spans';
import { findInlineDefinitions } from './definedTerms';

export interface Party {
  /** The short name the contract uses: `Northwind`, `Licensee`, `Party A`. */
  name: string;
  /** The full name from the preamble, where the contract gives one. */
  fullName?: string;
  /** Where the name is defined, if it is. */
  definedAt?: Span;
}

/** How far into a contract the preamble may start: some put a cover page and a table of contents first. */
const PREAMBLE_SEARCH_LIMIT = 60_000;
/** How much text after "between" may name the parties. */
const PREAMBLE_LENGTH = 4000;
/** How far into a contract `Party A` names are looked for; nothing after this offset changes the parties. */
export const PARTY_TEXT_LIMIT = 200_000;
const PREAMBLE_END = /\b(?:WHEREAS|RECITALS|BACKGROUND|NOW,?\s+THEREFORE|W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H|IT IS (?:HEREBY )?AGREED|the parties (?:hereto )?(?:hereby )?agree as follows)\b/i;
const PARTY_WORDS = /\b(?:between|among)\b/gi;
const GENERIC_NOT_PARTIES = /^(?:Agreement|Effective Date|Parties|Party|Execution Date|Closing Date|Contract|Territory|Products?|Company Shares|USA|U\.S\.A|PRC|UK|EU)$/i;
/** `hereinafter referred to as "Customer"`, `referred to in this Agreement as "Company"`. */
const REFERRED_TO_AS = /\breferred\s+to\s+(?:herein\s+|hereinafter\s+|in\s+this\s+\w+\s+)?as\s+(?:the\s+)?["']([A-Z][^"'\n]{0,40}?)["']/g;
/** `(Northwind)`, `(hereinafter Southgate)`: a short name in brackets without quotes. */
const BARE_NAME = /\((?:hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?)?(?:the\s+)?([A-Z][\w&.-]{1,30}(?:\s+[A-Z][\w&.-]{1,30}){0,2})\)/g;

/** Nothing at or after this offset can change what the preamble says (the search limit, the preamble and the fallback window). */
const PREAMBLE_REACH = PREAMBLE_SEARCH_LIMIT + PREAMBLE_LENGTH;

/** The parties, and how far into the text the preamble search read to find them (see `sameParties`). */
export interface PartyReading {
  parties: Party[];
  preambleReach: number;
}

/**
 * Whether the parties of `before` are those of `after`, where `[start, oldEnd)` of the one became
 * `[start, newEnd)` of the other, without reading the texts again: true when the edit is past
 * everything the preamble search read in `before` (`preambleReach` from `readParties`; by default
 * all it can read) and neither it nor the moved `PARTY_TEXT_LIMIT` boundary touches a `Party X` name.
 */
export function sameParties(before: TextSource, after: TextSource, start: number, oldEnd: number, newEnd: number, preambleReach = PREAMBLE_REACH): boolean {
  if (start >= PARTY_TEXT_LIMIT) return true;
  if (start < preambleReach) return false;
  const near = (text: TextSource, from: number, to: number): boolean => text.slice(Math.max(0, from - PARTY_NAME_REACH), to + PARTY_NAME_REACH).includes('Party');
  if (near(before, start, oldEnd) || near(after, start, newEnd)) return false;
  const shift = Math.abs(newEnd - oldEnd);
  return shift === 0 || (!near(before, PARTY_TEXT_LIMIT - shift, PARTY_TEXT_LIMIT + shift) && !near(after, PARTY_TEXT_LIMIT - shift, PARTY_TEXT_LIMIT + shift));
}

/** `Party A` and the word boundaries around it. */
const PARTY_NAME_REACH = 9;

/**
 * Finds the parties: the names the preamble gives them after "between" (`("Licensor")`,
 * `('NWR')`, `hereinafter referred to as "Customer"`, `(Northwind)`), and the `Party A` /
 * `Party B` style names many cross-border drafts use.
 */
export function findParties(analysisText: TextSource): Party[] {
  return readParties(analysisText).parties;
}

/** `findParties`, and where the preamble search stopped reading: an edit from there on leaves the preamble's names as they are. */
export function readParties(analysisText: TextSource): PartyReading {
  const parties: Party[] = [];
  const seen = new Set<string>();
  const add = (term: string, termStart: number, floor: number): void => {
    if (GENERIC_NOT_PARTIES.test(term) || seen.has(term)) return;
    seen.add(term);
    parties.push({ name: term, fullName: fullNameBefore(analysisText, termStart, floor), definedAt: { start: termStart, end: termStart + term.length } });
  };
  const preamble = findPreamble(analysisText);
  if (preamble) {
    // The preamble's own inline definitions: a party may be defined again later ("NWR" means ...), but it is named here.
    for (const term of findInlineDefinitions(analysisText, preamble.start, preamble.end)) add(term.term, term.termSpan.start, preamble.start);
    const text = analysisText.slice(preamble.start, preamble.end);
    for (const match of text.matchAll(REFERRED_TO_AS)) add(match[1].trim(), preamble.start + (match.index ?? 0) + match[0].lastIndexOf(match[1]), preamble.start);
    if (!parties.length) for (const match of text.matchAll(BARE_NAME)) add(match[1], preamble.start + (match.index ?? 0) + match[0].indexOf(match[1]), preamble.start);
  }
  for (const name of letterPartyNames(analysisText)) {
    if (!seen.has(name)) {
      seen.add(name);
      parties.push({ name });
    }
  }
  return { parties, preambleReach: preamble?.reach ?? PREAMBLE_REACH };
}

/**
 * The `Party A` ... `Party D` names in the first PARTY_TEXT_LIMIT characters, in order, read in
 * windows so that a long text is not copied whole. Windows overlap; a match that touches a
 * window's edge (where `\b` cannot see the character beyond) is left to the window on that side.
 */
function letterPartyNames(text: TextSource): string[] {
  const limit = Math.min(text.length, PARTY_TEXT_LIMIT);
  const names: string[] = [];
  const pattern = /\bParty ([A-D])\b/g;
  for (let start = 0; start < limit; start += LETTER_WINDOW) {
    const from = Math.max(0, start - LETTER_OVERLAP);
    const to = Math.min(limit, start + LETTER_WINDOW);
    const window = text.slice(from, to);
    if (!window.includes('Party ')) continue;
    for (const match of window.matchAll(pattern)) {
      const at = match.index ?? 0;
      if ((at === 0 && from > 0) || (at + match[0].length === window.length && to < limit)) continue;
      names.push(`Party ${match[1]}`);
    }
  }
  return names;
}

const LETTER_WINDOW = 16_384;
/** Longer than `Party A` and the character on either side of it. */
const LETTER_OVERLAP = 16;

/**
 * The first "between" or "among" that is followed by a party's name, up to where the recitals
 * begin, and how far the search read: no further than the accepted window when there is one
 * (each earlier candidate's window ends before it does), else everything it may read.
 */
function findPreamble(analysisText: TextSource): (Span & { reach: number }) | undefined {
  const head = analysisText.slice(0, PREAMBLE_SEARCH_LIMIT);
  for (const match of head.matchAll(PARTY_WORDS)) {
    const start = match.index ?? 0;
    const window = analysisText.slice(start, start + PREAMBLE_LENGTH);
    const end = start + (PREAMBLE_END.exec(window)?.index ?? window.length);
    const names = findInlineDefinitions(analysisText, start, end).some((term) => !GENERIC_NOT_PARTIES.test(term.term)) || REFERRED_TO_AS.test(analysisText.slice(start, end));
    REFERRED_TO_AS.lastIndex = 0;
    // A window cut short by the end of the text is read again after an edit anywhere: the edit may lengthen it.
    if (names) return { start, end, reach: window.length === PREAMBLE_LENGTH ? start + PREAMBLE_LENGTH : PREAMBLE_REACH };
  }
  const start = /\b(?:between|among|by and between)\b/i.exec(analysisText.slice(0, 6000))?.index;
  return start === undefined ? undefined : { start, end: Math.min(analysisText.length, start + 2500), reach: PREAMBLE_REACH };
}

/** The name just before `(the "X")`: "Northwind Robotics, Inc., a Delaware corporation". */
function fullNameBefore(text: TextSource, termStart: number, floor: number): string | undefined {
  // The last "(" at or before the term, looked for no further back than `floor`: one before it leaves no window anyway.
  const opening = text.slice(floor, termStart + 1).lastIndexOf('(');
  const open = opening < 0 ? -1 : floor + opening;
  const window = text.slice(Math.max(floor, open - 200), Math.max(floor, open));
  const lastBreak = Math.max(window.lastIndexOf(' and '), window.lastIndexOf(' between '), window.lastIndexOf(' among '), window.lastIndexOf(';'));
  const candidate = window.slice(lastBreak >= 0 ? lastBreak : 0).replace(/^\s*(?:and|between|among|;)\s+/, '');
  const name = /^[^,]{2,80}/.exec(candidate.trim())?.[0]?.trim();
  return name && /^[A-Z0-9]/.test(name) ? name : undefined;
}

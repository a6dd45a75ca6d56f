import type { Span } from '../text/spans';
import type { DefinedTerm } from './definedTerms';

export interface Party {
  /** The short name the contract uses: `Northwind`, `Licensee`, `Party A`. */
  name: string;
  /** The full name from the preamble, where the contract gives one. */
  fullName?: string;
  /** Where the name is defined, if it is. */
  definedAt?: Span;
}

const PREAMBLE_LIMIT = 6000;
const PREAMBLE_END = /\b(?:WHEREAS|RECITALS|BACKGROUND|NOW,?\s+THEREFORE|W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H|IT IS (?:HEREBY )?AGREED|the parties (?:hereto )?(?:hereby )?agree as follows)\b/i;
const PARTY_WORDS = /\b(?:between|among|by and between|by and among|and)\b/i;
const GENERIC_NOT_PARTIES = /^(?:Agreement|Effective Date|Parties|Party|Execution Date|Closing Date|Contract|Territory|Products?|Company Shares)$/i;

/**
 * Finds the parties: the terms defined in the preamble after "between" (`("Licensor")`,
 * `('IMPCO')`), and the `Party A` / `Party B` style names many cross-border drafts use.
 */
export function findParties(analysisText: string, definedTerms: DefinedTerm[]): Party[] {
  const head = analysisText.slice(0, PREAMBLE_LIMIT);
  const preambleEnd = PREAMBLE_END.exec(head)?.index ?? Math.min(head.length, 2500);
  const between = PARTY_WORDS.exec(head)?.index ?? 0;
  const parties: Party[] = [];
  const seen = new Set<string>();
  for (const term of definedTerms) {
    if (term.termSpan.start < between || term.termSpan.start > preambleEnd) continue;
    if (term.form !== 'inline' || GENERIC_NOT_PARTIES.test(term.term) || seen.has(term.term)) continue;
    seen.add(term.term);
    parties.push({ name: term.term, fullName: fullNameBefore(analysisText, term.termSpan.start, between), definedAt: term.termSpan });
  }
  for (const match of analysisText.slice(0, 200_000).matchAll(/\bParty ([A-D])\b/g)) {
    const name = `Party ${match[1]}`;
    if (!seen.has(name)) {
      seen.add(name);
      parties.push({ name });
    }
  }
  return parties;
}

/** The name just before `(the "X")`: "Northwind Robotics, Inc., a Delaware corporation". */
function fullNameBefore(text: string, termStart: number, floor: number): string | undefined {
  const open = text.lastIndexOf('(', termStart);
  const window = text.slice(Math.max(floor, open - 200), Math.max(floor, open));
  const lastBreak = Math.max(window.lastIndexOf(' and '), window.lastIndexOf(' between '), window.lastIndexOf(' among '), window.lastIndexOf(';'));
  const candidate = window.slice(lastBreak >= 0 ? lastBreak : 0).replace(/^\s*(?:and|between|among|;)\s+/, '');
  const name = /^[^,]{2,80}/.exec(candidate.trim())?.[0]?.trim();
  return name && /^[A-Z0-9]/.test(name) ? name : undefined;
}

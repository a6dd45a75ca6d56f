import { isAsciiLetter } from '../text/asciiCodes';
import { splitsIntoAtMost } from '../text/whiteSpace';

/**
 * Recognises the numbering lawyers put in front of sections and sub-clauses: `1.`, `1.1`,
 * `2.3(a)(ii)`, `Section 12.4`, `Article 5`, `ARTICLE V`, `(a)`, `(iv)`, `a.`, `ii)`.
 */
export interface Enumerator {
  /** The label as written, without surrounding white space: `2.3(a)`, `Article 5`, `(b)`. */
  label: string;
  /** Characters from the start of the examined text to the first character after the label. */
  length: number;
  /** `section` for numbered sections and articles, `item` for lettered or roman sub-clauses. */
  kind: 'section' | 'item';
  /** Nesting depth: `Article 5` and `1.` are 1, `1.1` is 2, `2.3(a)` is 3. */
  depth: number;
}

const ARTICLE = /^(?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause|PART|Part)[ \t]+([0-9]+(?:\.[0-9]+)*|[IVXLC]+)\b\.?/;
const NUMBERED = /^([0-9]{1,3}(?:\.[0-9]{1,3}){0,4})(\.?)((?:\([a-zA-Z0-9]{1,4}\))*)(?=[ \t]|$)/;
const PAREN_ITEM = /^\(([a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|[0-9]{1,2})\)(?=[ \t]|$)/;
const DOTTED_ITEM = /^([a-z]|[ivxlc]{1,6}|[A-Z])[.)](?=[ \t]+\S)/;

/** Reads an enumerator at the very start of `text`, or returns undefined. */
export function readEnumerator(text: string): Enumerator | undefined {
  let match = ARTICLE.exec(text);
  if (match) return { label: match[0].replace(/\.$/, ''), length: match[0].length, kind: 'section', depth: 1 };
  match = NUMBERED.exec(text);
  if (match) {
    const [whole, number, dot, items] = match;
    // A bare number is a section only with a dot ("1. Definitions"); "1 " is more often a page or an amount.
    if (!number.includes('.') && !dot && !items) return undefined;
    const depth = number.split('.').filter(Boolean).length + (items.match(/\(/g)?.length ?? 0);
    return { label: (number + items).replace(/\.$/, ''), length: whole.length, kind: 'section', depth };
  }
  match = PAREN_ITEM.exec(text) ?? DOTTED_ITEM.exec(text);
  if (match) return { label: match[0], length: match[0].length, kind: 'item', depth: 9 };
  return undefined;
}

/** True for a line that is a heading: all capitals, short, or an `Article` line. */
export function isHeadingText(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 140) return false;
  const withoutLabel = trimmed.slice(readEnumerator(trimmed)?.length ?? 0).trim();
  if (/^(?:ARTICLE|Article|SECTION|Section)\b/.test(trimmed) && splitsIntoAtMost(withoutLabel, 12) && !/[.;:]\s*\S/.test(withoutLabel.slice(0, -1))) {
    return !/\b(shall|will|must|may)\b/.test(withoutLabel);
  }
  // Asked of every short line: letters counted by character code rather than with copies of the line.
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < withoutLabel.length; i++) {
    const code = withoutLabel.charCodeAt(i);
    if (!isAsciiLetter(code)) continue;
    letters++;
    if (code <= 0x5a) upper++; // A-Z
  }
  if (letters < 3) return false;
  return upper / letters > 0.85 && splitsIntoAtMost(withoutLabel, 14);
}

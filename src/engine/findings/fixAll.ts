import type { Finding, TextEdit } from '../types';

/**
 * The preferred fix of every finding, as one set of edits that never overlap: a fix whose edits
 * would touch text another chosen fix already changes is left for the next round.
 */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.isPreferred) ?? finding.fixes[0];
    if (!fix) continue;
    const clashes = fix.edits.some((edit) => chosen.some((other) => overlapsOrTouches(edit, other)));
    if (!clashes) chosen.push(...fix.edits);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Two replacements overlap when they share a character; an insertion clashes with anything at its point. */
function overlapsOrTouches(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits to a text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}

import type { TextSource } from '../text/chunkedText';
import type { LineIndex } from '../text/lineIndex';

/** Findings of these rules (or categories; all when empty) are not reported on these lines. */
export interface Suppression {
  targets: Set<string>;
  fromLine: number;
  toLine: number;
}

/**
 * Reads suppression comments. In Markdown and plain text: `<!-- clauseguard-disable-next-line
 * tt/grant-back-free -- agreed with client -->`; in `.contract` files also `%% clauseguard-...`.
 * Forms: `disable-next-line`, `disable-line`, and `disable` ... `enable` around a passage.
 * Targets are rule ids or category ids, separated by commas or spaces; none means every rule.
 */
export function findSuppressions(text: TextSource, lines: LineIndex): Suppression[] {
  const suppressions: Suppression[] = [];
  // A plain search is much quicker than the directive pattern, and most contracts have no directive.
  if (!text.includes('clauseguard-')) return suppressions;
  const open: { targets: Set<string>; fromLine: number }[] = [];
  for (const match of String(text).matchAll(DIRECTIVE)) {
    const kind = match[1] as 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
    const targets = new Set((match[2] ?? '').split(/[\s,]+/).filter(Boolean));
    const line = lines.positionAt(match.index ?? 0).line;
    if (kind === 'disable-line') suppressions.push({ targets, fromLine: line, toLine: line });
    else if (kind === 'disable-next-line') suppressions.push({ targets, fromLine: line + 1, toLine: line + 1 });
    else if (kind === 'disable') open.push({ targets, fromLine: line });
    else {
      const closing = open.pop();
      if (closing) suppressions.push({ ...closing, toLine: line });
    }
  }
  for (const unclosed of open) suppressions.push({ ...unclosed, toLine: Number.MAX_SAFE_INTEGER });
  return suppressions;
}

// Bounded repetitions keep this linear on hostile input (a 10 MB line with no closing `-->`).
const DIRECTIVE = /(?:<!--|%%)[ \t]*clauseguard-(disable-next-line|disable-line|disable|enable)\b([^\n>]{0,400}?)(?:[ \t]+--[ \t][^\n]{0,400}?)?[ \t]*(?:-->|$)/gm;

export function isSuppressed(suppressions: Suppression[], line: number, ruleId: string, category: string): boolean {
  return suppressions.some(
    (suppression) =>
      line >= suppression.fromLine && line <= suppression.toLine && (suppression.targets.size === 0 || suppression.targets.has(ruleId) || suppression.targets.has(category)),
  );
}

/** The comment that suppresses one finding, in the syntax of the document's language. */
export function suppressionComment(languageId: string, ruleId: string, reason?: string): string {
  const body = `clauseguard-disable-next-line ${ruleId}${reason ? ` -- ${reason}` : ''}`;
  return languageId === 'contract' ? `%% ${body}` : `<!-- ${body} -->`;
}

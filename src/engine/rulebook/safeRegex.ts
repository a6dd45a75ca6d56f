/**
 * Decides whether a regular expression from a rulebook is safe to run: a rulebook comes from
 * other people, and a pattern such as /(a+)+$/ can take exponential time in JavaScript's
 * backtracking engine. Only a form that cannot backtrack catastrophically is accepted:
 * quantifiers apply to single characters, classes or escapes, never to groups; no
 * back-references; no lookbehind. Returns a reason when the expression is refused.
 */
export function unsafeRegexReason(source: string): string | undefined {
  if (source.length > 200) return 'it is longer than 200 characters';
  if (/\\[1-9]|\\k</.test(source)) return 'it uses a back-reference';
  if (/\(\?<[=!]/.test(source)) return 'it uses a lookbehind';
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth < 0) return 'its parentheses do not balance';
      if (/^(?:[*+?]|\{\d)/.test(source.slice(i + 1))) return 'it repeats a group (a quantifier after ")"), which can backtrack catastrophically';
    }
  }
  if (depth !== 0) return 'its parentheses do not balance';
  try {
    new RegExp(source);
  } catch (error) {
    return `it is not a valid regular expression (${(error as Error).message})`;
  }
  return undefined;
}

const WHITE_SPACE_RUN = /\s+/g;

/**
 * Whether `text.split(/\s+/)` has at most `max` parts, counted without building them: layout
 * checks ask this of every line and block of a contract.
 */
export function splitsIntoAtMost(text: string, max: number): boolean {
  WHITE_SPACE_RUN.lastIndex = 0;
  let runs = 0;
  while (runs < max && WHITE_SPACE_RUN.exec(text)) runs++;
  return runs < max;
}

/** What `\s` matches in a JavaScript regular expression. */
export function isJsWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

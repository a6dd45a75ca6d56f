/** Character-code tests for the hot loops that read text by `charCodeAt` instead of with regular expressions. */

export const APOSTROPHE = 0x27;

/** A-Z or a-z. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** A-Z, a-z or 0-9. */
export function isAsciiLetterOrDigit(code: number): boolean {
  return isAsciiLetter(code) || isAsciiDigit(code);
}

/** 0-9. */
export function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A character of a regular expression's `\w`: A-Z, a-z, 0-9 or "_". */
export function isRegExpWordChar(code: number): boolean {
  return isAsciiLetterOrDigit(code) || code === 0x5f;
}

import type { Span } from '../text/spans';
import { isJsWhiteSpace } from '../text/whiteSpace';

/**
 * Builds the text that sentence splitting and NLP read: the original with every character
 * that is layout rather than language replaced one-for-one, so that every offset into it is an
 * offset into the original. Line breaks, page artifacts, comments and Markdown markup become
 * spaces; typographic quotes and dashes become straight ones, other symbols `~`.
 */
export function buildAnalysisText(text: string, blanked: Span[]): string {
  const codes = normalizedCodes(text);
  for (const span of blanked) codes.fill(32, span.start, span.end);
  blankMarkup(text, codes);
  return decode(codes);
}

/**
 * Each character of `text` as the analysis text has it, by a table of every UTF-16 code unit.
 * The loop runs over every character of every contract: alone in its function, with no branch
 * that depends on which characters a contract happens to use, the optimising compiler compiles
 * it once, rather than again whenever a contract brings a character the loop had not met yet.
 */
function normalizedCodes(text: string): Uint16Array {
  const table = (normalCodes ??= normalCodeTable());
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = table[text.charCodeAt(i)];
  return codes;
}

/** What each UTF-16 code unit becomes (128 KB), made on first use: printable ASCII, nearly every character of a contract, stays as it is. */
let normalCodes: Uint16Array | undefined;

function normalCodeTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < table.length; code++) table[code] = code >= 32 && code < 0x7f ? code : normalizeCode(code);
  return table;
}

function normalizeCode(code: number): number {
  switch (code) {
    case 0x2018:
    case 0x2019:
    case 0x201b:
    case 0x2032:
      return 39; // '
    case 0x201c:
    case 0x201d:
    case 0x201f:
    case 0x2033:
      return 34; // "
    case 0x2010:
    case 0x2011:
      return 45; // -
    case 0xa0:
    case 0x1680:
    case 0x202f:
    case 0x205f:
    case 0x3000:
    case 0xfeff:
    case 0x200b:
      return 32;
  }
  if (code >= 0x2000 && code <= 0x200a) return 32; // the Unicode spaces (en space ... hair space)
  if (code >= 0x2012 && code <= 0x2015) return 45; // figure dash, en dash, em dash, horizontal bar
  if (code < 32 || code === 0x7f || code === 0x2028 || code === 0x2029) return 32;
  return isSymbol(code) ? 126 : code;
}

/**
 * Bullets, ellipses, trade marks, arrows, box drawing and other symbols: no rule reads them, so
 * they become `~`, which no pattern treats as a word, a space or a sentence end either. Most
 * contracts' analysis text is then plain ASCII, which is quicker to copy and to split into words.
 */
function isSymbol(code: number): boolean {
  if (code >= 0x2150 && code <= 0x218f) return false; // number forms: Ⅳ, ½
  if (code >= 0x2460 && code <= 0x24ff) return false; // enclosed numbers and letters: ①, ⓐ
  return (code >= 0x2016 && code <= 0x206f) || (code >= 0x20a0 && code <= 0x2bff);
}

/** Markup that is blanked, each with a marker that must occur for its pattern to be worth running. */
const MARKUP: { marker: string; pattern: RegExp }[] = [
  { marker: '<!--', pattern: /<!--[\s\S]*?(?:-->|$)/g }, // HTML comments, where suppression comments live in Markdown
  { marker: '%%', pattern: /^[ \t]*%%.*$/gm }, // line comments of the `contract` language
  { marker: '#', pattern: /^[ \t]*#{1,6}(?=[ \t])/gm }, // Markdown heading markers
  { marker: '>', pattern: /^[ \t]*(?:>[ \t]?)+/gm }, // Markdown block quotes
  { marker: '**', pattern: /\*\*/g }, // Markdown strong emphasis
  { marker: '__', pattern: /__/g },
];

/** Markdown list bullets: a `-`, `*` or `+` at the start of a line (after any spaces or tabs), then spaces or tabs and more text. */
const LIST_BULLET = /^[ \t]*[-*+](?=[ \t]+\S)/gm;
const LIST_BULLET_MARKERS = ['- ', '* ', '+ '];

function blankMarkup(text: string, codes: Uint16Array): void {
  for (const { marker, pattern } of MARKUP) if (text.includes(marker)) blankMatches(text, pattern, codes);
  if (LIST_BULLET_MARKERS.some((marker) => text.includes(marker))) {
    // Nearly every contract has "- " somewhere. With only \n for line breaks, looking at each line's
    // start is much quicker than the expression, which tries every position of the text.
    if (text.includes('\r') || text.includes('\u2028') || text.includes('\u2029')) blankMatches(text, LIST_BULLET, codes);
    else for (let start = 0; start >= 0; start = nextLineStart(text, start)) blankListBullet(text, start, codes);
  }
}

function blankMatches(text: string, pattern: RegExp, codes: Uint16Array): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    codes.fill(32, match.index, match.index + match[0].length);
  }
}

function nextLineStart(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? -1 : newline + 1;
}

/** LIST_BULLET at one line start, read by character codes. */
function blankListBullet(text: string, lineStart: number, codes: Uint16Array): void {
  let at = lineStart;
  while (isSpaceOrTab(text.charCodeAt(at))) at++;
  const bullet = text.charCodeAt(at);
  if (bullet !== 0x2d && bullet !== 0x2a && bullet !== 0x2b) return; // - * +
  let after = at + 1;
  if (!isSpaceOrTab(text.charCodeAt(after))) return;
  while (isSpaceOrTab(text.charCodeAt(after))) after++;
  if (after >= text.length || isJsWhiteSpace(text.charCodeAt(after))) return;
  codes.fill(32, lineStart, at + 1);
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

const utf16 = new TextDecoder('utf-16le');

/** The string of UTF-16 code units, lone surrogates included (TextDecoder would replace them). */
function decode(codes: Uint16Array): string {
  if (!hasLoneSurrogate(codes)) return utf16.decode(codes);
  const chunks: string[] = [];
  const size = 8192;
  for (let i = 0; i < codes.length; i += size) {
    chunks.push(String.fromCharCode.apply(null, codes.subarray(i, i + size) as unknown as number[]));
  }
  return chunks.join('');
}

function hasLoneSurrogate(codes: Uint16Array): boolean {
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code <= 0xdbff && i + 1 < codes.length && codes[i + 1] >= 0xdc00 && codes[i + 1] <= 0xdfff) {
      i++;
      continue;
    }
    return true;
  }
  return false;
}

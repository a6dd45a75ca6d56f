/** One physical line of the original text. */
export interface RawLine {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the first character that is not white space (equals `end` for a blank line). */
  contentStart: number;
  /** Offset just after the last non-space character, before trailing white space and the break. */
  end: number;
}

/** Splits text into physical lines (`\n`, `\r\n` or `\r`), keeping exact offsets. */
export function splitLines(text: string): RawLine[] {
  if (!text.includes('\r')) return splitAtNewlines(text);
  const lines: RawLine[] = [];
  let start = 0;
  const length = text.length;
  while (start <= length) {
    let stop = start;
    while (stop < length) {
      const code = text.charCodeAt(stop);
      if (code === 10 || code === 13) break;
      stop++;
    }
    lines.push(trimLine(text, start, stop));
    if (stop >= length) break;
    start = text.charCodeAt(stop) === 13 && text.charCodeAt(stop + 1) === 10 ? stop + 2 : stop + 1;
  }
  return lines;
}

/** splitLines for text with no carriage return, the common case: the breaks are found by `indexOf`, which is much quicker than reading every character. */
function splitAtNewlines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (let stop = text.indexOf('\n'); stop >= 0; stop = text.indexOf('\n', start)) {
    lines.push(trimLine(text, start, stop));
    start = stop + 1;
  }
  lines.push(trimLine(text, start, text.length));
  return lines;
}

function trimLine(text: string, start: number, stop: number): RawLine {
  let contentStart = start;
  while (contentStart < stop && isBlank(text.charCodeAt(contentStart))) contentStart++;
  let end = stop;
  while (end > contentStart && isBlank(text.charCodeAt(end - 1))) end--;
  return { start, contentStart, end };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 11 || code === 160 || code === 0xfeff || code === 0x200b;
}

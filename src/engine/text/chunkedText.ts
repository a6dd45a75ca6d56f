/**
 * Text read by offsets: a string, or a `ChunkedText`. The parts of the engine that an edit
 * reaches read the contract and its analysis text through this, so that an edited document need
 * not be one new string (building a 300,000-character string takes about a millisecond here,
 * most of an edit's budget).
 */
export interface TextSource {
  readonly length: number;
  /** As `String.prototype.slice`. */
  slice(start?: number, end?: number): string;
  /** As `String.prototype.charCodeAt`: NaN outside the text. */
  charCodeAt(index: number): number;
  /** As `String.prototype.includes` (from the start). */
  includes(needle: string): boolean;
  /** As `String.prototype.lastIndexOf`: the last occurrence that starts at or before `from`. */
  lastIndexOf(needle: string, from?: number): number;
}

/** Chunks are cut to about this many characters; an edit copies one or two of them. */
const CHUNK = 8192;

/** How many absent needles a text remembers (see `ChunkedText.absent`). */
const MAX_ABSENT_NEEDLES = 16;

/**
 * A long text kept as consecutive chunks, so that replacing a stretch of it copies only the
 * chunks the stretch touches and shares the others with the text it was made from. Reads by
 * offset cost a look-up of the chunk (the last one read is tried first); `toString()` builds the
 * whole string once, for readers that need it.
 */
export class ChunkedText implements TextSource {
  private whole: string | undefined;
  private lastChunk = 0;
  /**
   * Needles `includes` found nowhere in this text. A splice hands on those its own stretch does
   * not bring in, so the same question asked of every version of an edited document (is there a
   * suppression comment, an HTML comment?) reads the edit, not the whole text again.
   */
  private absent: Set<string> | undefined;

  private constructor(
    private readonly chunks: readonly string[],
    /** The offset at which each chunk starts, ascending; one more entry holds the length. */
    private readonly starts: readonly number[],
  ) {}

  /** `text` in chunks; the chunks are views of `text`, so nothing is copied. */
  static of(text: string | TextSource): ChunkedText {
    if (text instanceof ChunkedText) return text;
    const whole = String(text);
    const chunks: string[] = [];
    for (let start = 0; start < whole.length; start += CHUNK) chunks.push(whole.slice(start, start + CHUNK));
    const chunked = new ChunkedText(chunks, startsOf(chunks));
    chunked.whole = whole;
    return chunked;
  }

  get length(): number {
    return this.starts[this.starts.length - 1];
  }

  /** This text with `[start, end)` replaced by `replacement`. */
  splice(start: number, end: number, replacement: string): ChunkedText {
    if (!(start >= 0 && start <= end && end <= this.length)) throw new RangeError(`ChunkedText.splice(${start}, ${end}) outside 0..${this.length}`);
    const first = start === this.length ? this.chunks.length : this.chunkAt(start);
    const last = end === start ? first : this.chunkAt(end - 1);
    const before = first < this.chunks.length ? this.chunks[first].slice(0, start - this.starts[first]) : '';
    const after = last < this.chunks.length ? this.chunks[last].slice(end - this.starts[last]) : '';
    const middle = before + replacement + after;
    const pieces: string[] = [];
    if (middle.length > 2 * CHUNK) for (let at = 0; at < middle.length; at += CHUNK) pieces.push(middle.slice(at, at + CHUNK));
    else if (middle.length) pieces.push(middle);
    const chunks = this.chunks.slice(0, first).concat(pieces, this.chunks.slice(Math.min(last + 1, this.chunks.length)));
    const spliced = new ChunkedText(chunks, startsOf(chunks));
    if (this.absent) {
      for (const needle of this.absent) {
        // An occurrence the old text did not have overlaps the replacement (or, when that is empty, spans the cut).
        const near = spliced.slice(Math.max(0, start - needle.length + 1), start + replacement.length + needle.length - 1);
        if (!near.includes(needle)) spliced.rememberAbsent(needle);
      }
    }
    return spliced;
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    const chunk = this.chunkAt(index);
    return this.chunks[chunk].charCodeAt(index - this.starts[chunk]);
  }

  slice(start = 0, end = this.length): string {
    const length = this.length;
    const from = clampIndex(start, length);
    const to = clampIndex(end, length);
    if (to <= from) return '';
    if (this.whole !== undefined) return this.whole.slice(from, to);
    const first = this.chunkAt(from);
    const offset = from - this.starts[first];
    if (to <= this.starts[first + 1]) return this.chunks[first].slice(offset, to - this.starts[first]);
    let text = this.chunks[first].slice(offset);
    let chunk = first + 1;
    for (; this.starts[chunk + 1] < to; chunk++) text += this.chunks[chunk];
    return text + this.chunks[chunk].slice(0, to - this.starts[chunk]);
  }

  includes(needle: string): boolean {
    if (this.absent?.has(needle)) return false;
    const found = this.whole !== undefined ? this.whole.includes(needle) : this.searchChunks(needle);
    if (!found) this.rememberAbsent(needle);
    return found;
  }

  private searchChunks(needle: string): boolean {
    if (!needle) return true;
    for (let i = 0; i < this.chunks.length; i++) if (this.chunks[i].includes(needle) || this.acrossEdge(i, needle) >= 0) return true;
    return false;
  }

  /** Remembers a needle found nowhere; the engine asks about a handful, so a few are kept at most. */
  private rememberAbsent(needle: string): void {
    this.absent ??= new Set();
    if (this.absent.size < MAX_ABSENT_NEEDLES) this.absent.add(needle);
  }

  lastIndexOf(needle: string, from = Infinity): number {
    if (this.absent?.has(needle)) return -1;
    if (this.whole !== undefined) return this.whole.lastIndexOf(needle, from);
    const start = Math.min(Math.max(Math.trunc(from) || 0, 0), Math.max(0, this.length - needle.length));
    if (!needle) return start;
    if (needle.length > this.length) return -1;
    for (let i = this.chunkAt(start); i >= 0; i--) {
      const chunkStart = this.starts[i];
      // A match across the chunk's end starts later than any inside it.
      const across = this.acrossEdge(i, needle, start);
      if (across >= 0) return across;
      const inside = this.chunks[i].lastIndexOf(needle, start - chunkStart);
      if (inside >= 0) return chunkStart + inside;
    }
    return -1;
  }

  /** The last place at or before `limit` where `needle` occurs across the end of chunk `i` (starting in it, ending in a later one), or -1. */
  private acrossEdge(i: number, needle: string, limit = Infinity): number {
    const edge = this.starts[i + 1];
    if (needle.length < 2 || edge >= this.length) return -1;
    const from = Math.max(this.starts[i], edge - needle.length + 1);
    const last = Math.min(limit, edge - 1);
    if (last < from) return -1;
    const found = this.slice(from, Math.min(this.length, edge + needle.length - 1)).lastIndexOf(needle, last - from);
    return found >= 0 ? from + found : -1;
  }

  /** The whole text as one string, built on first use. */
  toString(): string {
    return (this.whole ??= this.chunks.join(''));
  }

  /** The chunk that holds `offset` (0 <= offset < length). */
  private chunkAt(offset: number): number {
    const starts = this.starts;
    const guess = this.lastChunk;
    if (starts[guess] <= offset && offset < starts[guess + 1]) return guess;
    if (guess + 1 < this.chunks.length && starts[guess + 1] <= offset && offset < starts[guess + 2]) return (this.lastChunk = guess + 1);
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return (this.lastChunk = low);
  }
}

function startsOf(chunks: readonly string[]): number[] {
  const starts = new Array<number>(chunks.length + 1);
  let at = 0;
  for (let i = 0; i < chunks.length; i++) {
    starts[i] = at;
    at += chunks[i].length;
  }
  starts[chunks.length] = at;
  return starts;
}

/** An argument of `slice` as the specification reads it: negative counts from the end. */
function clampIndex(value: number, length: number): number {
  const integer = Math.trunc(value) || 0;
  if (integer < 0) return Math.max(length + integer, 0);
  return Math.min(integer, length);
}

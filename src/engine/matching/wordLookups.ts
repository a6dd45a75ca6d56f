import { APOSTROPHE, isAsciiLetter, isAsciiLetterOrDigit } from '../text/asciiCodes';
import type { TextSource } from '../text/chunkedText';
import type { PhraseStart, VocabularyMatcher } from '../nlp/vocabularyMatcher';
import { wordsOf, wordVariants, type Word } from '../nlp/words';
import { cueMask } from '../nlp/conditions';
import type { Requirement, RequirementIndex } from '../rulebook/prefilter';

/** What reading one word needs from a rulebook, worked out once for each distinct word. */
export interface WordLookup {
  /** The word's look-up forms ("licensee's" -> "licensee's", "licensee"); shared, never changed. */
  readonly variants: readonly string[];
  /** Whether a phrase of the rulebook's vocabulary can start with the word. */
  readonly startsPhrase: boolean;
  /** Where those phrases start in the rulebook's vocabulary (empty when none does). */
  readonly phraseStarts: readonly PhraseStart[];
  /** The rule requirements the word meets through any of its forms, if any. */
  readonly requirements: readonly Requirement[] | undefined;
  /** The condition kinds whose cue the word may be part of (`cueMask`). */
  readonly conditionCues: number;
  /** Another vocabulary's answer to `startsPhrase`, remembered for it (see WordForms.phraseStartMemo); 0 when none. */
  phraseStartMemo: number;
}

/**
 * Every word of every reviewable sentence is looked up in the rulebook: its forms, whether it
 * starts a vocabulary phrase, which rule requirements it meets. A contract uses a few thousand
 * distinct words many times over, so each distinct word is worked out once and the answer kept
 * with the rulebook. The table is emptied when it grows past MAX_WORDS, so that an editor open
 * for days on many documents does not keep every word it ever saw.
 */
export class WordLookups {
  private readonly table = new Map<string, WordLookup>();
  /** The same words again, found by their letters' hash as a sentence is read (see `read`). */
  private readonly interned = new InternedWords();

  constructor(
    private readonly vocabulary: VocabularyMatcher,
    private readonly index: RequirementIndex,
  ) {}

  get(normal: string): WordLookup {
    let lookup = this.table.get(normal);
    if (!lookup) {
      if (this.table.size >= MAX_WORDS) {
        this.table.clear();
        this.interned.clear();
      }
      lookup = this.work(normal);
      this.table.set(normal, lookup);
    }
    return lookup;
  }

  /**
   * The words of `[start, end)` of `text` with each one's look-up. A plain-ASCII sentence is read
   * by character codes, and each word found in the table by a hash of its lower-cased letters
   * worked out on the way, so that a word seen before costs no new string: its `normal` is the
   * one string kept for it. Other sentences are split as `wordsOf` does and looked up by `get`.
   */
  read(text: TextSource, start: number, end: number): { words: Word[]; lookups: WordLookup[] } {
    // A slice is a view of its string, and reading a view's characters costs a look-through each.
    const slice = typeof text === 'string' ? text : text.slice(start, end);
    const base = typeof text === 'string' ? 0 : start;
    const words: Word[] = [];
    const lookups: WordLookup[] = [];
    const interned = this.interned;
    const length = end - base;
    let at = start - base;
    while (at < length) {
      const code = slice.charCodeAt(at);
      if (code > 0x7f) return this.readSplit(text, start, end);
      if (!isAsciiLetterOrDigit(code)) {
        at++;
        continue;
      }
      const wordStart = at;
      let hash = mix(0, lower(code));
      while (++at < length) {
        const next = slice.charCodeAt(at);
        if (!isAsciiLetterOrDigit(next)) break;
        hash = mix(hash, lower(next));
      }
      while (at + 1 < length && slice.charCodeAt(at) === APOSTROPHE && isAsciiLetter(slice.charCodeAt(at + 1))) {
        hash = mix(hash, APOSTROPHE);
        while (++at < length) {
          const next = slice.charCodeAt(at);
          if (!isAsciiLetter(next)) break;
          hash = mix(hash, lower(next));
        }
      }
      hash ^= hash >>> 15;
      let entry = interned.find(hash, slice, wordStart, at);
      if (entry < 0) {
        const normal = slice.slice(wordStart, at).toLowerCase();
        const lookup = this.get(normal); // may empty both tables first, so before adding
        entry = interned.add(hash, normal, lookup);
      }
      words.push({ normal: interned.normals[entry], start: base + wordStart, end: base + at });
      lookups.push(interned.lookups[entry]);
    }
    return { words, lookups };
  }

  private readSplit(text: TextSource, start: number, end: number): { words: Word[]; lookups: WordLookup[] } {
    const words = wordsOf(text, start, end);
    return { words, lookups: words.map((word) => this.get(word.normal)) };
  }

  private work(normal: string): WordLookup {
    const variants = wordVariants(normal);
    let requirements: Requirement[] | undefined;
    for (const variant of variants) {
      for (const requirement of this.index.byWord.get(variant) ?? []) {
        requirements ??= [];
        if (!requirements.includes(requirement)) requirements.push(requirement);
      }
    }
    const phraseStarts = this.vocabulary.phraseStartsOf(normal, variants);
    return { variants, startsPhrase: phraseStarts.length > 0, phraseStarts, requirements, conditionCues: cueMask(normal), phraseStartMemo: 0 };
  }
}

/** Distinct words kept per rulebook: far more than any contract uses (the 510 contracts of CUAD use about 40,000). */
const MAX_WORDS = 200_000;

/**
 * Words by the hash of their lower-cased letters, in an open-addressed table of entry numbers:
 * finding a word compares its letters in the sentence with the kept ones, one by one, and
 * allocates nothing. Every word of a review is looked up here, so the look-up keeps to a little
 * memory: each entry's letters are kept once more, side by side in one byte array, next to its
 * hash (comparing with the kept string followed a pointer to somewhere in the heap for every
 * word), and the last word seen with each of RECENT_SLOTS hash endings is tried first, from a
 * table small enough to stay in the processor's cache: it answers nine look-ups in ten (a quarter
 * of the corpus: 928,000 of 1,024,000). CPU samples over half the corpus, one thread: the
 * look-up's share 5.3% -> 3.0%.
 */
class InternedWords {
  readonly normals: string[] = [];
  readonly lookups: WordLookup[] = [];
  /** Entry number + 1 in each slot; 0 is empty. Kept at most half full. */
  private slots = new Int32Array(1 << 12);
  /**
   * Two numbers per entry: its hash (most hashes lie outside the small integers a plain array
   * holds unboxed), and where its letters start in `letters`; after the last entry, where the
   * next one's would start, so that an entry's letters end where the following entry's start.
   */
  private entries = new Int32Array(1 << 12);
  /** Every entry's lower-cased letters, one after another (the words read this way are ASCII). */
  private letters = new Uint8Array(1 << 14);
  /** Entry number + 1 of the last word found with each hash ending; 0 is none. */
  private recent = new Int32Array(RECENT_SLOTS);

  find(hash: number, text: string, start: number, end: number): number {
    const length = end - start;
    const entries = this.entries;
    const cached = this.recent[hash & (RECENT_SLOTS - 1)] - 1;
    if (cached >= 0) {
      const at = 2 * cached;
      const from = entries[at + 1];
      if (entries[at] === hash && entries[at + 3] - from === length && this.sameLetters(from, length, text, start)) return cached;
    }
    const entry = this.findInSlots(hash, text, start, length);
    if (entry >= 0) this.recent[hash & (RECENT_SLOTS - 1)] = entry + 1;
    return entry;
  }

  private findInSlots(hash: number, text: string, start: number, length: number): number {
    const mask = this.slots.length - 1;
    const entries = this.entries;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) return -1;
      const at = 2 * entry;
      if (entries[at] !== hash) continue;
      const from = entries[at + 1];
      if (entries[at + 3] - from === length && this.sameLetters(from, length, text, start)) return entry;
    }
  }

  add(hash: number, normal: string, lookup: WordLookup): number {
    const entry = this.normals.length;
    this.normals.push(normal);
    this.lookups.push(lookup);
    if (2 * entry + 4 > this.entries.length) this.entries = grown(this.entries, this.entries.length * 2);
    const from = this.entries[2 * entry + 1];
    if (from + normal.length > this.letters.length) this.letters = grown(this.letters, Math.max(this.letters.length * 2, from + normal.length));
    for (let index = 0; index < normal.length; index++) this.letters[from + index] = normal.charCodeAt(index);
    this.entries[2 * entry] = hash;
    this.entries[2 * entry + 3] = from + normal.length;
    if (2 * this.normals.length > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(entry, this.slots);
    return entry;
  }

  clear(): void {
    this.normals.length = 0;
    this.lookups.length = 0;
    this.recent.fill(0);
    this.slots = new Int32Array(1 << 12);
    this.entries = new Int32Array(1 << 12);
    this.letters = new Uint8Array(1 << 14);
  }

  private sameLetters(from: number, length: number, text: string, start: number): boolean {
    const letters = this.letters;
    for (let index = 0; index < length; index++) if (letters[from + index] !== lower(text.charCodeAt(start + index))) return false;
    return true;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    for (let entry = 0; entry < this.normals.length; entry++) this.place(entry, slots);
    this.slots = slots;
  }

  private place(entry: number, slots: Int32Array): void {
    const mask = slots.length - 1;
    let slot = this.entries[2 * entry] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }
}

/** Slots of the recent-word table, a power of two: 16 KB. */
const RECENT_SLOTS = 1 << 12;

/** A copy of `array` with room for `size` elements. */
function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array);
  return larger;
}

function mix(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

/** An ASCII letter, digit or apostrophe lower-cased. */
function lower(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}


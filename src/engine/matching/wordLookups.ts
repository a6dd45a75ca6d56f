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
 * finding a word compares its letters in the sentence with the kept string, one by one, and
 * allocates nothing.
 */
class InternedWords {
  readonly normals: string[] = [];
  readonly lookups: WordLookup[] = [];
  /** Each entry's hash, in an Int32Array: most hashes lie outside the small integers a plain array holds unboxed. */
  private hashes = new Int32Array(1 << 11);
  /** Entry number + 1 in each slot; 0 is empty. Kept at most half full. */
  private slots = new Int32Array(1 << 12);

  find(hash: number, text: string, start: number, end: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] === hash && sameLowerCase(this.normals[entry], length, text, start)) return entry;
    }
  }

  add(hash: number, normal: string, lookup: WordLookup): number {
    const entry = this.normals.length;
    this.normals.push(normal);
    this.lookups.push(lookup);
    if (entry === this.hashes.length) {
      const grown = new Int32Array(entry * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[entry] = hash;
    if (2 * this.normals.length > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(entry, this.slots);
    return entry;
  }

  clear(): void {
    this.normals.length = 0;
    this.lookups.length = 0;
    this.hashes = new Int32Array(1 << 11);
    this.slots = new Int32Array(1 << 12);
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    for (let entry = 0; entry < this.normals.length; entry++) this.place(entry, slots);
    this.slots = slots;
  }

  private place(entry: number, slots: Int32Array): void {
    const mask = slots.length - 1;
    let slot = this.hashes[entry] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }
}

function sameLowerCase(normal: string, length: number, text: string, start: number): boolean {
  if (normal.length !== length) return false;
  for (let index = 0; index < length; index++) if (normal.charCodeAt(index) !== lower(text.charCodeAt(start + index))) return false;
  return true;
}

function mix(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

/** An ASCII letter, digit or apostrophe lower-cased. */
function lower(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}


import { phraseWords, wordVariants, type Word } from './words';

/** A place where a vocabulary phrase occurs. */
export interface ConceptHit {
  concept: string;
  start: number;
  end: number;
  /** Index of the first and one past the last matched word. */
  firstWord: number;
  lastWord: number;
}

/** A word's look-up forms ("licensee's", "licensee") and, when known, whether a phrase of the vocabulary can start with it. */
export interface WordForms {
  readonly variants: readonly string[];
  /** Where the word's phrases start in the vocabulary, when worked out against it (`phraseStartsOf`). */
  readonly phraseStarts?: readonly PhraseStart[];
  /**
   * `find`'s memo of `mayStartPhrase` for the last vocabulary that asked about the word: that
   * vocabulary's serial number times two, plus one if a phrase can start with the word. Look-ups
   * are shared by every sentence of a document, so a document's own vocabulary asks about each
   * distinct word once rather than at every occurrence.
   */
  phraseStartMemo?: number;
}

/** Serial numbers of vocabularies, for WordForms.phraseStartMemo; a vocabulary takes a new one whenever it changes. */
let nextSerial = 1;

/** A place in a vocabulary's trie just after a phrase's first word; only the vocabulary reads it. */
export type PhraseStart = TrieNode;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Words that end with `*` in the vocabulary: any word starting with the prefix matches. */
  prefixes: PrefixEdge[];
  /** The concepts whose phrase ends here, each once, in the order they were added. */
  concepts: string[];
}

interface PrefixEdge {
  prefix: string;
  /** The prefix's first character code: most words are ruled out by it alone. */
  initial: number;
  node: TrieNode;
}

function newNode(): TrieNode {
  return { children: new Map(), prefixes: [], concepts: [] };
}

/**
 * A trie over the words of every vocabulary phrase. It finds all concept occurrences in a list
 * of words in one pass, whatever the number of phrases; plural and possessive forms of a word
 * match the word ("Improvements", "Licensee's"), and `licen*` matches any word that starts so.
 */
export class VocabularyMatcher {
  private readonly root = newNode();
  private serial = nextSerial++;

  add(concept: string, phrase: string): void {
    const words = phraseWords(phrase.replace(/\*$/, ''));
    if (!words.length) return;
    const prefixLast = phrase.trim().endsWith('*');
    let node = this.root;
    words.forEach((word, index) => {
      const isPrefix = prefixLast && index === words.length - 1;
      if (isPrefix) {
        let entry = node.prefixes.find((candidate) => candidate.prefix === word);
        if (!entry) {
          entry = { prefix: word, initial: word.charCodeAt(0), node: newNode() };
          node.prefixes.push(entry);
        }
        node = entry.node;
      } else {
        let child = node.children.get(word);
        if (!child) {
          child = newNode();
          node.children.set(word, child);
        }
        node = child;
      }
    });
    if (!node.concepts.includes(concept)) node.concepts.push(concept);
    this.serial = nextSerial++; // answers remembered before this phrase no longer hold
  }

  /**
   * Every occurrence of every concept in `words` (overlapping occurrences included). `forms`
   * holds each word's look-up forms (`variants`), when the caller has them already, and, when
   * `knowsStarts`, where its phrases start (`phraseStarts`, worked out against this vocabulary).
   */
  find(words: Word[], forms: readonly WordForms[] = words.map((word) => ({ variants: wordVariants(word.normal) })), knowsStarts = false): ConceptHit[] {
    const hits: ConceptHit[] = [];
    const root = this.root;
    for (let first = 0; first < words.length; first++) {
      // Most words start no phrase: test that before walking.
      if (knowsStarts) {
        // The walk's first step from the root, taken once for each distinct word.
        const starts = forms[first].phraseStarts!;
        for (let i = 0; i < starts.length; i++) this.walk(words, forms, first, first + 1, starts[i], hits);
        continue;
      }
      if (!this.mayStartRemembered(words[first].normal, forms[first])) continue;
      this.walk(words, forms, first, first, root, hits);
    }
    return hits;
  }

  /** mayStartPhrase, remembered on the word's forms (see WordForms.phraseStartMemo). */
  private mayStartRemembered(normal: string, forms: WordForms): boolean {
    const memo = forms.phraseStartMemo;
    if (memo !== undefined && memo >> 1 === this.serial) return (memo & 1) === 1;
    const starts = this.mayStartPhrase(normal, forms.variants);
    forms.phraseStartMemo = this.serial * 2 + (starts ? 1 : 0);
    return starts;
  }

  /**
   * The nodes a walk reaches from the root on the word whose look-up forms are `variants`, in the
   * order it reaches them: a child for each variant, then each prefix word (`licen*`) it starts with.
   */
  phraseStartsOf(normal: string, variants: readonly string[]): PhraseStart[] {
    const starts: PhraseStart[] = [];
    for (const variant of variants) {
      const child = this.root.children.get(variant);
      if (child) starts.push(child);
    }
    for (const edge of this.root.prefixes) if (startsWithPrefix(normal, edge)) starts.push(edge.node);
    return starts;
  }

  /** Whether a phrase can start with the word whose look-up forms are `variants`. */
  mayStartPhrase(normal: string, variants: readonly string[]): boolean {
    const root = this.root;
    return startsAPhrase(root, variants) || root.prefixes.some((edge) => startsWithPrefix(normal, edge));
  }

  private walk(words: Word[], forms: readonly WordForms[], first: number, at: number, node: TrieNode, hits: ConceptHit[]): void {
    if (at > first) {
      const concepts = node.concepts;
      for (let i = 0; i < concepts.length; i++) {
        hits.push({ concept: concepts[i], start: words[first].start, end: words[at - 1].end, firstWord: first, lastWord: at });
      }
    }
    if (at >= words.length) return;
    // Variants are distinct strings, so each leads to a different child.
    const variants = forms[at].variants;
    for (let i = 0; i < variants.length; i++) {
      const child = node.children.get(variants[i]);
      if (child) this.walk(words, forms, first, at + 1, child, hits);
    }
    const prefixes = node.prefixes;
    if (!prefixes.length) return;
    const normal = words[at].normal;
    for (let i = 0; i < prefixes.length; i++) if (startsWithPrefix(normal, prefixes[i])) this.walk(words, forms, first, at + 1, prefixes[i].node, hits);
  }
}

/** Whether `normal` starts with a prefix word (`licen*`); the first character rules most words out. */
function startsWithPrefix(normal: string, edge: PrefixEdge): boolean {
  return normal.charCodeAt(0) === edge.initial && normal.startsWith(edge.prefix);
}

function startsAPhrase(root: TrieNode, variants: readonly string[]): boolean {
  for (let i = 0; i < variants.length; i++) if (root.children.has(variants[i])) return true;
  return false;
}

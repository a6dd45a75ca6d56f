import type { TextSource } from '../text/chunkedText';
import type { Span } from '../text/spans';
import { loadNlp } from './compromise';
import type { ConceptHit } from './vocabularyMatcher';
import type { Word } from './words';

/** One term of a sentence, with offsets into the whole document. */
export interface Token extends Span {
  index: number;
  /** The term as written. */
  text: string;
  /** Lower case, without punctuation ("licensee's", "[***]"). */
  normal: string;
  /** `normal` without a possessive "'s" ("licensee"). */
  bare: string;
  /** Punctuation and white space before the term (`(`, `"`). */
  pre: string;
  /** Punctuation and white space after the term (`, `, `; `). */
  post: string;
  /**
   * Vocabulary concepts (`Technology`, `Party`) and, where a rule needs them, compromise's
   * part-of-speech tags. Most tokens have none and share one empty set; `addTag` gives a token
   * its own set.
   */
  tags: ReadonlySet<string>;
}

const NO_TAGS: ReadonlySet<string> = new Set<string>();

/**
 * The normal form of token `index`, or "" before the first token and past the last. The clause
 * readers look a few tokens ahead and behind on every token of every candidate sentence; asking
 * this rather than `tokens[index]?.normal` keeps their reads in bounds and their values strings,
 * so that the optimised code V8 makes of them is not thrown away at the first sentence end.
 */
export function normalAt(tokens: readonly Token[], index: number): string {
  return index >= 0 && index < tokens.length ? tokens[index].normal : '';
}

/** Adds a tag to a token, giving it a set of its own the first time. */
function addTag(token: Token, tag: string): void {
  if (token.tags === NO_TAGS) token.tags = new Set([tag]);
  else (token.tags as Set<string>).add(tag);
}

/** A sentence as its terms, with our vocabulary tags added. */
export interface SentenceDoc extends Span {
  tokens: Token[];
}

/** A redaction ("[***]", "[ * ]") reads as a name: "[***] shall assign ..." has an actor. */
const REDACTION = /\[\s*\*+\s*\]|\*{3,}/g;

/**
 * Turns one sentence into terms and tags them with the vocabulary concepts found in it. The
 * terms are the sentence's words (the same words the prefilter read), so reading a sentence costs
 * no parsing at all; compromise's part-of-speech tagger runs only when a rule that will look at
 * this sentence uses part-of-speech tags (`withTagger`), and its tags are laid onto the terms.
 */
export function buildSentenceDoc(analysisText: TextSource, span: Span, words: readonly Word[], hits: ConceptHit[], withTagger: boolean): SentenceDoc {
  const terms = joinReferences(analysisText, withRedactions(analysisText, span, words));
  const tokens: Token[] = new Array(terms.length);
  let previousEnd = span.start;
  let pre = '';
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    const nextStart = i + 1 < terms.length ? terms[i + 1].start : span.end;
    const gap = analysisText.slice(term.end, nextStart);
    const split = splitGap(gap, i + 1 === terms.length);
    if (i === 0) pre = analysisText.slice(previousEnd, term.start);
    tokens[i] = { index: i, text: analysisText.slice(term.start, term.end), normal: term.normal, bare: term.normal.endsWith("'s") ? term.normal.slice(0, -2) : term.normal, pre, post: gap.slice(0, split), tags: NO_TAGS, start: term.start, end: term.end };
    pre = gap.slice(split);
    previousEnd = term.end;
  }
  if (withTagger) addPartsOfSpeech(analysisText, span, tokens);
  tagConcepts(tokens, hits);
  return { start: span.start, end: span.end, tokens };
}

/** The sentence's words with its redactions in place, in text order. */
function withRedactions(text: TextSource, span: Span, words: readonly Word[]): readonly Word[] {
  const slice = text.slice(span.start, span.end);
  if (!slice.includes('*')) return words;
  const redactions: Word[] = [];
  REDACTION.lastIndex = 0;
  for (let match = REDACTION.exec(slice); match; match = REDACTION.exec(slice)) {
    redactions.push({ normal: match[0].replace(/\s+/g, ''), start: span.start + match.index, end: span.start + match.index + match[0].length });
  }
  if (!redactions.length) return words;
  return [...words, ...redactions].sort((a, b) => a.start - b.start);
}

/** A number's continuation: ".01", ",000", "(b)", "(iv)" written right after it. */
const NUMBER_CONTINUATION = /^\)?(?:[.,]\d|\([a-z0-9]{1,4}\))/i;

/**
 * "7.01(b)(2)", "10,000", "Section 365(n)": a number and what is written onto it are one term, as
 * they are for compromise, so that "(b)" inside a reference is not read as an enumerator.
 */
function joinReferences(text: TextSource, words: readonly Word[]): readonly Word[] {
  let joined: Word[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    let end = i;
    if (/\d/.test(word.normal)) {
      while (end + 1 < words.length && NUMBER_CONTINUATION.test(text.slice(words[end].end, words[end + 1].end + 1))) end++;
    }
    if (end === i) {
      joined?.push(word);
      continue;
    }
    joined ??= words.slice(0, i);
    const last = words[end];
    // A closing bracket belongs to the reference when an opening one comes after its first character.
    const close = text.slice(last.end, last.end + 1) === ')' && text.slice(word.start + 1, last.start + 1).includes('(') ? 1 : 0;
    joined.push({ normal: text.slice(word.start, last.end + close).toLowerCase(), start: word.start, end: last.end + close });
    i = end;
  }
  return joined ?? words;
}

/**
 * Where the text between two terms divides into the first one's `post` and the second one's
 * `pre`: after the last white space (`, "` -> `, ` + `"`), else before an opening bracket or
 * quote (`)(` -> `)` + `(`), else all of it is `post` (`-` in "royalty-free").
 */
function splitGap(gap: string, last: boolean): number {
  if (last) return gap.length;
  for (let i = gap.length - 1; i >= 0; i--) if (/\s/.test(gap[i])) return i + 1;
  const opening = gap.search(/[([{"“'‘]/);
  return opening < 0 ? gap.length : opening;
}

/** Runs compromise's tagger on the sentence and adds each term's part-of-speech tags to the tokens it overlaps. */
function addPartsOfSpeech(analysisText: TextSource, span: Span, tokens: Token[]): void {
  if (!tokens.length) return;
  // compromise splits sentences at ". " itself; the document model has already decided where sentences end.
  const text = analysisText.slice(span.start, span.end).replace(/[.?!](?=\s+\S)/g, ' ');
  const view = loadNlp()(text);
  view.compute('offset');
  let first = 0;
  for (const sentence of view.docs as unknown as { tags: Set<string>; offset?: { start: number; length: number } }[][]) {
    for (const term of sentence) {
      if (!term.offset) continue;
      const start = span.start + term.offset.start;
      const end = start + Math.max(1, term.offset.length);
      while (first < tokens.length && tokens[first].end <= start) first++;
      for (let i = first; i < tokens.length && tokens[i].start < end; i++) for (const tag of term.tags) addTag(tokens[i], tag);
    }
  }
}

/** One token list for two sentences read together (a lead-in and its item); offsets stay those of the document. */
export function joinSentenceDocs(first: SentenceDoc, second: SentenceDoc): SentenceDoc {
  // Built as buildSentenceDoc builds tokens, so that both kinds share one hidden class.
  const tokens = first.tokens.concat(
    second.tokens.map((token, k) => ({ index: first.tokens.length + k, text: token.text, normal: token.normal, bare: token.bare, pre: token.pre, post: token.post, tags: token.tags, start: token.start, end: token.end })),
  );
  return { start: first.start, end: second.end, tokens };
}

/** "(b)", "ii)", "(3)": an enumerator inside a sentence. */
export function isInlineEnumerator(token: Token): boolean {
  // Asked of every token of a candidate sentence: the tests that allocate nothing go first.
  const closed = token.text.endsWith(')') || /^\s*\)/.test(token.post);
  if (!closed) return false;
  const opened = token.text.startsWith('(') || /\(\s*$/.test(token.pre) || /^\s*$/.test(token.pre);
  return opened && /^(?:[a-h]|[ivx]{1,4}|\d{1,2})$/i.test(token.text.replace(/^\(|\)$/g, ''));
}

/** Adds each concept's tag to the terms its occurrences overlap. */
function tagConcepts(tokens: Token[], hits: ConceptHit[]): void {
  if (!hits.length || !tokens.length) return;
  const sorted = [...hits].sort((a, b) => a.start - b.start);
  let first = 0;
  for (const hit of sorted) {
    while (first < tokens.length && tokens[first].end <= hit.start) first++;
    for (let i = first; i < tokens.length && tokens[i].start < hit.end; i++) addTag(tokens[i], hit.concept);
  }
}

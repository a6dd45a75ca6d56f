import type { Span } from '../text/spans';
import { loadNlp, type NlpView } from './compromise';
import type { ConceptHit } from './vocabularyMatcher';

/** One compromise term, with offsets into the whole document. */
export interface Token extends Span {
  index: number;
  /** The term as written. */
  text: string;
  /** compromise's normal form: lower case, without punctuation. */
  normal: string;
  /** Punctuation and white space before the term (`(`, `"`). */
  pre: string;
  /** Punctuation and white space after the term (`, `, `; `). */
  post: string;
  /** The term's tags; the same Set compromise matches against. */
  tags: Set<string>;
}

/** A sentence as compromise sees it, with our vocabulary tags added. */
export interface SentenceDoc extends Span {
  view: NlpView;
  tokens: Token[];
}

interface CompromiseTerm {
  text: string;
  normal: string;
  pre: string;
  post: string;
  tags: Set<string>;
  offset?: { start: number; length: number };
}

/** compromise splits sentences at ". " itself; the document model has already decided where sentences end. */
const INNER_SENTENCE_END = /[.?!](?=\s+\S)/g;

/**
 * Parses one sentence with compromise and tags its terms with the vocabulary concepts found
 * in it. Tokenising is cheap; the part-of-speech tagger runs only when a rule that will look at
 * this sentence uses part-of-speech tags (`withTagger`).
 */
export function buildSentenceDoc(analysisText: string, span: Span, hits: ConceptHit[], withTagger: boolean): SentenceDoc {
  const nlp = loadNlp();
  const text = analysisText.slice(span.start, span.end).replace(INNER_SENTENCE_END, ' ');
  const view = withTagger ? nlp(text) : nlp.tokenize(text);
  view.compute('offset');
  const tokens: Token[] = [];
  for (const sentence of view.docs as unknown as CompromiseTerm[][]) {
    for (const term of sentence) {
      const start = span.start + (term.offset?.start ?? 0);
      tokens.push({ index: tokens.length, text: term.text, normal: term.normal, pre: term.pre, post: term.post, tags: term.tags, start, end: start + (term.offset?.length ?? term.text.length) });
    }
  }
  tagConcepts(tokens, hits);
  return { start: span.start, end: span.end, view, tokens };
}

/** One token list for two sentences read together (a lead-in and its item); offsets stay those of the document. */
export function joinSentenceDocs(first: SentenceDoc, second: SentenceDoc): SentenceDoc {
  const tokens = first.tokens.concat(second.tokens.map((token, k) => ({ ...token, index: first.tokens.length + k })));
  return { start: first.start, end: second.end, view: second.view, tokens };
}

/** "(b)", "ii)", "(3)": an enumerator inside a sentence, however compromise split its brackets. */
export function isInlineEnumerator(token: Token): boolean {
  const bare = token.text.replace(/^\(|\)$/g, '');
  const closed = token.text.endsWith(')') || token.post.trimStart().startsWith(')');
  const opened = token.text.startsWith('(') || /\(\s*$/.test(token.pre) || /^\s*$/.test(token.pre);
  return closed && opened && /^(?:[a-h]|[ivx]{1,4}|\d{1,2})$/i.test(bare);
}

/** Adds each concept's tag to the terms its occurrences overlap. */
function tagConcepts(tokens: Token[], hits: ConceptHit[]): void {
  if (!hits.length || !tokens.length) return;
  const sorted = [...hits].sort((a, b) => a.start - b.start);
  let first = 0;
  for (const hit of sorted) {
    while (first < tokens.length && tokens[first].end <= hit.start) first++;
    for (let i = first; i < tokens.length && tokens[i].start < hit.end; i++) tokens[i].tags.add(hit.concept);
  }
}

/** Finds the tokens covered by a compromise match, by the offsets of its terms. */
export function tokenRange(tokens: Token[], start: number, end: number): { first: number; last: number } | undefined {
  let first = -1;
  let last = -1;
  for (const token of tokens) {
    if (token.end <= start) continue;
    if (token.start >= end) break;
    if (first < 0) first = token.index;
    last = token.index;
  }
  return first < 0 ? undefined : { first, last };
}

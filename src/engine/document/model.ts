import { LineIndex } from '../text/lineIndex';
import type { TextSource } from '../text/chunkedText';
import { trimSpan, type Span } from '../text/spans';
import { isRegExpWordChar } from '../text/asciiCodes';
import { isJsWhiteSpace } from '../text/whiteSpace';
import { buildAnalysisText } from './analysisText';
import { groupBlocks, type LayoutBlock } from './clauses';
import type { RawLine } from './lines';
import { definedTermsOf, findDefinitionMatches, type DefinedTerm, type DefinitionMatches } from './definedTerms';
import { classifyDocument, type DocumentKind } from './documentKind';
import { splitLines } from './lines';
import { readPageArtifacts, type PageArtifactReading } from './pageArtifacts';
import { readParties, type Party } from './parties';
import { buildSections, type Section, type SectionTitleCache } from './sections';
import { splitSentences } from './sentences';

/** A sentence, or an enumerated sub-clause: the unit rules are matched against. */
export interface Sentence extends Span {
  index: number;
  /** The clause (paragraph or numbered block) the sentence belongs to. */
  clauseIndex: number;
  /** `heading` sentences are titles and are not reviewed. */
  kind: 'sentence' | 'item' | 'heading';
  /** For an enumerated sub-clause, the sentence that introduces the list ("Licensee shall:"). */
  leadIn?: number;
  /** A definition (`"Licensed Technology" means ...`) that states no obligation of its own. */
  isDefinition?: boolean;
  /** A recital ("WHEREAS ...", or in a Background section): it describes, it does not oblige. */
  isRecital?: boolean;
}

export interface Clause extends Span {
  /** The clause number or letter as written: `2.3`, `(b)`, `Article 5`. */
  label?: string;
  bodyStart: number;
  isHeading: boolean;
  sentences: number[];
  /** The innermost section that contains the clause, if any. */
  sectionIndex?: number;
}

/** The document model: everything the rules need to know about a contract's layout. */
export interface ContractDocument {
  /** The contract as given. In a document parsed incrementally it is built on first use: read `source` where offsets suffice. */
  readonly text: string;
  /** `text`, readable by offsets without building it (see ChunkedText). */
  source: TextSource;
  /**
   * The text with layout (line breaks, page headers, markup) replaced one-for-one by spaces. In a
   * document parsed incrementally it is built on first use: read `analysis` where offsets suffice.
   */
  readonly analysisText: string;
  /** `analysisText`, readable by offsets without building it (see ChunkedText). */
  analysis: TextSource;
  lines: LineIndex;
  pageArtifacts: Span[];
  sections: Section[];
  clauses: Clause[];
  sentences: Sentence[];
  definedTerms: DefinedTerm[];
  parties: Party[];
  kinds: DocumentKind[];
}

/** The longest sentence handed to NLP; longer runs (tables, lists without periods) are cut at `;`. */
const MAX_SENTENCE_LENGTH = 3000;

/**
 * Parses contract text (Markdown or plain text, hard-wrapped or not) into sections, clauses,
 * sentences, defined terms and parties, all with exact UTF-16 offsets into `text`.
 */
export function parseDocument(text: string): ContractDocument {
  return parseDocumentWithState(text).document;
}

/** What parsing learnt on the way to the document model, kept so that an edit can be parsed incrementally. */
export interface ParseState {
  lines: RawLine[];
  pages: PageArtifactReading;
  blocks: LayoutBlock[];
  /** Every match of the definition patterns, from which the defined terms are read. */
  definitions: DefinitionMatches;
  /** How far the search for the parties' preamble read (see `sameParties`). */
  preambleReach: number;
  /** The titles of the blocks that open sections, once an incremental parse has read them. */
  sectionTitles?: SectionTitleCache;
}

export interface ParsedDocument {
  document: ContractDocument;
  state: ParseState;
  /** Whether this parse reused an earlier one (see reparseDocument). */
  incremental: boolean;
  /** For an incremental parse, each sentence's index in the earlier document, or -1 for a sentence of the edited blocks. */
  origins?: number[];
}

export function parseDocumentWithState(text: string): ParsedDocument {
  return runSteps(parseInSteps(text));
}

/**
 * Parses `text` in steps: the generator pauses between the stages of parsing, so that an editor
 * can yield to other work while a long document is parsed for the first time. Each stage takes a
 * few tens of milliseconds on a 300-page agreement.
 */
export function* parseInSteps(text: string): Generator<void, ParsedDocument> {
  const rawLines = splitLines(text);
  const pages = readPageArtifacts(text, rawLines);
  yield;
  const pageArtifacts = pages.artifacts;
  const analysisText = buildAnalysisText(text, pageArtifacts);
  yield;
  const blocks = groupBlocks(analysisText, rawLines, pageArtifacts);
  const sections = buildSections(analysisText, blocks, text.length);
  yield;
  const { clauses, sentences } = buildClauses(analysisText, blocks, sections);
  yield;
  const definitions = findDefinitionMatches(analysisText);
  const definedTerms = definedTermsOf(definitions, (offset) => findContaining(sentences, offset));
  yield;
  const { parties, preambleReach } = readParties(analysisText);
  const document: ContractDocument = {
    text,
    source: text,
    analysisText,
    analysis: analysisText,
    lines: lineIndexOf(text, rawLines),
    pageArtifacts,
    sections,
    clauses,
    sentences,
    definedTerms,
    parties,
    kinds: classifyDocument(analysisText),
  };
  return { document, state: { lines: rawLines, pages, blocks, definitions, preambleReach }, incremental: false };
}

/** The line index of `text`, from the lines parsing already found. */
export function lineIndexOf(text: TextSource, lines: RawLine[]): LineIndex {
  return LineIndex.fromLineStarts(
    text,
    lines.map((line) => line.start),
  );
}

/** Runs a stepwise computation to its end without pausing. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The blocks an incremental parse kept from the last parse, by their index in the new block list:
 * those before `restart` are where they were, those from `firstAfter` on are the last parse's
 * from `resume` on, moved by `delta`. Their clauses and sentences are the last parse's.
 */
export interface KeptBlocks {
  clauses: readonly Clause[];
  sentences: readonly Sentence[];
  restart: number;
  firstAfter: number;
  resume: number;
  delta: number;
}

/**
 * Splits blocks into clauses and sentences. A block `kept` from the last parse keeps the clause
 * and sentences it had, so that an incremental parse does not split them again; what depends on
 * the blocks around it (sections, lead-ins, recitals) is worked out afresh either way. A kept
 * clause and its sentences are the same objects, changed in place: the document they came from
 * must not be read again.
 */
export function buildClauses(
  analysisText: TextSource,
  blocks: LayoutBlock[],
  sections: Section[],
  kept?: KeptBlocks,
): { clauses: Clause[]; sentences: Sentence[]; origins: number[] } {
  const clauses: Clause[] = [];
  const sentences: Sentence[] = [];
  const origins: number[] = [];
  let leadIn: number | undefined;
  let sectionCursor = 0;
  for (let blockIndex = 0; blockIndex < blocks.length; blockIndex++) {
    const block = blocks[blockIndex];
    while (sectionCursor + 1 < sections.length && sections[sectionCursor + 1].start <= block.start) sectionCursor++;
    const sectionIndex = innermostSection(sections, sectionCursor, block.start);
    const clauseIndex = clauses.length;
    const isItem = block.enumerator !== undefined && !block.isHeading;
    const sectionTitle = sections[sectionIndex ?? -1]?.title;
    if (kept && (blockIndex < kept.restart || blockIndex >= kept.firstAfter)) {
      const moved = blockIndex < kept.restart ? kept.clauses[blockIndex] : kept.clauses[blockIndex - kept.firstAfter + kept.resume];
      const delta = blockIndex < kept.restart ? 0 : kept.delta;
      clauses.push(moveClause(moved, kept.sentences, delta, block, clauseIndex, sectionIndex, isItem ? leadIn : undefined, analysisText, sectionTitle, sentences, origins));
      leadIn = nextLeadIn(analysisText, block, sentences, leadIn);
      continue;
    }
    const clause: Clause = { start: block.start, end: block.end, label: block.enumerator?.label, bodyStart: block.bodyStart, isHeading: block.isHeading, sentences: [], sectionIndex };
    clauses.push(clause);
    const parts = readSentences(analysisText, block, isItem);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      // Every sentence has every property, so that code reading sentences sees one hidden class.
      const sentence: Sentence = { start: part.start, end: part.end, index: sentences.length, clauseIndex, kind: part.kind, leadIn: undefined, isDefinition: undefined, isRecital: undefined };
      if (part.isDefinition) sentence.isDefinition = true;
      if (isRecital(analysisText, sentence, sectionTitle)) sentence.isRecital = true;
      if (isItem && leadIn !== undefined && k === 0) sentence.leadIn = leadIn;
      sentences.push(sentence);
      origins.push(-1);
      clause.sentences.push(sentence.index);
    }
    leadIn = nextLeadIn(analysisText, block, sentences, leadIn);
  }
  return { clauses, sentences, origins };
}

/**
 * A kept block's clause and sentences, moved to where the block is now and numbered for their
 * new places. An edit moves every block after it, on every keystroke: new objects for them all
 * were most of what each edit allocated and most of what the garbage collector then had to copy.
 * Their text did not change, so their kind, label and definition reading stay; what depends on
 * the blocks around them is set again.
 */
function moveClause(
  clause: Clause,
  lastSentences: readonly Sentence[],
  delta: number,
  block: LayoutBlock,
  clauseIndex: number,
  sectionIndex: number | undefined,
  leadIn: number | undefined,
  analysisText: TextSource,
  sectionTitle: string | undefined,
  sentences: Sentence[],
  origins: number[],
): Clause {
  // Every block after an edit comes here on every keystroke: plain loops, no closures.
  clause.start = block.start;
  clause.end = block.end;
  clause.bodyStart = block.bodyStart;
  clause.sectionIndex = sectionIndex;
  const indexes = clause.sentences;
  for (let k = 0; k < indexes.length; k++) {
    const sentence = lastSentences[indexes[k]];
    origins.push(indexes[k]);
    sentence.start += delta;
    sentence.end += delta;
    sentence.index = sentences.length;
    sentence.clauseIndex = clauseIndex;
    sentence.leadIn = k === 0 ? leadIn : undefined;
    sentence.isRecital = isRecital(analysisText, sentence, sectionTitle) ? true : undefined;
    indexes[k] = sentence.index;
    sentences.push(sentence);
  }
  return clause;
}

type SentenceReading = Omit<Sentence, 'index' | 'clauseIndex'>;

/** The sentences of one block, with what can be known from the block alone. */
function readSentences(analysisText: TextSource, block: LayoutBlock, isItem: boolean): SentenceReading[] {
  const spans = block.isHeading ? [{ start: block.bodyStart, end: block.end }] : splitLong(analysisText, splitSentences(analysisText, block.bodyStart, block.end));
  const read: SentenceReading[] = [];
  for (const span of spans) {
    if (span.end <= span.start) continue;
    const kind: Sentence['kind'] = block.isHeading || (span === spans[0] && isRunInTitle(analysisText, span, block)) || isTableOfContents(analysisText, span) ? 'heading' : isItem ? 'item' : 'sentence';
    const sentence: SentenceReading = { start: span.start, end: span.end, kind };
    if (isPureDefinition(analysisText.slice(span.start, span.end))) sentence.isDefinition = true;
    read.push(sentence);
  }
  return read;
}

/** A sentence ending in ":" introduces the enumerated items that follow it, until the list ends. */
function nextLeadIn(analysisText: TextSource, block: LayoutBlock, sentences: Sentence[], current: number | undefined): number | undefined {
  const last = sentences[sentences.length - 1];
  if (!last || block.isHeading) return undefined;
  // The sentence's last few characters without trailing white space, read by character code:
  // this runs for every block of every parse and of every edit, and slicing made two strings each time.
  const from = Math.max(last.start, last.end - LEAD_IN_TAIL);
  let end = last.end;
  while (end > from && isJsWhiteSpace(analysisText.charCodeAt(end - 1))) end--;
  if (end === from) return undefined;
  const final = analysisText.charCodeAt(end - 1);
  if (final === 0x3a || final === 0x2014 || final === 0x2d) return last.index; // ":", "—", "-": a list follows
  const continues = final === 0x3b || final === 0x2c || endsWithWord(analysisText, from, end, 'and') || endsWithWord(analysisText, from, end, 'or'); // ";", ",", "and", "or"
  return current !== undefined && block.enumerator && continues ? current : undefined;
}

/** Characters at the end of a sentence that say whether a list follows it (or goes on after it). */
const LEAD_IN_TAIL = 6;

/** Whether `[from, end)` ends with `word` as a whole word (`\bword$`; `from` counts as a boundary). */
function endsWithWord(text: TextSource, from: number, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < from) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return start === from || !isRegExpWordChar(text.charCodeAt(start - 1));
}

function innermostSection(sections: Section[], cursor: number, offset: number): number | undefined {
  for (let i = Math.min(cursor, sections.length - 1); i >= 0; i--) {
    if (sections[i].start <= offset && offset < sections[i].end) return i;
  }
  return undefined;
}

/** Cuts sentences longer than NLP should take at `;` (or at white space as a last resort). */
function splitLong(analysisText: TextSource, spans: Span[]): Span[] {
  const result: Span[] = [];
  for (const span of spans) {
    let start = span.start;
    while (span.end - start > MAX_SENTENCE_LENGTH) {
      const window = analysisText.slice(start, start + MAX_SENTENCE_LENGTH);
      let cut = window.lastIndexOf('; ');
      if (cut < MAX_SENTENCE_LENGTH / 3) cut = window.lastIndexOf(' ');
      if (cut < MAX_SENTENCE_LENGTH / 3) cut = MAX_SENTENCE_LENGTH - 1;
      if (isHighSurrogate(analysisText.charCodeAt(start + cut))) cut--;
      const piece = trimSpan(analysisText, { start, end: start + cut + 1 });
      if (piece.end > piece.start) result.push(piece);
      start += cut + 1;
      while (start < span.end && analysisText.charCodeAt(start) === 32) start++;
    }
    if (span.end > start) result.push({ start, end: span.end });
  }
  return result;
}

/** Binary search for the span that contains `offset` in a sorted, non-overlapping list. */
export function findContaining<T extends Span>(spans: T[], offset: number): T | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (spans[mid].end <= offset) low = mid + 1;
    else if (spans[mid].start > offset) high = mid - 1;
    else return spans[mid];
  }
  return undefined;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const ENUMERATOR_PREFIX = String.raw`(?:\(?[a-z0-9]{1,4}[.)]\s+|[0-9]{1,3}(?:\.[0-9]{1,3})+\.?\s+)?`;
const QUOTE = String.raw`["'\u201c\u201d\u2018\u2019]`;
const NOT_QUOTE = String.raw`[^"'\u201c\u201d\u2018\u2019]`;
const DEFINING_VERB = String.raw`(?:shall\s+|will\s+)?(?:means?|has\s+the\s+meaning|shall\s+have\s+the\s+meaning|refers?\s+to)`;
/** `"X" means`, `"X" or "Y" shall mean`, `"X" of a Party means`, `"X" (including "Xs"), in the context of ..., means`. */
const QUOTED_DEFINITION = new RegExp(String.raw`^${ENUMERATOR_PREFIX}${QUOTE}${NOT_QUOTE}{1,80}${QUOTE}\s*(?:(?:,|or|and)\s*${QUOTE}${NOT_QUOTE}{1,80}${QUOTE}\s*)*(?:[^"';.\u201c\u201d]{0,120}?\b${DEFINING_VERB}\b|:)`, 'i');
/** `The term "X" shall mean`, `As used in this Agreement, the term "X" means`. */
const TERM_DEFINITION = new RegExp(String.raw`^${ENUMERATOR_PREFIX}(?:as\s+used\s+(?:in\s+this\s+\w+|herein),?\s+)?the\s+(?:term|expression|word)s?\s+${QUOTE}${NOT_QUOTE}{1,80}${QUOTE}[^"';.\u201c\u201d]{0,80}?\b${DEFINING_VERB}\b`, 'i');
/** A glossary line: `Software - the Licensed Programs ...`, `Order: any purchase order ...`. */
const GLOSSARY_DEFINITION = new RegExp(String.raw`^${ENUMERATOR_PREFIX}(?:[A-Z0-9][\w'&/()-]*\s+){0,5}[A-Z0-9][\w'&/()-]*\s*(?:\s[-\u2013\u2014]|:)\s+(?:the|a|an|any|all|each|collectively)\b`);
const DEFINITION_STARTS = [QUOTED_DEFINITION, TERM_DEFINITION, GLOSSARY_DEFINITION];
const OWN_OBLIGATION = /\b(?:shall|will|must|hereby)\b(?!\s+(?:mean|have\s+the\s+meaning|include|not\s+include|be\s+deemed\s+to\s+include))/i;

/** `"Governmental Authority" means ...` defines a word; it obliges nobody unless it says so. */
function isPureDefinition(text: string): boolean {
  // Every definition form has one of these near its start; most sentences have none.
  if (!DEFINITION_CUE.test(text.slice(0, 320))) return false;
  for (const form of DEFINITION_STARTS) {
    const start = form.exec(text);
    if (start) return !OWN_OBLIGATION.test(text.slice(start[0].length));
  }
  return false;
}

const DEFINITION_CUE = /mean|refer|:|\s[-\u2013\u2014]\s/i;

/**
 * False only when the sentence certainly does not start with "WHEREAS": its first character after
 * spaces and tabs is plain ASCII other than W. Every edit asks this of every sentence, so it reads
 * characters rather than copying the start of each sentence.
 */
function mayStartWithWhereas(analysisText: TextSource, span: Span): boolean {
  let at = span.start;
  let code = analysisText.charCodeAt(at);
  while (at < span.end && (code === 32 || code === 9)) code = analysisText.charCodeAt(++at);
  return at >= span.end || code === 87 || code === 119 || code < 33 || code > 126;
}

/** "9.5 Residuals. Each Party may ..." starts with a title; the title is not a clause. */
function isRunInTitle(analysisText: TextSource, span: Span, block: LayoutBlock): boolean {
  if (!block.enumerator || span.end >= block.end) return false;
  const text = analysisText.slice(span.start, span.end).replace(/[.:]$/, '').trim();
  const words = text.split(/\s+/);
  return words.length <= 8 && words.every((word) => /^[A-Z0-9&(]/.test(word) || /^(?:of|and|or|the|to|for|in|on|as|by|a|an|with)$/.test(word)) && !/\b(?:shall|will|must|may)\b/i.test(text);
}

/** A table of contents run together into one "sentence": section numbers and titles, and page numbers. */
function isTableOfContents(analysisText: TextSource, span: Span): boolean {
  const text = analysisText.slice(span.start, Math.min(span.end, span.start + 4000));
  if (/\btable\s+of\s+contents\b/i.test(text)) return true;
  // Asked of every sentence: count entries only as far as four, and only where a "2.1" occurs at all.
  if (!/\d\.\d/.test(text)) return false;
  TOC_ENTRY.lastIndex = 0;
  let entries = 0;
  while (entries < 4 && TOC_ENTRY.exec(text)) entries++;
  return entries >= 4;
}

/** "2.1 Grant of Licence 7": an entry of a table of contents. */
const TOC_ENTRY = /\b\d{1,2}\.\d{1,2}\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+\d{1,3}\b/g;

/** "WHEREAS, ..." and sentences under a Recitals or Background heading. */
function isRecital(analysisText: TextSource, span: Span, sectionTitle: string | undefined): boolean {
  if (mayStartWithWhereas(analysisText, span) && /^\s*WHEREAS\b/i.test(analysisText.slice(span.start, Math.min(span.end, span.start + 12)))) return true;
  return sectionTitle !== undefined && /^(?:recitals?|background|preamble|whereas)$/i.test(sectionTitle.trim());
}

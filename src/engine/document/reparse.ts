import { ChunkedText, type TextSource } from '../text/chunkedText';
import { firstStartingFrom, type Span } from '../text/spans';
import { buildAnalysisText } from './analysisText';
import { groupBlocksFrom, type LayoutBlock } from './clauses';
import { classifyDocument, KIND_TEXT_LIMIT } from './documentKind';
import { definedTermsOf, updateDefinitionMatches } from './definedTerms';
import { splitLines, type RawLine } from './lines';
import { buildClauses, findContaining, lineIndexOf, parseInSteps, runSteps, type ContractDocument, type ParsedDocument } from './model';
import { inlineArtifacts, isRunningHeader, keyOfLine, lineArtifacts, mergeSpans } from './pageArtifacts';
import { readParties, sameParties, type PartyReading } from './parties';
import { buildSections } from './sections';

/** Where two versions of a text differ: `[start, oldEnd)` of the old one became `[start, newEnd)`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The one stretch that differs between two texts (common prefix and suffix removed), or undefined when they are equal. */
export function textChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  // Whole chunks first: comparing strings is much quicker than comparing characters one by one.
  let start = 0;
  while (start + CHUNK <= shorter && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const most = shorter - start;
  while (suffix + CHUNK <= most && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < most && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

const CHUNK = 2048;

/**
 * Parses `text`, an edited version of a document parsed before, reusing everything the edit
 * cannot have changed: lines, page artifacts, the analysis text and the sentences of every
 * block outside the edited lines. The result equals `parseDocumentWithState(text)` (tests
 * check this after random edits of several layouts, and of running headers). A running header
 * the edit makes start or stop repeating is read again where else it occurs; where an edit could
 * reach further than that (an HTML comment, EDGAR page boilerplate, a header on very many lines)
 * the whole text is parsed again.
 *
 * `previous.state` is updated in place and must not be used again.
 */
export function reparseDocument(previous: ParsedDocument, text: TextSource, change?: TextChange): ParsedDocument {
  return runSteps(reparseInSteps(previous, text, change));
}

/**
 * `reparseDocument` in steps: a whole-text parse, when one is needed, pauses between its stages
 * (see parseInSteps). `change`, when the caller knows it (an editor's change events), says where
 * `text` differs from the previous text, which is then not compared: `text` can stay a ChunkedText.
 */
export function* reparseInSteps(previous: ParsedDocument, text: TextSource, change?: TextChange): Generator<void, ParsedDocument> {
  const found = change ?? textChange(previous.document.text, String(text));
  if (!found || (found.start === found.oldEnd && found.start === found.newEnd)) return previous;
  return spliceParse(previous, text, found) ?? (yield* parseInSteps(String(text)));
}

/** Markers of page boilerplate and of comments that can run over line breaks. */
const FAR_REACHING = ['onfidential information contained', 'ortions of this', '<!--', '-->'];

/** Running-header keys that start or stop repeating with an edit are re-read in at most this many other lines; past it, the whole text is parsed again. */
const MAX_HEADER_LINES = 12;

function spliceParse(previous: ParsedDocument, text: TextSource, change: TextChange): ParsedDocument | undefined {
  const { document: old, state } = previous;
  const delta = change.newEnd - change.oldEnd;
  const oldLines = state.lines;

  // 1. Lines: the edited lines and one on either side are split again, the rest move.
  const first = Math.max(0, lineAt(oldLines, change.start) - 1);
  const last = Math.min(oldLines.length - 1, lineAt(oldLines, change.oldEnd) + 1);
  const regionStart = oldLines[first].start;
  const oldRegionEnd = last + 1 < oldLines.length ? oldLines[last + 1].start : old.source.length;
  const newRegionEnd = oldRegionEnd + delta;
  if (reachesFar(old.source, regionStart, oldRegionEnd, first, oldLines) || reachesFar(text, regionStart, newRegionEnd, first, oldLines)) return undefined;
  const regionLines = splitLines(text.slice(regionStart, newRegionEnd)).map((line) => movedLine(line, regionStart));
  if (last + 1 < oldLines.length) regionLines.pop(); // the empty line after the region's last line break
  // The state is this parse's to change: moving objects in place spares the garbage collector thousands of copies.
  shiftLines(oldLines, last + 1, delta);
  const lines = oldLines;
  lines.splice(first, last - first + 1, ...regionLines);
  const regionLineEnd = first + regionLines.length;

  // 2. Page artifacts: running headers are the lines whose key repeats. A key the edit makes start
  // or stop repeating changes the other lines that carry it too: they are read again below.
  const pages = state.pages;
  const regionKeys = regionLines.map((line) => keyOfLine(text, line));
  const touched = new Set<string>();
  for (let i = first; i <= last; i++) adjustCount(pages.counts, pages.keys[i], -1, touched);
  for (const key of regionKeys) adjustCount(pages.counts, key, 1, touched);
  const flipped = new Set<string>();
  for (const key of touched) {
    const repeats = isRunningHeader(key, pages.counts.get(key) ?? 0);
    if (pages.repeated.has(key) === repeats) continue;
    flipped.add(key);
    if (repeats) pages.repeated.add(key);
    else pages.repeated.delete(key);
  }
  const keys = pages.keys;
  keys.splice(first, last - first + 1, ...regionKeys);

  let parsed = spliceRegion(previous, text, { firstLine: first, lineEnd: regionLineEnd, start: regionStart, oldEnd: oldRegionEnd, newEnd: newRegionEnd });
  if (!parsed || !flipped.size) return parsed;
  const elsewhere: number[] = [];
  keys.forEach((key, index) => {
    if (key !== undefined && flipped.has(key) && (index < first || index >= regionLineEnd)) elsewhere.push(index);
  });
  if (elsewhere.length > MAX_HEADER_LINES) return undefined;
  let origins = parsed.origins ?? [];
  for (const index of elsewhere) {
    // The line and one on either side, as for an edit: the text stays, what is blanked in it changes.
    const firstLine = Math.max(0, index - 1);
    const lineEnd = Math.min(lines.length, index + 2);
    const start = lines[firstLine].start;
    const end = lineEnd < lines.length ? lines[lineEnd].start : text.length;
    if (reachesFar(text, start, end, firstLine, lines)) return undefined;
    parsed = spliceRegion(parsed, text, { firstLine, lineEnd, start, oldEnd: end, newEnd: end });
    if (!parsed) return undefined;
    // Each sentence's index in the document before the edit, through the document in between.
    const through = origins;
    origins = (parsed.origins ?? []).map((between) => (between < 0 ? -1 : through[between]));
  }
  return { ...parsed, origins };
}

/** Lines `[firstLine, lineEnd)` of the new text, which were `[start, oldEnd)` of the old one and are `[start, newEnd)` of the new. */
interface Region {
  firstLine: number;
  lineEnd: number;
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The document after `region` changed, from `previous` whose lines and page keys (in `state`)
 * already describe `text`: the region's page artifacts, analysis text, blocks and sentences are
 * made again; the rest are moved or reused.
 */
function spliceRegion(previous: ParsedDocument, text: TextSource, region: Region): ParsedDocument | undefined {
  const { document: old, state } = previous;
  const { firstLine: first, lineEnd: regionLineEnd, start: regionStart, oldEnd: oldRegionEnd, newEnd: newRegionEnd } = region;
  const delta = newRegionEnd - oldRegionEnd;
  const { lines, pages } = state;
  const keys = pages.keys;

  // 2. Page artifacts of the region's lines; one that reaches out of the region would need more than its lines.
  const oldArtifacts = old.pageArtifacts;
  if (oldArtifacts.some((artifact) => artifact.start < oldRegionEnd && artifact.end > regionStart && (artifact.start < regionStart || artifact.end > oldRegionEnd))) return undefined;
  const regionArtifacts = mergeSpans(lineArtifacts(text, lines, first, regionLineEnd, keys, pages.repeated).concat(inlineArtifacts(text, regionStart, newRegionEnd)));
  if (regionArtifacts.some((artifact) => artifact.start < regionStart || artifact.end > newRegionEnd)) return undefined;
  const artifacts = oldArtifacts
    .filter((artifact) => artifact.end <= regionStart)
    .concat(regionArtifacts, oldArtifacts.filter((artifact) => artifact.start >= oldRegionEnd).map((artifact) => moved(artifact, delta)));

  // 3. The analysis text is made character by character: only the region's characters change.
  const regionAnalysis = buildAnalysisText(
    text.slice(regionStart, newRegionEnd),
    regionArtifacts.map((artifact) => moved(artifact, -regionStart)),
  );
  // Kept in chunks: only the chunks around the region are copied, not the whole text.
  const analysisText = ChunkedText.of(old.analysis).splice(regionStart, oldRegionEnd, regionAnalysis);

  // 4. Blocks: group again from the last block that starts before the region, until a block starts where one started before.
  const oldBlocks = state.blocks;
  const before = lastStartingBefore(oldBlocks, regionStart);
  const restart = Math.max(0, before);
  const fromLine = before >= 0 ? lineAt(lines, oldBlocks[before].start) : 0;
  let resume = oldBlocks.length;
  const regrouped = groupBlocksFrom(analysisText, lines, artifacts, fromLine, (lineIndex, blockStart) => {
    if (lineIndex < regionLineEnd) return false;
    const index = blockStartingAt(oldBlocks, blockStart - delta);
    if (index <= restart) return false;
    resume = index;
    return true;
  });
  if (regrouped.stoppedAt === undefined) resume = oldBlocks.length;
  const regionBlocks = regrouped.blocks;
  const blocks = oldBlocks;
  for (let i = resume; i < blocks.length; i++) moveBlock(blocks[i], delta);
  blocks.splice(restart, resume - restart, ...regionBlocks);

  // 5. Sections are cheap and depend on every block; clauses reuse the sentences of unchanged blocks.
  const sectionTitles = state.sectionTitles ?? new WeakMap();
  const sections = buildSections(analysisText, blocks, text.length, sectionTitles);
  const kept = { clauses: old.clauses, sentences: old.sentences, restart, firstAfter: restart + regionBlocks.length, resume, delta };
  const { clauses, sentences, origins } = buildClauses(analysisText, blocks, sections, kept);
  const definitions = updateDefinitionMatches(state.definitions, analysisText, regionStart, oldRegionEnd, newRegionEnd);
  const { parties, preambleReach }: PartyReading = sameParties(old.analysis, analysisText, regionStart, oldRegionEnd, newRegionEnd, state.preambleReach)
    ? { parties: old.parties, preambleReach: state.preambleReach }
    : readParties(analysisText);

  const document: ContractDocument = {
    get text() {
      return String(text);
    },
    source: text,
    analysis: analysisText,
    get analysisText() {
      return analysisText.toString();
    },
    lines: lineIndexOf(text, lines),
    pageArtifacts: artifacts,
    sections,
    clauses,
    sentences,
    definedTerms: definedTermsOf(definitions, (offset) => findContaining(sentences, offset)),
    parties,
    kinds: regionStart >= KIND_TEXT_LIMIT ? old.kinds : classifyDocument(analysisText),
  };
  return { document, state: { lines, pages: { ...pages, artifacts, keys }, blocks, definitions, preambleReach, sectionTitles }, incremental: true, origins };
}

/**
 * Whether text near the region could be read differently because of the edit beyond the lines
 * next to it: the EDGAR redaction notices (whose patterns may span a line break) and HTML
 * comments (which blank everything up to their end).
 */
function reachesFar(text: TextSource, regionStart: number, regionEnd: number, firstLine: number, oldLines: RawLine[]): boolean {
  const from = oldLines[Math.max(0, firstLine - 1)].start;
  const near = text.slice(from, Math.min(text.length, regionEnd + 200));
  if (FAR_REACHING.some((marker) => near.includes(marker))) return true;
  // Inside a comment opened before the region? Most contracts have no comment at all, which an
  // edited text knows without reading it again (see ChunkedText).
  const opened = text.includes('<!--') ? text.lastIndexOf('<!--', regionStart) : -1;
  return opened >= 0 && text.lastIndexOf('-->', regionStart) < opened;
}

function adjustCount(counts: Map<string, number>, key: string | undefined, by: number, touched: Set<string>): void {
  if (key === undefined) return;
  counts.set(key, (counts.get(key) ?? 0) + by);
  touched.add(key);
}

/** The index of the line that contains `offset` (the last line starting at or before it). */
function lineAt(lines: RawLine[], offset: number): number {
  return Math.max(0, firstStartingFrom(lines, offset + 1) - 1);
}

/** The index of the last block that starts before `offset`, or -1. */
function lastStartingBefore(blocks: LayoutBlock[], offset: number): number {
  return firstStartingFrom(blocks, offset) - 1;
}

/** The index of the block that starts exactly at `offset`, or -1. */
function blockStartingAt(blocks: LayoutBlock[], offset: number): number {
  const index = lastStartingBefore(blocks, offset) + 1;
  return index < blocks.length && blocks[index].start === offset ? index : -1;
}

function moved(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function movedLine(line: RawLine, delta: number): RawLine {
  return { start: line.start + delta, contentStart: line.contentStart + delta, end: line.end + delta };
}

function shiftLines(lines: RawLine[], from: number, delta: number): void {
  if (!delta) return;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    line.start += delta;
    line.contentStart += delta;
    line.end += delta;
  }
}

function moveBlock(block: LayoutBlock, delta: number): void {
  block.start += delta;
  block.end += delta;
  block.bodyStart += delta;
}

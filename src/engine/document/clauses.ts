import type { TextSource } from '../text/chunkedText';
import { firstEndingAfter, type Span } from '../text/spans';
import { isHeadingText, readEnumerator, type Enumerator } from './enumerators';
import type { RawLine } from './lines';
import { splitsIntoAtMost } from '../text/whiteSpace';

/** A paragraph-level unit: a numbered clause, an enumerated sub-clause, a heading or a paragraph. */
export interface LayoutBlock extends Span {
  /** Where the text after the label starts. */
  bodyStart: number;
  enumerator?: Enumerator;
  isHeading: boolean;
}

/**
 * Groups physical lines into blocks. A block ends at a blank line or page break only when its
 * last line ends a sentence, so paragraphs that are hard-wrapped across a page header stay
 * whole; a numbered or lettered line, or a heading, always starts a new block.
 */
export function groupBlocks(analysisText: TextSource, lines: RawLine[], artifacts: Span[]): LayoutBlock[] {
  return groupBlocksFrom(analysisText, lines, artifacts, 0).blocks;
}

/**
 * Groups `lines` from `fromLine` on, which must start a block. When `canStop` is given, grouping
 * stops before a line that starts a new block and that `canStop(lineIndex, blockStart)` accepts:
 * everything from there on groups as it did before (incremental parsing).
 */
export function groupBlocksFrom(
  analysisText: TextSource,
  lines: RawLine[],
  artifacts: Span[],
  fromLine: number,
  canStop?: (lineIndex: number, blockStart: number) => boolean,
): { blocks: LayoutBlock[]; stoppedAt?: number } {
  const blocks: LayoutBlock[] = [];
  let current: LayoutBlock | undefined;
  let currentLines = 0;
  let sawGap = false;
  let artifactIndex = fromLine < lines.length ? firstEndingAfter(artifacts, lines[fromLine].contentStart) : artifacts.length;
  for (let index = fromLine; index < lines.length; index++) {
    const line = lines[index];
    while (artifactIndex < artifacts.length && artifacts[artifactIndex].end <= line.contentStart) artifactIndex++;
    const content = contentOf(analysisText, line);
    const isArtifact = artifactIndex < artifacts.length && artifacts[artifactIndex].start <= content.start && content.end <= artifacts[artifactIndex].end;
    if (content.start >= content.end || isArtifact) {
      sawGap = true;
      continue;
    }
    const lineText = analysisText.slice(content.start, content.end);
    const enumerator = readEnumerator(lineText);
    const heading = isHeadingText(lineText);
    const startsNew =
      !current ||
      heading ||
      current.isHeading ||
      enumerator !== undefined ||
      (sawGap && (endsSentence(analysisText, current) || (currentLines === 1 && isShortTitle(analysisText, current))));
    if (startsNew) {
      if (current) blocks.push(current);
      if (current && canStop?.(index, content.start)) return { blocks, stoppedAt: index };
      current = { start: content.start, end: content.end, bodyStart: bodyStartOf(analysisText, content.start, enumerator), enumerator, isHeading: heading };
      currentLines = 1;
    } else if (current) {
      current.end = content.end;
      currentLines++;
    }
    sawGap = false;
  }
  if (current) blocks.push(current);
  return { blocks };
}


/** The non-space part of a line in the analysis text (markup already blanked). */
function contentOf(analysisText: TextSource, line: RawLine): Span {
  let start = line.contentStart;
  let end = line.end;
  while (start < end && analysisText.charCodeAt(start) === 32) start++;
  while (end > start && analysisText.charCodeAt(end - 1) === 32) end--;
  return { start, end };
}

function bodyStartOf(analysisText: TextSource, start: number, enumerator: Enumerator | undefined): number {
  if (!enumerator) return start;
  let body = start + enumerator.length;
  while (body < analysisText.length && /[ \t.:\-–—]/.test(analysisText.slice(body, body + 1))) body++;
  return body;
}

function endsSentence(analysisText: TextSource, block: LayoutBlock): boolean {
  if (block.isHeading) return true;
  return /[.;:!?]["')\]]*$/.test(analysisText.slice(Math.max(block.start, block.end - 3), block.end));
}

/** A one-line block of a few words with no closing punctuation reads as a title. */
function isShortTitle(analysisText: TextSource, block: LayoutBlock): boolean {
  const text = analysisText.slice(block.start, block.end);
  return splitsIntoAtMost(text, 6) && !/[,;]$/.test(text) && /^[A-Z0-9("]/.test(text);
}

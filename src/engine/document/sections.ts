import type { TextSource } from '../text/chunkedText';
import type { Span } from '../text/spans';
import type { LayoutBlock } from './clauses';

/** A numbered or headed part of the contract: `Article 5 — Confidentiality`, `12.4 Notices`. */
export interface Section extends Span {
  /** The number as written (`5`, `12.4`, `Article V`), if the section is numbered. */
  number?: string;
  /** The heading, if the section has one. */
  title?: string;
  /** 1 for articles and top-level numbers, deeper for `1.1`, `2.3(a)`. */
  level: number;
  /** Where the heading (or the numbered first line) ends; an inserted clause goes after the body. */
  headingEnd: number;
}

/**
 * Each heading block's title ('' for none), kept for as long as the block: an incremental parse
 * keeps the blocks an edit did not reach, and their text, so their titles are read once.
 */
export type SectionTitleCache = WeakMap<LayoutBlock, string>;

/**
 * Builds the section outline from layout blocks: headings and section-numbered blocks open
 * sections; a section ends where the next section at the same or a higher level starts.
 */
export function buildSections(analysisText: TextSource, blocks: LayoutBlock[], textLength: number, titles?: SectionTitleCache): Section[] {
  const sections: Section[] = [];
  const open: Section[] = [];
  for (const block of blocks) {
    const isSectionStart = block.isHeading || block.enumerator?.kind === 'section';
    if (!isSectionStart) continue;
    const level = block.enumerator?.kind === 'section' ? block.enumerator.depth : 1;
    while (open.length && open[open.length - 1].level >= level) {
      const closed = open.pop() as Section;
      closed.end = block.start;
    }
    const section: Section = {
      start: block.start,
      end: textLength,
      number: block.enumerator?.label,
      title: titles ? cachedTitleOf(analysisText, block, titles) : titleOf(analysisText, block),
      level,
      headingEnd: block.isHeading ? block.end : block.bodyStart,
    };
    sections.push(section);
    open.push(section);
  }
  return sections;
}

function cachedTitleOf(analysisText: TextSource, block: LayoutBlock, titles: SectionTitleCache): string | undefined {
  let title = titles.get(block);
  if (title === undefined) titles.set(block, (title = titleOf(analysisText, block) ?? ''));
  return title || undefined;
}

/** The heading of a heading block, or a run-in heading such as `2.1 GRANT OF LICENSE. Subject to ...`. */
function titleOf(analysisText: TextSource, block: LayoutBlock): string | undefined {
  if (block.isHeading) return analysisText.slice(block.bodyStart, block.end).trim().replace(/[.:]$/, '').trim() || undefined;
  const body = runInHeadingWindow(analysisText, block);
  const runIn = /^([A-Z][A-Za-z0-9,'&/ -]{2,80}?)[.:](?=\s|$)/.exec(body);
  if (runIn && runIn[1].split(/\s+/).length <= 8 && !/\b(shall|will|must|may)\b/.test(runIn[1])) return runIn[1].trim();
  return undefined;
}

/** Characters of a block's body that can hold a run-in heading (at most 82 after the leading white space), with room to spare. */
const RUN_IN_WINDOW = 400;

/**
 * The start of a block's body, trimmed, long enough for the run-in heading pattern to read as it
 * would read the whole body: the body is read whole only when it is short or starts with a long
 * run of white space. (Every edit outlines the document again; copying every paragraph for this
 * was most of what the outline cost.)
 */
function runInHeadingWindow(analysisText: TextSource, block: LayoutBlock): string {
  if (block.end - block.bodyStart <= RUN_IN_WINDOW) return analysisText.slice(block.bodyStart, block.end).trim();
  const window = analysisText.slice(block.bodyStart, block.bodyStart + RUN_IN_WINDOW);
  const trimmed = window.trimStart();
  return window.length - trimmed.length < RUN_IN_WINDOW / 2 ? trimmed : analysisText.slice(block.bodyStart, block.end).trim();
}

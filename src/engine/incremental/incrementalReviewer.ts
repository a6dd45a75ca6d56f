import { DocumentReview, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import { parseInSteps, runSteps, type ParsedDocument } from '../document/model';
import { reparseInSteps, type TextChange } from '../document/reparse';
import type { CompiledRulebook } from '../rulebook/compileRulebook';
import { ChunkedText, type TextSource } from '../text/chunkedText';
import { SentenceMemo } from './sentenceMemo';

/**
 * One change as an editor reports it: `length` characters at `offset` replaced by `text` (VS
 * Code's `rangeOffset`, `rangeLength` and `text`). A list of them applies in order, each to the
 * text the ones before it left.
 */
export interface ContentChange {
  offset: number;
  length: number;
  text: string;
}

/**
 * Reviews successive versions of one document, doing only the work an edit makes necessary:
 * the edited lines are parsed again and the sentences whose text changed are read again; the
 * findings are those `analyze()` gives for the same text. The extension keeps one per open
 * document; `npm run bench` measures it.
 *
 * Each review is given the document's whole text, or the edits made to the text of the review
 * before: then the new version is never built as one string (see ChunkedText), which is most of
 * what an edit to a long contract would otherwise cost.
 *
 * A result's findings are its own; its `document` is the reviewer's: the next review moves that
 * document's clauses and sentences in place (see buildClauses). Keep findings, lines and source
 * from it, as the extension does, not clauses or sentences.
 */
export interface IncrementalReviewer {
  /** Reviews the document's current version, in one go. */
  review(input: string | readonly ContentChange[], options?: AnalyzeOptions): AnalysisResult;
  /**
   * Starts a review of the current version to be run in slices (`DocumentReview.step`). Starting
   * another review abandons this one; what it had read is kept for the next.
   */
  start(input: string | readonly ContentChange[], options?: AnalyzeOptions): DocumentReview;
  /** `start` in steps: a whole-text parse (the first one, or after an edit that reaches far) pauses between its stages. */
  startInSteps(input: string | readonly ContentChange[], options?: AnalyzeOptions): Generator<void, DocumentReview>;
  /** Forgets the document (when it closes). */
  reset(): void;
}

export function createIncrementalReviewer(rulebook: CompiledRulebook): IncrementalReviewer {
  let parsed: ParsedDocument | undefined;
  /** The text of the latest review started: edits apply to it. */
  let current: TextSource | undefined;
  let memo = new SentenceMemo();
  function* startInSteps(input: string | readonly ContentChange[], options: AnalyzeOptions = {}): Generator<void, DocumentReview> {
    const before = parsed;
    // Forget the old parse first: reparsing consumes it, so if this is abandoned half-way the next review starts afresh.
    parsed = undefined;
    let text: TextSource;
    let change: TextChange | undefined;
    if (typeof input === 'string') text = input;
    else {
      if (current === undefined) throw new Error('IncrementalReviewer: edits were given before any text; review the whole text first');
      ({ text, change } = applyEdits(current, input));
      // Edits say where the text changed only relative to the parse they were made on.
      if (before?.document.source !== current) change = undefined;
    }
    current = text;
    const after = before ? yield* reparseInSteps(before, text, change) : yield* parseInSteps(String(text));
    parsed = after;
    current = after.document.source;
    const origin = before && after !== before && after.origins ? { base: before.document, origins: after.origins } : undefined;
    return new DocumentReview(after.document, rulebook, options, memo, origin);
  }
  const start = (input: string | readonly ContentChange[], options: AnalyzeOptions = {}): DocumentReview => runSteps(startInSteps(input, options));
  return {
    start,
    startInSteps,
    review(input, options) {
      const review = start(input, options);
      review.step();
      return review.result();
    },
    reset() {
      parsed = undefined;
      current = undefined;
      memo = new SentenceMemo();
    },
  };
}

/** `text` with `edits` applied, and the one stretch that covers everything they changed. */
export function applyEdits(text: TextSource, edits: readonly ContentChange[]): { text: ChunkedText; change: TextChange } {
  let edited = ChunkedText.of(text);
  let change: TextChange = { start: 0, oldEnd: 0, newEnd: 0 };
  edits.forEach((edit, index) => {
    const { offset, length } = edit;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > edited.length || typeof edit.text !== 'string') {
      throw new RangeError(`edit ${index + 1} of ${edits.length} (offset ${offset}, length ${length}) does not fit a text of ${edited.length} characters`);
    }
    edited = edited.splice(offset, offset + length, edit.text);
    change = index === 0 ? { start: offset, oldEnd: offset + length, newEnd: offset + edit.text.length } : widen(change, edit);
  });
  return { text: edited, change };
}

/** The stretch covering `change` (old text to current) and then `edit` (current text to new). */
function widen(change: TextChange, edit: ContentChange): TextChange {
  const end = Math.max(change.newEnd, edit.offset + edit.length);
  return { start: Math.min(change.start, edit.offset), oldEnd: end - change.newEnd + change.oldEnd, newEnd: end + edit.text.length - edit.length };
}

import { DocumentReview, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import { parseInSteps, runSteps, type ParsedDocument } from '../document/model';
import { reparseInSteps } from '../document/reparse';
import type { CompiledRulebook } from '../rulebook/compileRulebook';
import { SentenceMemo } from './sentenceMemo';

/**
 * Reviews successive versions of one document, doing only the work an edit makes necessary:
 * the edited lines are parsed again and the sentences whose text changed are read again; the
 * findings are those `analyze()` gives for the same text. The extension keeps one per open
 * document; `npm run bench` measures it.
 */
export interface IncrementalReviewer {
  /** Reviews `text`, the document's current version, in one go. */
  review(text: string, options?: AnalyzeOptions): AnalysisResult;
  /**
   * Starts a review of `text` to be run in slices (`DocumentReview.step`). Starting another
   * review abandons this one; what it had read is kept for the next.
   */
  start(text: string, options?: AnalyzeOptions): DocumentReview;
  /** `start` in steps: a whole-text parse (the first one, or after an edit that reaches far) pauses between its stages. */
  startInSteps(text: string, options?: AnalyzeOptions): Generator<void, DocumentReview>;
  /** Forgets the document (when it closes). */
  reset(): void;
}

export function createIncrementalReviewer(rulebook: CompiledRulebook): IncrementalReviewer {
  let parsed: ParsedDocument | undefined;
  let memo = new SentenceMemo();
  function* startInSteps(text: string, options: AnalyzeOptions = {}): Generator<void, DocumentReview> {
    const before = parsed;
    // Forget the old parse first: reparsing consumes it, so if this is abandoned half-way the next review starts afresh.
    parsed = undefined;
    const after = before ? yield* reparseInSteps(before, text) : yield* parseInSteps(text);
    parsed = after;
    const origin = before && after !== before && after.origins ? { base: before.document, origins: after.origins } : undefined;
    return new DocumentReview(after.document, rulebook, options, memo, origin);
  }
  const start = (text: string, options: AnalyzeOptions = {}): DocumentReview => runSteps(startInSteps(text, options));
  return {
    start,
    startInSteps,
    review(text, options) {
      const review = start(text, options);
      review.step();
      return review.result();
    },
    reset() {
      parsed = undefined;
      memo = new SentenceMemo();
    },
  };
}

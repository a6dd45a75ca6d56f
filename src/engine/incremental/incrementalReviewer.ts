import { DocumentReview, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import { parseDocumentWithState, type ParsedDocument } from '../document/model';
import { reparseDocument } from '../document/reparse';
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
  /** Forgets the document (when it closes). */
  reset(): void;
}

export function createIncrementalReviewer(rulebook: CompiledRulebook): IncrementalReviewer {
  let parsed: ParsedDocument | undefined;
  let memo = new SentenceMemo();
  const start = (text: string, options: AnalyzeOptions = {}): DocumentReview => {
    const before = parsed;
    parsed = before ? reparseDocument(before, text) : parseDocumentWithState(text);
    const origin = before && parsed !== before && parsed.origins ? { base: before.document, origins: parsed.origins } : undefined;
    return new DocumentReview(parsed.document, rulebook, options, memo, origin);
  };
  return {
    start,
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

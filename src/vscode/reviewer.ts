import { analyze, createIncrementalReviewer, LineIndex, type CompiledRulebook, type Finding, type IncrementalReviewer, type Perspective } from '../engine';

export interface ReviewOptions {
  disabledRules: ReadonlySet<string>;
  includeProtective: boolean;
  perspective?: Perspective;
}

export interface ReviewOutcome {
  findings: Finding[];
  lines: LineIndex;
}

/** What a sliced review reports while it runs. */
export interface SlicedReviewHandlers {
  /** Offsets of the text on screen: read first. */
  visible?: readonly { start: number; end: number }[];
  /** Called once, when the visible part has been read but the rest has not, with its findings so far. */
  onVisibleRead?: (partial: ReviewOutcome) => void;
}

/**
 * How long a slice of review reads sentences before it yields (the target is at most 50 ms at a
 * time; a long sentence read by compromise for the first time can take another 25 ms).
 */
const SLICE_MS = 10;

/** Below this many sentences left, the rest is read at once rather than the screen's findings shown first. */
const WORTH_SHOWING_FIRST = 50;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The editor's reviews: one incremental reviewer per open document, so that an edit re-reads
 * only the sentences it changed, run in slices that yield to the extension host, the sentences
 * on screen first. A newer review of a document abandons the older one.
 */
export class DocumentReviewers {
  /** @param sliceMs the longest a slice of review holds the thread before it yields */
  constructor(private readonly sliceMs = SLICE_MS) {}

  private readonly reviewers = new Map<string, { rulebook: CompiledRulebook; reviewer: IncrementalReviewer; generation: number }>();

  /** Reviews `text`, the current text of the document `key`; undefined when a newer review of it started meanwhile. */
  async review(key: string, text: string, rulebook: CompiledRulebook, options: ReviewOptions, handlers: SlicedReviewHandlers = {}): Promise<ReviewOutcome | undefined> {
    let entry = this.reviewers.get(key);
    if (!entry || entry.rulebook !== rulebook) {
      entry = { rulebook, reviewer: createIncrementalReviewer(rulebook), generation: 0 };
      this.reviewers.set(key, entry);
    }
    const owner = entry;
    const generation = ++owner.generation;
    const superseded = (): boolean => this.reviewers.get(key) !== owner || owner.generation !== generation;
    // Parsing a whole document (the first time) pauses between its stages, each a slice's worth on a long agreement: yield at each.
    const starting = owner.reviewer.startInSteps(text, { disabledRules: options.disabledRules, includeProtective: options.includeProtective, perspective: options.perspective });
    let started = starting.next();
    while (!started.done) {
      await nextTurn();
      if (superseded()) return undefined;
      started = starting.next();
    }
    const review = started.value;
    let deadline = performance.now() + this.sliceMs;
    const visible = handlers.visible ?? [];
    let visibleLeft = visible.length ? review.prioritize(visible) : -1;
    let onVisibleRead = handlers.onVisibleRead;
    for (;;) {
      // Yield at the deadline, and as soon as the sentences on screen are read if much is left, so they can be shown.
      const done = review.step(() => (--visibleLeft === 0 && review.pending > WORTH_SHOWING_FIRST) || performance.now() > deadline);
      if (done) break;
      if (visibleLeft <= 0 && onVisibleRead) {
        onVisibleRead({ findings: review.partialFindings(), lines: review.document.lines });
        onVisibleRead = undefined;
      }
      await nextTurn();
      if (superseded()) return undefined;
      deadline = performance.now() + this.sliceMs;
    }
    const result = review.result();
    return { findings: result.findings, lines: result.document.lines };
  }

  /** Forgets a document (closed), or every document (the rules changed). */
  forget(key?: string): void {
    if (key === undefined) this.reviewers.clear();
    else this.reviewers.delete(key);
  }
}

/** Reviews a text once, from scratch: for files that are not open (Review Workspace without workers). */
export function reviewText(text: string, rulebook: CompiledRulebook, options: ReviewOptions): ReviewOutcome {
  const result = analyze(text, rulebook, { disabledRules: options.disabledRules, includeProtective: options.includeProtective, perspective: options.perspective });
  return { findings: result.findings, lines: result.document.lines };
}

export { LineIndex };

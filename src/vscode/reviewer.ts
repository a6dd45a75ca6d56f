import { analyze, createIncrementalReviewer, LineIndex, type CompiledRulebook, type ContentChange, type Finding, type IncrementalReviewer, type Perspective, type TextSource } from '../engine';

export interface ReviewOptions {
  disabledRules: ReadonlySet<string>;
  includeProtective: boolean;
  perspective?: Perspective;
}

export interface ReviewOutcome {
  findings: Finding[];
  lines: LineIndex;
  /** The text reviewed (read it with `String()` only when the whole of it is needed). */
  source: TextSource;
}

/** A version of an open document: its number, and its whole text when that is needed. */
export interface DocumentVersion {
  version: number;
  getText(): string;
  /** The text's length, to check the changes recorded since the last review add up to it. */
  length: number;
}

/** A change as VS Code reports it in `onDidChangeTextDocument`. */
export interface EditorChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

interface Reviewed {
  rulebook: CompiledRulebook;
  reviewer: IncrementalReviewer;
  generation: number;
  /** The changes made since the text last handed to the reviewer (undefined: track lost, hand over the whole text), the version they lead to, and the length. */
  changes?: ContentChange[];
  changesVersion?: number;
  length?: number;
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

  private readonly reviewers = new Map<string, Reviewed>();

  /**
   * Records a change to the document `key` (VS Code's change event), so that its next review is
   * handed the changes rather than the whole text: building the whole text of a long contract
   * anew is most of what an edit would cost. Changes must come in order, one version at a time;
   * if one is missed, the next review reads the whole text.
   */
  noteChanges(key: string, version: number, changes: readonly EditorChange[]): void {
    const entry = this.reviewers.get(key);
    if (!entry?.changes || entry.changesVersion === undefined || entry.length === undefined) return;
    if (version !== entry.changesVersion + 1) {
      entry.changes = undefined;
      return;
    }
    for (const change of changes) {
      entry.changes.push({ offset: change.rangeOffset, length: change.rangeLength, text: change.text });
      entry.length += change.text.length - change.rangeLength;
    }
    entry.changesVersion = version;
  }

  /**
   * Reviews the current version of the document `key` (a string: its whole text); undefined when
   * a newer review of it started meanwhile.
   */
  async review(key: string, current: string | DocumentVersion, rulebook: CompiledRulebook, options: ReviewOptions, handlers: SlicedReviewHandlers = {}): Promise<ReviewOutcome | undefined> {
    let entry = this.reviewers.get(key);
    if (!entry || entry.rulebook !== rulebook) {
      entry = { rulebook, reviewer: createIncrementalReviewer(rulebook), generation: 0 };
      this.reviewers.set(key, entry);
    }
    const owner = entry;
    const generation = ++owner.generation;
    const superseded = (): boolean => this.reviewers.get(key) !== owner || owner.generation !== generation;
    const input = inputFor(owner, current);
    // Parsing a whole document (the first time) pauses between its stages, each a slice's worth on a long agreement: yield at each.
    const starting = owner.reviewer.startInSteps(input, { disabledRules: options.disabledRules, includeProtective: options.includeProtective, perspective: options.perspective });
    let turnStarted = performance.now();
    let started = starting.next();
    while (!started.done) {
      await nextTurn();
      if (superseded()) return undefined;
      turnStarted = performance.now();
      started = starting.next();
    }
    const review = started.value;
    // Setting up the review (the document's own vocabulary, from its definitions) can take a slice's
    // worth on a long agreement being opened: then the first slice waits for a turn of its own. An
    // edit's review, whose setup is quick, goes on without one.
    if (performance.now() - turnStarted > this.sliceMs) {
      await nextTurn();
      if (superseded()) return undefined;
    }
    let deadline = performance.now() + this.sliceMs;
    const visible = handlers.visible ?? [];
    let visibleLeft = visible.length ? review.prioritize(visible) : -1;
    let onVisibleRead = handlers.onVisibleRead;
    for (;;) {
      // Yield at the deadline, and as soon as the sentences on screen are read if much is left, so they can be shown.
      const done = review.step(() => (--visibleLeft === 0 && review.pending > WORTH_SHOWING_FIRST) || performance.now() > deadline);
      if (done) break;
      if (visibleLeft <= 0 && onVisibleRead) {
        onVisibleRead({ findings: review.partialFindings(), lines: review.document.lines, source: review.document.source });
        onVisibleRead = undefined;
      }
      await nextTurn();
      if (superseded()) return undefined;
      deadline = performance.now() + this.sliceMs;
    }
    const result = review.result();
    return { findings: result.findings, lines: result.document.lines, source: result.document.source };
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
  return { findings: result.findings, lines: result.document.lines, source: result.document.source };
}

/**
 * What to hand the reviewer: the changes since the last review when every one of them was seen
 * and they add up to the document's length, otherwise the whole text. Either way, changes are
 * recorded from here on against this version.
 */
function inputFor(entry: Reviewed, current: string | DocumentVersion): string | ContentChange[] {
  if (typeof current === 'string') {
    entry.changes = entry.changesVersion = entry.length = undefined;
    return current;
  }
  const { changes } = entry;
  const tracked = changes !== undefined && entry.changesVersion === current.version && entry.length === current.length;
  const input = tracked ? changes : current.getText();
  entry.changesVersion = current.version;
  entry.changes = [];
  entry.length = current.length;
  return input;
}

export { LineIndex };

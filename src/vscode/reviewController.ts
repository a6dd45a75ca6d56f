import * as vscode from 'vscode';
import type { FindingStore, Review } from './findingStore';
import type { Log } from './log';
import { DocumentReviewers } from './reviewer';
import type { RulebookService } from './rulebookService';
import { isReviewed, readSettings } from './settings';
import { toDiagnostic, withSettings } from './toDiagnostic';

/**
 * Reviews open documents as they change: debounced per document, results for stale versions
 * dropped, diagnostics cleared when a document closes. Every review ends in `onDidReview`.
 */
export class ReviewController implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('clauseguard');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly reviewed = new vscode.EventEmitter<vscode.Uri>();
  /** Documents already reported as too large or binary, so the log says it once. */
  private readonly tooLarge = new Set<string>();
  /** One incremental reviewer per open document: an edit re-reads only what it changed. */
  private readonly reviewers = new DocumentReviewers();
  /** The latest review started for each document, until it ends. */
  private readonly running = new Map<string, { version: number; done: Promise<void> }>();
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.reviewed];
  /** Fires after a document's findings were updated (or cleared). */
  readonly onDidReview = this.reviewed.event;

  constructor(
    private readonly store: FindingStore,
    private readonly rulebooks: RulebookService,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!event.contentChanges.length) return;
        this.reviewers.noteChanges(event.document.uri.toString(), event.document.version, event.contentChanges);
        if (readSettings(event.document.uri).run === 'onType') this.schedule(event.document);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('clauseguard')) this.reviewAll();
      }),
      rulebooks.onDidChange((folder) => this.reviewAll(folder)),
    );
  }

  /** Reviews every open document now (of one folder, if given). */
  reviewAll(folder?: vscode.WorkspaceFolder): void {
    for (const document of vscode.workspace.textDocuments) {
      if (folder && vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() !== folder.uri.toString()) continue;
      this.schedule(document, 0);
    }
  }

  /** Reviews a document after the debounce delay (or `delay`), replacing any pending review. */
  schedule(document: vscode.TextDocument, delay?: number): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const settings = readSettings(document.uri);
    if (!isReviewed(document, settings)) {
      this.clear(document.uri);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.review(document);
      }, delay ?? settings.debounce),
    );
  }

  /**
   * The review of the document's current version, reviewing it now if the debounced review has
   * not run yet: a hover or light bulb right after typing must not show the previous version's
   * findings. A review of this version already under way is waited for, not started again (a
   * hover and a light bulb often ask at once).
   */
  async ensureReviewed(document: vscode.TextDocument): Promise<Review | undefined> {
    const key = document.uri.toString();
    // A review can be overtaken by another of the same version (settings changed meanwhile): wait for that one too.
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = this.store.current(document);
      if (current || !isReviewed(document) || document.isClosed) return current;
      const running = this.running.get(key);
      if (running?.version === document.version) {
        await running.done;
        continue;
      }
      const pending = this.timers.get(key);
      if (pending) {
        clearTimeout(pending);
        this.timers.delete(key);
      }
      await this.review(document);
    }
    return this.store.current(document);
  }

  /** Reviews a document now. Results for a version the document no longer has are dropped. */
  review(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const done: Promise<void> = this.reviewNow(document).finally(() => {
      if (this.running.get(key)?.done === done) this.running.delete(key);
    });
    this.running.set(key, { version: document.version, done });
    return done;
  }

  private async reviewNow(document: vscode.TextDocument): Promise<void> {
    const settings = readSettings(document.uri);
    if (!isReviewed(document, settings) || document.isClosed) return;
    const version = document.version;
    const key = document.uri.toString();
    // Neither check needs the whole text, which the review itself may not need either (it is handed the changes).
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(8192))).includes('\u0000')) {
      if (!this.tooLarge.has(key)) {
        this.tooLarge.add(key);
        this.log.warn(`Not reviewing ${vscode.workspace.asRelativePath(document.uri)}: it looks like a binary file.`);
      }
      this.clear(document.uri, false);
      return;
    }
    if (length > settings.maxFileSize) {
      if (!this.tooLarge.has(key)) {
        this.tooLarge.add(key);
        this.log.warn(`Not reviewing ${vscode.workspace.asRelativePath(document.uri)}: ${length} characters is over clauseguard.maxFileSize (${settings.maxFileSize}).`);
      }
      this.clear(document.uri, false);
      return;
    }
    try {
      const rulebook = await this.rulebooks.rulebookFor(document.uri);
      if (document.isClosed || document.version !== version) return;
      const options = { disabledRules: settings.disabledRules, includeProtective: settings.showProtective, perspective: settings.perspective };
      const firstReview = !this.store.get(key);
      const outcome = await this.reviewers.review(key, { version, length, getText: () => document.getText() }, rulebook, options, {
        visible: visibleOffsets(document),
        // A long document opened for the first time shows what is on screen before the rest is read.
        onVisibleRead: ({ findings, lines }) => {
          if (!firstReview || document.isClosed || document.version !== version || this.store.get(key)) return;
          this.diagnostics.set(document.uri, withSettings(findings, settings).map((finding) => toDiagnostic(finding, document.uri, finding.severity, lines)));
        },
      });
      // Undefined: a newer review of this document took over.
      if (!outcome || document.isClosed || document.version !== version) return;
      const shown = withSettings(outcome.findings, settings);
      const { source } = outcome;
      this.store.set({
        uri: key,
        version,
        languageId: document.languageId,
        findings: shown,
        get text() {
          return String(source);
        },
      });
      this.diagnostics.set(
        document.uri,
        shown.map((finding) => toDiagnostic(finding, document.uri, finding.severity, outcome.lines)),
      );
      this.reviewed.fire(document.uri);
    } catch (error) {
      // Start the next review of this document from scratch rather than from a state the error may have left.
      this.reviewers.forget(key);
      this.log.error('Reviewing a document', error, vscode.workspace.asRelativePath(document.uri));
    }
  }

  /** Forgets a document's findings. */
  clear(uri: vscode.Uri, fire = true): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.reviewers.forget(key);
    this.store.delete(uri);
    this.diagnostics.delete(uri);
    if (fire) this.reviewed.fire(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The offsets of a document's text on screen, in every editor that shows it. */
function visibleOffsets(document: vscode.TextDocument): { start: number; end: number }[] {
  return vscode.window.visibleTextEditors
    .filter((editor) => editor.document === document)
    .flatMap((editor) => editor.visibleRanges)
    .map((range) => ({ start: document.offsetAt(range.start), end: document.offsetAt(range.end) }));
}

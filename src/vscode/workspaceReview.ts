import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { isBinaryText, LineIndex, type Finding } from '../engine';
import { ReviewPool } from '../workers/reviewPool';
import type { FindingStore } from './findingStore';
import type { Log } from './log';
import type { ReviewController } from './reviewController';
import { reviewText } from './reviewer';
import type { RulebookService } from './rulebookService';
import { readSettings, type Settings } from './settings';
import { toDiagnostic, withSettings } from './toDiagnostic';

/** File extensions of the languages ClauseGuard reviews. */
/** File extensions of the reviewed languages; a Map, as the language ids come from the user's settings. */
const EXTENSIONS = new Map<string, string[]>([
  ['contract', ['contract']],
  ['markdown', ['md', 'markdown']],
  ['plaintext', ['txt']],
]);
const EXCLUDE = '**/{node_modules,.git,dist,out,.vscode-test}/**';
const decoder = new TextDecoder('utf-8');

export interface WorkspaceReviewSummary {
  files: number;
  findings: number;
  skipped: { uri: vscode.Uri; reason: string }[];
  cancelled: boolean;
  /** How many of the files were reviewed on worker threads (the rest in the extension host). */
  onWorkers: number;
}

/**
 * Review Workspace: every file of the reviewed languages into the Problems panel, with a progress
 * notification that can be cancelled. Open documents are reviewed from the editor (their unsaved
 * text); the rest is read through vscode.workspace.fs and reviewed on the same worker pool as the
 * CLI uses (one per workspace folder, as each folder has its own rulebook and settings), or in
 * this thread if workers cannot start.
 */
export async function reviewWorkspace(controller: ReviewController, store: FindingStore, rulebooks: RulebookService, log: Log, workerScript?: string): Promise<WorkspaceReviewSummary> {
  const summary: WorkspaceReviewSummary = { files: 0, findings: 0, skipped: [], cancelled: false, onWorkers: 0 };
  const languages = readSettings().languages;
  const extensions = languages.flatMap((language) => EXTENSIONS.get(language) ?? []);
  if (!extensions.length) return summary;
  const files = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, EXCLUDE);
  const workers = new FolderPools(rulebooks, log, workerScript, Math.min(files.length, availableParallelism()));
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'ClauseGuard: reviewing the workspace', cancellable: true }, async (progress, token) => {
    let done = 0;
    const reviewFile = async (uri: vscode.Uri): Promise<void> => {
      try {
        await reviewOne(uri);
      } catch (error) {
        summary.skipped.push({ uri, reason: (error as Error).message });
        log.error('Reviewing a workspace file', error, vscode.workspace.asRelativePath(uri));
      }
      if (!token.isCancellationRequested) progress.report({ message: `${++done}/${files.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / files.length });
    };
    const reviewOne = async (uri: vscode.Uri): Promise<void> => {
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
      if (open) {
        await controller.review(open);
        summary.files++;
        summary.findings += store.get(uri)?.findings.length ?? 0;
        return;
      }
      const settings = readSettings(uri);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > settings.maxFileSize) {
        summary.skipped.push({ uri, reason: `over clauseguard.maxFileSize (${settings.maxFileSize} bytes)` });
        return;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (isBinaryText(bytes)) {
        summary.skipped.push({ uri, reason: 'a binary file' });
        return;
      }
      const text = decoder.decode(bytes);
      const { findings, onWorker } = await workers.review(uri, text, settings);
      if (token.isCancellationRequested) return;
      if (onWorker) summary.onWorkers++;
      const shown = withSettings(findings, settings);
      const lines = new LineIndex(text);
      store.set({ uri: uri.toString(), version: undefined, languageId: languageOf(uri), findings: shown, text });
      controller.diagnostics.set(uri, shown.map((finding) => toDiagnostic(finding, uri, finding.severity, lines)));
      summary.files++;
      summary.findings += shown.length;
    };
    // Read ahead enough files to keep every worker busy, no more: a workspace can be large.
    const inFlight = new Set<Promise<void>>();
    try {
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        const job: Promise<void> = reviewFile(uri).finally(() => inFlight.delete(job));
        inFlight.add(job);
        if (inFlight.size >= workers.size * 2) await Promise.race(inFlight);
      }
      // Cancelled: stop the workers at once; the files they had are dropped, not reviewed here instead.
      if (token.isCancellationRequested) await workers.close();
      await Promise.all(inFlight);
      summary.cancelled = token.isCancellationRequested;
    } finally {
      await workers.close();
    }
  });
  for (const skipped of summary.skipped) log.warn(`Review Workspace skipped ${vscode.workspace.asRelativePath(skipped.uri)}: ${skipped.reason}`);
  return summary;
}

/** A review pool per workspace folder, started on first use; files are reviewed in this thread when workers cannot start. */
class FolderPools {
  private readonly pools = new Map<string, ReviewPool>();
  private workersFailed = false;
  private closed = false;

  constructor(
    private readonly rulebooks: RulebookService,
    private readonly log: Log,
    private readonly workerScript: string | undefined,
    readonly size: number,
  ) {}

  async review(uri: vscode.Uri, text: string, settings: Settings): Promise<{ findings: Finding[]; onWorker: boolean }> {
    if (this.closed) return { findings: [], onWorker: false };
    const options = { disabledRules: settings.disabledRules, includeProtective: settings.showProtective, perspective: settings.perspective };
    if (this.workerScript && this.size > 1 && !this.workersFailed) {
      const reply = await (await this.poolFor(uri, settings)).review({ text });
      if (reply.ok) return { findings: reply.findings, onWorker: true };
      if (this.closed) return { findings: [], onWorker: false }; // cancelled: the workers were stopped
      if (reply.skipped) throw new Error(reply.skipped);
      if (!this.workersFailed) this.log.warn(`Review workers are not available (${reply.error}); reviewing in the extension host instead.`);
      this.workersFailed = true;
    }
    return { findings: reviewText(text, await this.rulebooks.rulebookFor(uri), options).findings, onWorker: false };
  }

  private async poolFor(uri: vscode.Uri, settings: Settings): Promise<ReviewPool> {
    const key = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
    let pool = this.pools.get(key);
    if (!pool) {
      const sources = await this.rulebooks.sourcesFor(uri);
      pool = this.pools.get(key);
      if (pool) return pool;
      pool = new ReviewPool(this.workerScript!, this.size, {
        rulebooks: sources,
        disabledRules: [...settings.disabledRules],
        includeProtective: settings.showProtective,
        perspective: settings.perspective,
        maxFileSize: settings.maxFileSize,
        returnText: false,
      });
      this.pools.set(key, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

function languageOf(uri: vscode.Uri): string {
  const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
  return [...EXTENSIONS].find(([, extensions]) => extensions.includes(extension))?.[0] ?? 'plaintext';
}

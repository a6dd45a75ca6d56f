import * as vscode from 'vscode';
import { isBinaryText } from '../engine';
import type { FindingStore } from './findingStore';
import type { Log } from './log';
import type { ReviewController } from './reviewController';
import { reviewText } from './reviewer';
import type { RulebookService } from './rulebookService';
import { readSettings } from './settings';
import { toDiagnostic, withSettings } from './toDiagnostic';

/** File extensions of the languages ClauseGuard reviews. */
const EXTENSIONS: Record<string, string[]> = {
  contract: ['contract'],
  markdown: ['md', 'markdown'],
  plaintext: ['txt'],
};
const EXCLUDE = '**/{node_modules,.git,dist,out,.vscode-test}/**';
const decoder = new TextDecoder('utf-8');

export interface WorkspaceReviewSummary {
  files: number;
  findings: number;
  skipped: { uri: vscode.Uri; reason: string }[];
  cancelled: boolean;
}

/**
 * Review Workspace: every file of the reviewed languages into the Problems panel, with a progress
 * notification that can be cancelled. Open documents are reviewed from the editor (their unsaved
 * text); the rest is read through vscode.workspace.fs.
 */
export async function reviewWorkspace(controller: ReviewController, store: FindingStore, rulebooks: RulebookService, log: Log): Promise<WorkspaceReviewSummary> {
  const summary: WorkspaceReviewSummary = { files: 0, findings: 0, skipped: [], cancelled: false };
  const languages = readSettings().languages;
  const extensions = languages.flatMap((language) => EXTENSIONS[language] ?? []);
  if (!extensions.length) return summary;
  const files = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, EXCLUDE);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'ClauseGuard: reviewing the workspace', cancellable: true }, async (progress, token) => {
    for (const [index, uri] of files.entries()) {
      if (token.isCancellationRequested) {
        summary.cancelled = true;
        break;
      }
      progress.report({ message: `${index + 1}/${files.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / files.length });
      try {
        const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
        if (open) {
          await controller.review(open);
          summary.files++;
          summary.findings += store.get(uri)?.findings.length ?? 0;
          continue;
        }
        const settings = readSettings(uri);
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > settings.maxFileSize) {
          summary.skipped.push({ uri, reason: `over clauseguard.maxFileSize (${settings.maxFileSize} bytes)` });
          continue;
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (isBinaryText(bytes)) {
          summary.skipped.push({ uri, reason: 'a binary file' });
          continue;
        }
        const text = decoder.decode(bytes);
        const rulebook = await rulebooks.rulebookFor(uri);
        const { findings, lines } = reviewText(text, rulebook, { disabledRules: settings.disabledRules, includeProtective: settings.showProtective, perspective: settings.perspective });
        const shown = withSettings(findings, settings);
        store.set({ uri: uri.toString(), version: undefined, languageId: languageOf(uri), findings: shown, text });
        controller.diagnostics.set(uri, shown.map((finding) => toDiagnostic(finding, uri, finding.severity, lines)));
        summary.files++;
        summary.findings += shown.length;
      } catch (error) {
        summary.skipped.push({ uri, reason: (error as Error).message });
        log.error('Reviewing a workspace file', error, vscode.workspace.asRelativePath(uri));
      }
      // Let the extension host breathe between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  for (const skipped of summary.skipped) log.warn(`Review Workspace skipped ${vscode.workspace.asRelativePath(skipped.uri)}: ${skipped.reason}`);
  return summary;
}

function languageOf(uri: vscode.Uri): string {
  const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
  return Object.entries(EXTENSIONS).find(([, extensions]) => extensions.includes(extension))?.[0] ?? 'plaintext';
}

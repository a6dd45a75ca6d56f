import * as vscode from 'vscode';
import type { FindingReference } from './commandLinks';
import type { FindingStore } from './findingStore';
import { fixAllEdits, starterRulebook } from '../engine';
import { applyEdits, resolveReference, suppressionEdit, type FixReference } from './fixes';
import type { Log } from './log';
import type { ReviewController } from './reviewController';
import { reviewReportMarkdown } from './reviewReport';
import { ruleDocumentationUri } from './ruleDocumentation';
import { TEAM_RULEBOOK, type RulebookService } from './rulebookService';
import { SECTION } from './settings';
import { reviewWorkspace, type WorkspaceReviewSummary } from './workspaceReview';

export interface CommandServices {
  store: FindingStore;
  controller: ReviewController;
  rulebooks: RulebookService;
  log: Log;
  /** Every rule id of the rulebook in force for a document (or the built-in one). */
  ruleIds(uri?: vscode.Uri): Promise<string[]>;
  /** The review worker bundle (Review Workspace reviews on worker threads), when the extension runs from disk. */
  workerScript?: string;
}

/** Registers the commands of the "ClauseGuard" category. Each returns a result tests can check. */
export function registerCommands(services: CommandServices): vscode.Disposable[] {
  const { store, controller, rulebooks, log } = services;
  const guarded =
    <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await run(...args);
      } catch (error) {
        log.error(name, error);
        return undefined;
      }
    };
  return [
    vscode.commands.registerCommand(
      'clauseguard.applyFix',
      guarded('Applying a fix', async (reference: FixReference) => {
        const resolved = await resolveReference(store, reference);
        if (typeof resolved === 'string') {
          void vscode.window.showWarningMessage(`ClauseGuard: ${resolved}`);
          return false;
        }
        const fix = resolved.finding.fixes[reference.fixIndex];
        return fix ? applyEdits(resolved.document, reference.version, fix.edits) : false;
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.suppressFinding',
      guarded('Suppressing a finding', async (reference: FindingReference) => {
        const resolved = await resolveReference(store, reference);
        if (typeof resolved === 'string') {
          void vscode.window.showWarningMessage(`ClauseGuard: ${resolved}`);
          return false;
        }
        return applyEdits(resolved.document, reference.version, [suppressionEdit(resolved.document, resolved.finding)]);
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.fixAll',
      guarded('Applying all fixes', async (uri?: string, version?: number) => {
        const document = uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : vscode.window.activeTextEditor?.document;
        if (!document) return false;
        const review = await controller.ensureReviewed(document);
        if (!review || (version !== undefined && version !== document.version)) {
          void vscode.window.showWarningMessage('ClauseGuard: the document changed since it was reviewed; run Fix All again after the review.');
          return false;
        }
        return applyEdits(document, document.version, fixAllEdits(review.findings));
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.disableRule',
      guarded('Disabling a rule', async (ruleId: string, uri?: string) => {
        const scope = uri ? vscode.Uri.parse(uri) : undefined;
        const config = vscode.workspace.getConfiguration(SECTION, scope);
        const disabled = new Set(config.get<string[]>('disabledRules', []));
        disabled.add(ruleId);
        const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await config.update('disabledRules', [...disabled].sort(), target);
        return true;
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.showRuleDocumentation',
      guarded('Showing rule documentation', async (ruleId?: string) => {
        const id = ruleId ?? (await vscode.window.showQuickPick(await services.ruleIds(vscode.window.activeTextEditor?.document.uri), { placeHolder: 'Which rule?' }));
        if (!id) return undefined;
        const uri = ruleDocumentationUri(id);
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
        return document.getText();
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.reviewWorkspace',
      guarded('Reviewing the workspace', async (): Promise<WorkspaceReviewSummary> => {
        const summary = await reviewWorkspace(controller, store, rulebooks, log, services.workerScript);
        const skipped = summary.skipped.length ? `; ${summary.skipped.length} skipped (see the ClauseGuard output)` : '';
        void vscode.window.showInformationMessage(`ClauseGuard ${summary.cancelled ? 'stopped after' : 'reviewed'} ${summary.files} file${summary.files === 1 ? '' : 's'}: ${summary.findings} finding${summary.findings === 1 ? '' : 's'}${skipped}.`);
        return summary;
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.exportReport',
      guarded('Exporting the review report', async (target?: vscode.Uri) => {
        if (!store.all().length) await vscode.commands.executeCommand('clauseguard.reviewWorkspace');
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const destination =
          target ?? (await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, 'clauseguard-review.md') : undefined, filters: { Markdown: ['md'] }, title: 'Export ClauseGuard review report' }));
        if (!destination) return undefined;
        const files = store
          .all()
          .map((review) => ({ path: vscode.workspace.asRelativePath(vscode.Uri.parse(review.uri)), text: review.text, findings: review.findings }))
          .sort((a, b) => a.path.localeCompare(b.path));
        await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(reviewReportMarkdown(files)));
        if (!target) await vscode.window.showTextDocument(destination);
        return destination.toString();
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.toggleReviews',
      guarded('Toggling reviews', async () => {
        const config = vscode.workspace.getConfiguration(SECTION);
        const enabled = !config.get<boolean>('enable', true);
        await config.update('enable', enabled, vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
        void vscode.window.setStatusBarMessage(`ClauseGuard reviews ${enabled ? 'on' : 'off'}`, 3000);
        return enabled;
      }),
    ),
    vscode.commands.registerCommand(
      'clauseguard.createTeamRulebook',
      guarded('Creating a team rulebook', async (folderUri?: vscode.Uri) => {
        const folder = folderUri ? vscode.workspace.getWorkspaceFolder(folderUri) : (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? await vscode.window.showWorkspaceFolderPick() : vscode.workspace.workspaceFolders?.[0];
        if (!folder) {
          void vscode.window.showWarningMessage('ClauseGuard: open a folder first; the team rulebook lives in its .clauseguard folder.');
          return undefined;
        }
        const uri = vscode.Uri.joinPath(folder.uri, TEAM_RULEBOOK);
        try {
          await vscode.workspace.fs.stat(uri);
        } catch {
          await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(starterRulebook(schemaPathFor())));
        }
        await vscode.window.showTextDocument(uri);
        await rulebooks.reload(folder);
        return uri.toString();
      }),
    ),
  ];
}

/** The schema is wired up by contributes.jsonValidation; this path helps other editors. */
function schemaPathFor(): string {
  return 'https://clauseguard.invalid/schemas/rulebook.schema.json';
}

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, clauseGuardDiagnostics, codeOf, waitForDiagnostics, workspaceUri } from './helpers';

describe('ClauseGuard commands in a real VS Code', () => {
  before(activateExtension);

  it('Review Workspace fills the Problems panel with files that are not open', async () => {
    const unopened = workspaceUri('contracts', 'unopened.txt');
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === unopened.toString()));
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number; onWorkers: number }>('clauseguard.reviewWorkspace');
    assert.ok(summary.files >= 3, `reviewed ${summary.files} files`);
    // The files that are not open go to the same worker pool as the CLI uses.
    assert.ok(summary.onWorkers >= 1, `${summary.onWorkers} files were reviewed on worker threads`);
    const diagnostics = clauseGuardDiagnostics(unopened);
    assert.ok(diagnostics.some((diagnostic) => codeOf(diagnostic) === 'tt/ip-assignment'), 'the assignment in the unopened file');
    assert.ok(diagnostics.some((diagnostic) => diagnostic.message.length > 0 && codeOf(diagnostic).startsWith('tt/disclosure')), 'the disclosure to authorities');
  });

  it('Export Review Report writes the issue register', async () => {
    await vscode.commands.executeCommand('clauseguard.reviewWorkspace');
    const target = workspaceUri('review-report.md');
    const written = await vscode.commands.executeCommand<string>('clauseguard.exportReport', target);
    assert.equal(written, target.toString());
    const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(report, /^# ClauseGuard review/);
    assert.match(report, /## contracts\/unopened\.txt/);
    assert.match(report, /\*\*Location:\*\* contracts\/unopened\.txt, line \d+/);
    assert.match(report, /\*\*Category:\*\* ip-assignment/);
    assert.match(report, /\*\*Why it matters\*\*/);
    assert.match(report, /\*\*Suggested wording\*\*/);
    await vscode.workspace.fs.delete(target);
  });

  it('Show Rule Documentation opens the generated page of a rule', async () => {
    const page = await vscode.commands.executeCommand<string>('clauseguard.showRuleDocumentation', 'tt/free-licence');
    assert.match(page, /^# Technology licensed or transferred for free/);
    assert.match(page, /## Citation/);
    assert.match(page, /## Suggested wording/);
  });

  it('Toggle Reviews turns reviews off and on again', async () => {
    const uri = workspaceUri('contracts', 'supply.contract');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(uri, (found) => found.length > 0);
    assert.equal(await vscode.commands.executeCommand('clauseguard.toggleReviews'), false);
    await waitForDiagnostics(uri, (found) => found.length === 0);
    assert.equal(await vscode.commands.executeCommand('clauseguard.toggleReviews'), true);
    await waitForDiagnostics(uri, (found) => found.length > 0);
  });
});

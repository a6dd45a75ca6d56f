import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, clauseGuardDiagnostics, codeOf, openDocument, waitForDiagnostics, workspaceUri } from '../editor/helpers';

/**
 * The same extension in a workspace that is not trusted (restricted mode), as declared in
 * package.json `capabilities.untrustedWorkspaces`: the workspace's own rulebook applies (its rules
 * only match text), but neither the `clauseguard.rulebooks` setting nor npm packages do.
 */

/** Resolves with the rulebook problems on `uri` once `accept` holds for them (no fixed sleeps). */
function waitForRulebookProblems(uri: vscode.Uri, accept: (problems: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const problems = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'ClauseGuard rulebook');
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!accept(problems())) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(problems());
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for rulebook problems on ${uri.toString()}; saw ${JSON.stringify(problems().map((problem) => problem.message))}`));
    }, timeoutMs);
    check();
  });
}

describe('an untrusted workspace in a real VS Code', () => {
  before(activateExtension);

  it('runs in restricted mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it("applies the workspace's own rulebook, but not the rulebooks named by its settings", async () => {
    const document = await openDocument('contracts', 'supply.md');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'team/cell-line'));
    const codes = diagnostics.map(codeOf);
    assert.ok(!codes.includes('extra/escrow-release'), `a rule of clauseguard.rulebooks applied: ${codes.join(', ')}`);
  });

  it('does not resolve an npm package, says so on the rulebook, and keeps the last good rulebook', async () => {
    const contract = await openDocument('contracts', 'supply.md');
    await waitForDiagnostics(contract.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'team/cell-line'));
    const rulebook = await vscode.workspace.openTextDocument(workspaceUri('.clauseguard', 'rulebook.json'));
    await vscode.window.showTextDocument(rulebook);
    const edit = new vscode.WorkspaceEdit();
    const opening = rulebook.getText().indexOf('{');
    edit.insert(rulebook.uri, rulebook.positionAt(opening + 1), '\n  "extends": ["clauseguard:recommended", "@acme/clauseguard-rules"],');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await rulebook.save());
    const problems = await waitForRulebookProblems(rulebook.uri, (found) => found.length > 0);
    assert.ok(
      problems.some((problem) => /not resolved in an untrusted workspace/.test(problem.message) && problem.range.start.line === 2),
      problems.map((problem) => `${problem.range.start.line}: ${problem.message}`).join('; '),
    );
    // The contract is still reviewed with the last good rulebook, without the package's rules.
    const codes = clauseGuardDiagnostics(contract.uri).map(codeOf);
    assert.ok(codes.includes('team/cell-line'), codes.join(', '));
    assert.ok(!codes.includes('acme/cell-line-transfer'), codes.join(', '));
  });
});

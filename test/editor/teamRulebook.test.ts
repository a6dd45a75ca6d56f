import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openDocument, waitForDiagnostics, workspaceUri } from './helpers';

const TEAM_RULE = {
  id: 'team/cell-line',
  category: 'disclosure-demand',
  severity: 'error',
  title: 'Cell line handed over',
  message: 'A cell line must be handed over.',
  explanation: 'Our cell lines are trade secrets; we supply products made from them.',
  citation: 'Team position paper 7.',
  match: { all: [{ pattern: '(deliver|transfer) .{0,8} #CellLine' }], negated: false, modality: ['obligation'] },
  examples: { match: ['The Supplier shall deliver the master cell bank.'], noMatch: [] },
};
const RULEBOOK = `// Team rulebook written by the editor suite\n${JSON.stringify({ vocabulary: { CellLine: ['master cell bank'] }, rules: [TEAM_RULE] }, null, 2)}\n`;

/** Replaces a document's whole text and saves it, as a user editing the file would. */
async function writeAndSave(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: true });
  await vscode.workspace.applyEdit(edit);
  const document = await vscode.workspace.openTextDocument(uri);
  const replace = new vscode.WorkspaceEdit();
  replace.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(replace));
  assert.ok(await document.save());
  return document;
}

describe('team rulebooks in a real VS Code', () => {
  const rulebookUri = (): vscode.Uri => workspaceUri('.clauseguard', 'rulebook.json');
  before(activateExtension);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(rulebookUri(), { useTrash: false }).then(undefined, () => undefined);
  });

  it('applies a team rule as soon as the rulebook is saved', async () => {
    const contract = await openDocument('contracts', 'supply.contract');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(contract.uri, contract.positionAt(contract.getText().length), '\n2.2 The Supplier shall deliver the master cell bank to the Purchaser.\n');
    await vscode.workspace.applyEdit(edit);
    await waitForDiagnostics(contract.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/domestic-preference'));
    assert.ok(!vscode.languages.getDiagnostics(contract.uri).some((diagnostic) => codeOf(diagnostic) === 'team/cell-line'));
    await writeAndSave(rulebookUri(), RULEBOOK);
    const diagnostics = await waitForDiagnostics(contract.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'team/cell-line'));
    const team = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'team/cell-line')!;
    assert.equal(team.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(contract.getText(team.range), 'The Supplier shall deliver the master cell bank to the Purchaser.');
  });

  it('shows rulebook errors on the rulebook file and keeps the last good rulebook in force', async () => {
    const contract = await openDocument('contracts', 'supply.contract');
    await waitForDiagnostics(contract.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'team/cell-line'));
    const broken = RULEBOOK.replace('"severity": "error"', '"severity": "fatal"');
    const rulebook = await writeAndSave(rulebookUri(), broken);
    const problems = await new Promise<vscode.Diagnostic[]>((resolve, reject) => {
      const check = (): boolean => {
        const found = vscode.languages.getDiagnostics(rulebook.uri).filter((diagnostic) => diagnostic.source === 'ClauseGuard rulebook');
        if (!found.length) return false;
        subscription.dispose();
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const subscription = vscode.languages.onDidChangeDiagnostics(() => check());
      const timer = setTimeout(() => reject(new Error('no rulebook diagnostics')), 20_000);
      check();
    });
    const severity = problems.find((diagnostic) => /severity/.test(diagnostic.message))!;
    assert.ok(severity, problems.map((diagnostic) => diagnostic.message).join('; '));
    assert.match(severity.message, /rules\[0\]\.severity is "fatal"; it must be one of "error", "warning", "information", "hint"/);
    assert.equal(rulebook.getText(new vscode.Range(severity.range.start, severity.range.start.translate(0, 7))), '"fatal"');
    assert.equal(severity.severity, vscode.DiagnosticSeverity.Error);
    // The contract is reviewed again and the last good rulebook still applies.
    await vscode.commands.executeCommand('clauseguard.reviewWorkspace');
    assert.ok(vscode.languages.getDiagnostics(contract.uri).some((diagnostic) => codeOf(diagnostic) === 'team/cell-line'), 'the last good rulebook stays in force');
    await writeAndSave(rulebookUri(), RULEBOOK);
    await new Promise<void>((resolve, reject) => {
      const done = (): boolean => {
        if (vscode.languages.getDiagnostics(rulebook.uri).some((diagnostic) => diagnostic.source === 'ClauseGuard rulebook')) return false;
        subscription.dispose();
        clearTimeout(timer);
        resolve();
        return true;
      };
      const subscription = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => reject(new Error('rulebook diagnostics were not cleared')), 20_000);
      done();
    });
  });
});

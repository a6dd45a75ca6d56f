import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze, compiledRecommended } from '../../src/engine';
import { activateExtension, codeOf, openDocument, revert, waitForDiagnostics, workspaceUri } from './helpers';

describe('diagnostics in a real VS Code', () => {
  before(activateExtension);

  it('reports each finding of a Markdown contract with source, rule code, severity and the exact range', async () => {
    const document = await openDocument('contracts', 'licence-draft.md');
    const expected = analyze(document.getText(), compiledRecommended()).findings;
    assert.ok(expected.length >= 3, 'the fixture has risky clauses');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length === expected.length);
    const severity = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint };
    for (const finding of expected) {
      const diagnostic = diagnostics.find((candidate) => codeOf(candidate) === finding.ruleId && document.offsetAt(candidate.range.start) === finding.start);
      assert.ok(diagnostic, `a diagnostic for ${finding.ruleId}`);
      assert.equal(document.offsetAt(diagnostic.range.end), finding.end);
      assert.equal(diagnostic.severity, severity[finding.severity]);
      assert.equal(diagnostic.source, 'ClauseGuard');
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.scheme, 'clauseguard-rule');
      assert.equal(code.target.path, `/${finding.ruleId}.md`);
    }
    const grantBack = diagnostics.find((diagnostic) => codeOf(diagnostic).startsWith('tt/grant-back'));
    assert.ok(grantBack, 'the free grant-back licence is flagged');
    assert.ok(document.getText(grantBack.range).startsWith('Licensee hereby grants to Licensor a royalty-free'));
    assert.ok(grantBack.relatedInformation?.some((info) => document.getText(info.location.range) === 'Improvements'), 'related information points at the definition of "Improvements"');
    const risks = diagnostics.filter((diagnostic) => diagnostic.severity !== vscode.DiagnosticSeverity.Hint);
    assert.ok(!risks.some((diagnostic) => document.getText(diagnostic.range).startsWith('Licensor grants Licensee a non-exclusive, royalty-bearing')), 'the royalty-bearing licence is not a risk');
    assert.ok(diagnostics.some((diagnostic) => codeOf(diagnostic) === 'protective/retained-ownership' && diagnostic.severity === vscode.DiagnosticSeverity.Hint), 'retained ownership is marked as protective');
  });

  it('reviews the contract language', async () => {
    const document = await openDocument('contracts', 'supply.contract');
    assert.equal(document.languageId, 'contract');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/transfer-on-request'));
    assert.ok(diagnostics.some((diagnostic) => codeOf(diagnostic) === 'tt/domestic-preference'));
    const covenant = diagnostics.filter((diagnostic) => document.getText(diagnostic.range).startsWith('Neither Party shall require'));
    assert.deepEqual(covenant.map(codeOf), ['protective/no-pressure-covenant'], 'the no-pressure covenant is protective, not a risk');
  });

  it('updates diagnostics as the text is edited', async () => {
    const document = await openDocument('contracts', 'licence-draft.md');
    await waitForDiagnostics(document.uri, (found) => found.length > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(document.getText().length), '\n\n3.3 The Licensee shall use technology owned or licensed by the Licensor for all Products.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/use-partner-technology'));
    assert.ok(diagnostics.length > 0);
    await revert(document);
    await waitForDiagnostics(document.uri, (found) => !found.some((diagnostic) => codeOf(diagnostic) === 'tt/use-partner-technology'));
  });

  it('follows edits of several ranges at once (as multi-cursor typing makes) to exactly the findings of the new text', async () => {
    const original = await vscode.workspace.openTextDocument(workspaceUri('contracts', 'licence-draft.md'));
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: original.getText().repeat(3) });
    await vscode.window.showTextDocument(document);
    const rulebook = compiledRecommended();
    const expected = (): string[] => analyze(document.getText(), rulebook).findings.map((finding) => `${finding.ruleId}@${finding.start}-${finding.end}`).sort();
    const shown = (found: vscode.Diagnostic[]): string[] => found.map((diagnostic) => `${codeOf(diagnostic)}@${document.offsetAt(diagnostic.range.start)}-${document.offsetAt(diagnostic.range.end)}`).sort();
    await waitForDiagnostics(document.uri, (found) => shown(found).join() === expected().join());
    const words = ['ALSO', 'technology', 'x', 'source code and know-how', ''];
    for (let round = 0; round < 6; round++) {
      // Three words spread through the text, replaced in one edit: one change event with three changes.
      const text = document.getText();
      const edit = new vscode.WorkspaceEdit();
      for (let part = 0; part < 3; part++) {
        const match = /[A-Za-z]{3,}/g;
        match.lastIndex = Math.floor(((part + 0.3 + round * 0.1) / 3) * text.length);
        const found = match.exec(text);
        if (!found) continue;
        edit.replace(document.uri, new vscode.Range(document.positionAt(found.index), document.positionAt(found.index + found[0].length)), words[(round + part) % words.length]);
      }
      if (round === 4) edit.insert(document.uri, document.positionAt(text.indexOf('2.3')), 'The Licensee shall use technology owned by the Licensor.\n\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitForDiagnostics(document.uri, (found) => shown(found).join() === expected().join());
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('clears diagnostics when a document closes', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The Licensor shall deliver the Source Code to the Licensee.\n' });
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri, (found) => found.length > 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(document.uri, (found) => found.length === 0);
  });
});

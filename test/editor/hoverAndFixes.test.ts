import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openDocument, revert, waitForDiagnostics } from './helpers';

/** The hover as a reader sees it: appendText escapes spaces and punctuation, which rendering undoes. */
function hoverText(hovers: vscode.Hover[]): string {
  const raw = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
  return raw.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

describe('hovers and code actions in a real VS Code', () => {
  before(activateExtension);

  it('explains a flagged clause and shows the wording to propose', async () => {
    const document = await openDocument('contracts', 'licence-draft.md');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/source-code-delivery'));
    const diagnostic = diagnostics.find((candidate) => codeOf(candidate) === 'tt/source-code-delivery')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 5));
    const text = hoverText(hovers);
    assert.match(text, /Source code handed over/);
    assert.match(text, /Why it matters/);
    assert.match(text, /escrow/);
    assert.match(text, /Suggested wording/);
    assert.match(text, /command:clauseguard\.applyFix/);
    const markdown = hovers[0].contents[0] as vscode.MarkdownString;
    assert.deepEqual(markdown.isTrusted, { enabledCommands: ['clauseguard.applyFix', 'clauseguard.suppressFinding', 'clauseguard.showRuleDocumentation'] });
  });

  it('offers each wording, the preferred one first, and applying it changes exactly the clause', async () => {
    const document = await openDocument('contracts', 'licence-draft.md');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/source-code-delivery'));
    const diagnostic = diagnostics.find((candidate) => codeOf(candidate) === 'tt/source-code-delivery')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const mine = actions.filter((action) => action.command?.command === 'clauseguard.applyFix' && (action.command.arguments?.[0] as { ruleId: string }).ruleId === 'tt/source-code-delivery');
    assert.ok(mine.length >= 2, 'a preferred and a fallback wording');
    const preferred = mine.filter((action) => action.isPreferred);
    assert.equal(preferred.length, 1);
    assert.ok(actions.some((action) => action.title.startsWith('Suppress tt/source-code-delivery')));
    assert.ok(actions.some((action) => action.title.startsWith('Disable tt/source-code-delivery')));
    assert.ok(actions.some((action) => action.title.startsWith('Explain tt/source-code-delivery')));
    const before = document.getText();
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    const applied = await vscode.commands.executeCommand<boolean>(preferred[0].command!.command, ...(preferred[0].command!.arguments ?? []));
    assert.equal(applied, true);
    const after = document.getText();
    assert.equal(after.slice(0, start), before.slice(0, start), 'text before the clause is untouched');
    assert.equal(after.slice(after.length - (before.length - end)), before.slice(end), 'text after the clause is untouched');
    assert.match(after.slice(start, after.length - (before.length - end)), /object code/);
    await revert(document);
  });

  it('refuses a fix computed for an older version of the document', async () => {
    const document = await openDocument('contracts', 'licence-draft.md');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/source-code-delivery'));
    const diagnostic = diagnostics.find((candidate) => codeOf(candidate) === 'tt/source-code-delivery')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const fix = actions.find((action) => action.isPreferred && action.command?.command === 'clauseguard.applyFix')!;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), 'DRAFT ');
    await vscode.workspace.applyEdit(edit);
    const before = document.getText();
    const applied = await vscode.commands.executeCommand<boolean>(fix.command!.command, ...(fix.command!.arguments ?? []));
    assert.equal(applied, false);
    assert.equal(document.getText(), before, 'nothing changed');
    await revert(document);
  });

  it('suppresses a finding with a comment that the review honours', async () => {
    const document = await openDocument('contracts', 'licence-draft.md');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/source-code-delivery'));
    const diagnostic = diagnostics.find((candidate) => codeOf(candidate) === 'tt/source-code-delivery')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const suppress = actions.find((action) => action.title.startsWith('Suppress tt/source-code-delivery'))!;
    assert.equal(await vscode.commands.executeCommand(suppress.command!.command, ...(suppress.command!.arguments ?? [])), true);
    assert.match(document.lineAt(diagnostic.range.start.line).text, /^<!-- clauseguard-disable-next-line tt\/source-code-delivery -->$/);
    const after = await waitForDiagnostics(document.uri, (found) => found.length > 0 && !found.some((candidate) => codeOf(candidate) === 'tt/source-code-delivery'));
    assert.ok(after.length > 0, 'other findings stay');
    await revert(document);
  });

  it('applies every preferred wording with fix-all', async () => {
    const document = await openDocument('contracts', 'licence-draft.md');
    const before = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning));
    const risky = before.filter((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning).length;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.clauseguard');
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.clauseguard');
    assert.ok(fixAll, 'a source.fixAll.clauseguard action');
    assert.equal(await vscode.commands.executeCommand(fixAll.command!.command, ...(fixAll.command!.arguments ?? [])), true);
    await waitForDiagnostics(document.uri, (found) => found.filter((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning).length < risky);
    await revert(document);
  });
});

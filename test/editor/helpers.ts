import * as vscode from 'vscode';

export const EXTENSION_ID = 'clauseguard.clauseguard';

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
}

export function workspaceUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

export function clauseGuardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'ClauseGuard');
}

/**
 * Resolves with the ClauseGuard diagnostics of `uri` once `accept` holds for them, waiting on
 * languages.onDidChangeDiagnostics (no fixed sleeps). Rejects after `timeoutMs` with what it saw.
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = clauseGuardDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = clauseGuardDiagnostics(uri).map((diagnostic) => `${codeOf(diagnostic)}@${diagnostic.range.start.line}`);
      reject(new Error(`timed out waiting for diagnostics of ${uri.toString()}; saw [${seen.join(', ')}]`));
    }, timeoutMs);
    check();
  });
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export async function openDocument(...path: string[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...path));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Waits for the event, with a timeout that names what was awaited. */
export function nextEvent<T>(event: vscode.Event<T>, what: string, accept: (value: T) => boolean = () => true, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = event((value) => {
      if (!accept(value)) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(value);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
  });
}

/**
 * Puts a document back to its text on disk. The revert command acts on the active editor, which
 * a busy workbench may not have switched to yet, so the text is checked and, if the command did
 * not take, replaced through the API (and saved, so the document is clean either way).
 */
export async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert', document.uri);
  const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
  if (document.getText() === saved) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), saved);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) throw new Error(`could not revert ${document.uri.toString()}`);
}

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, clauseGuardDiagnostics, codeOf, waitForDiagnostics, workspaceUri } from './helpers';

/** An in-memory file system, standing in for a virtual workspace (a remote repository, say). */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.length };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((path) => [path.slice(1), vscode.FileType.File]);
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(): void {}
}

describe('robustness in a real VS Code', () => {
  before(activateExtension);

  it('keeps reviewing after a binary file and a huge file were opened', async () => {
    const binary = workspaceUri('contracts', 'scan.txt');
    const bytes = new Uint8Array(4096).map((_value, index) => (index % 7 === 0 ? 0 : 65 + (index % 26)));
    await vscode.workspace.fs.writeFile(binary, bytes);
    try {
      const document = await vscode.workspace.openTextDocument(binary);
      await vscode.window.showTextDocument(document);
    } catch {
      // VS Code may refuse to open a binary file as text; either way ClauseGuard must carry on.
    }
    const huge = workspaceUri('contracts', 'huge.md');
    const paragraph = 'The Licensor shall deliver the Source Code to the Licensee upon request. ';
    await vscode.workspace.fs.writeFile(huge, new TextEncoder().encode(paragraph.repeat(Math.ceil((11 * 1024 * 1024) / paragraph.length))));
    const hugeDocument = await vscode.workspace.openTextDocument(huge);
    await vscode.window.showTextDocument(hugeDocument);
    // Another document is still reviewed, and the huge one (over clauseguard.maxFileSize) is not.
    const fresh = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The Supplier shall deliver the Source Code to the Customer.\n' });
    await vscode.window.showTextDocument(fresh);
    const diagnostics = await waitForDiagnostics(fresh.uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/source-code-delivery'));
    assert.ok(diagnostics.length > 0);
    assert.deepEqual(clauseGuardDiagnostics(huge), [], 'the huge file is skipped, not reviewed');
    assert.deepEqual(clauseGuardDiagnostics(binary), [], 'the binary file is not reviewed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(huge);
    await vscode.workspace.fs.delete(binary);
  });

  it('reviews a document of a virtual file system, read through vscode.workspace.fs', async () => {
    const provider = new MemoryFileSystem();
    const registration = vscode.workspace.registerFileSystemProvider('cgmem', provider, { isCaseSensitive: true });
    try {
      const uri = vscode.Uri.parse('cgmem:/draft.md');
      provider.writeFile(uri, new TextEncoder().encode('# Draft\n\nThe Partner hereby assigns to the JV Company all right, title and interest in and to the Patents.\n'));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const diagnostics = await waitForDiagnostics(uri, (found) => found.some((diagnostic) => codeOf(diagnostic) === 'tt/ip-assignment'));
      assert.ok(diagnostics.every((diagnostic) => diagnostic.source === 'ClauseGuard'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      registration.dispose();
    }
  });
});

import * as vscode from 'vscode';
import type { RulebookHost } from '../engine';

const decoder = new TextDecoder('utf-8');
const MAX_RULEBOOK_BYTES = 5 * 1024 * 1024;

/**
 * Reads rulebooks through vscode.workspace.fs, so team rulebooks load the same way from a local
 * folder, a remote or a virtual workspace. Locations are URI strings.
 */
export function workspaceRulebookHost(folder: vscode.WorkspaceFolder | undefined, allowPackages: boolean): RulebookHost {
  return {
    async read(location) {
      const uri = vscode.Uri.parse(location);
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(uri);
      } catch {
        throw new Error('no such file');
      }
      if (stat.type & vscode.FileType.Directory) throw new Error('it is a directory, not a file');
      if (stat.size > MAX_RULEBOOK_BYTES) throw new Error(`it is ${(stat.size / 1024 / 1024).toFixed(1)} MB; rulebooks over 5 MB are not read`);
      return decoder.decode(await vscode.workspace.fs.readFile(uri));
    },
    resolveRelative: (from, specifier) => vscode.Uri.joinPath(vscode.Uri.parse(from), '..', specifier).toString(),
    async resolvePackage(from, name) {
      if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name)) return undefined;
      // Search node_modules from the rulebook's folder up to the workspace folder, as Node does.
      let directory = vscode.Uri.joinPath(vscode.Uri.parse(from), '..');
      const top = folder?.uri.toString();
      for (let depth = 0; depth < 32; depth++) {
        const manifest = vscode.Uri.joinPath(directory, 'node_modules', name, 'package.json');
        try {
          const pkg = JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(manifest))) as { clauseguardRulebook?: string };
          return vscode.Uri.joinPath(directory, 'node_modules', name, pkg.clauseguardRulebook ?? 'rulebook.json').toString();
        } catch {
          // not here; look one folder up
        }
        if (directory.toString() === top || directory.path === '/' || !directory.path) return undefined;
        directory = vscode.Uri.joinPath(directory, '..');
      }
      return undefined;
    },
    display: (location) => vscode.workspace.asRelativePath(vscode.Uri.parse(location), true),
    allowPackages,
  };
}

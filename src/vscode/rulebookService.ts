import * as vscode from 'vscode';
import { compiledRecommended, loadRulebooks, type CompiledRulebook, type RuleDefinition, type RulebookProblem } from '../engine';
import type { RulebookText } from '../workers/protocol';
import type { Log } from './log';
import { workspaceRulebookHost } from './rulebookHost';
import { readSettings } from './settings';

/** Where a team keeps its rulebook in each workspace folder. */
export const TEAM_RULEBOOK = '.clauseguard/rulebook.json';

interface FolderState {
  rulebook: CompiledRulebook;
  /** The team rulebooks the rulebook was compiled from (the built-in one aside), for review workers. */
  sources: RulebookText[];
  /** URI strings of every rulebook file that took part, for the watcher. */
  locations: Set<string>;
  loading?: Promise<void>;
}

/**
 * Keeps one compiled rulebook per workspace folder: the built-in rulebook, the folder's
 * `.clauseguard/rulebook.json` and the files of `clauseguard.rulebooks`. Problems show in the
 * Problems panel on the rulebook file; a broken rulebook never takes the review down: the last
 * good one stays in force and a notification says so once.
 */
export class RulebookService implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly problems = vscode.languages.createDiagnosticCollection('clauseguard-rulebook');
  private readonly changed = new vscode.EventEmitter<vscode.WorkspaceFolder | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.problems, this.changed];
  private readonly warned = new Set<string>();
  /** Fires when a folder's rulebook changed (undefined: documents outside any folder). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,jsonc}');
    const reloadIfUsed = (uri: vscode.Uri): void => {
      for (const [key, state] of this.folders) {
        if (state.locations.has(uri.toString()) || uri.path.endsWith(`/${TEAM_RULEBOOK}`)) void this.reload(this.folderByKey(key));
      }
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(reloadIfUsed),
      watcher.onDidCreate(reloadIfUsed),
      watcher.onDidDelete(reloadIfUsed),
      vscode.workspace.onDidSaveTextDocument((document) => reloadIfUsed(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        for (const key of this.folders.keys()) {
          const folder = this.folderByKey(key);
          if (event.affectsConfiguration('clauseguard.rulebooks', folder?.uri)) void this.reload(folder);
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const key of this.folders.keys()) void this.reload(this.folderByKey(key));
      }),
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) this.folders.delete(removed.uri.toString());
      }),
    );
  }

  /** The rulebook in force for a document: its folder's, or the built-in one. */
  async rulebookFor(uri: vscode.Uri): Promise<CompiledRulebook> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let state = this.folders.get(key);
    if (!state) {
      state = { rulebook: compiledRecommended(), sources: [], locations: new Set() };
      this.folders.set(key, state);
      state.loading = this.reload(folder);
    }
    await state.loading;
    return state.rulebook;
  }

  /** The texts of the team rulebooks in force for a document, in order: review workers compile exactly these. */
  async sourcesFor(uri: vscode.Uri): Promise<RulebookText[]> {
    await this.rulebookFor(uri);
    return this.folders.get(vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '')?.sources ?? [];
  }

  /** A rule by id from any loaded rulebook (a folder's first, then the built-in one). */
  findRule(ruleId: string): RuleDefinition | undefined {
    for (const state of this.folders.values()) {
      const rule = state.rulebook.rulesById.get(ruleId);
      if (rule) return rule;
    }
    return compiledRecommended().rulesById.get(ruleId);
  }

  /** Reloads a folder's rulebooks; on success the new one is in force, on failure the last good one stays. */
  async reload(folder: vscode.WorkspaceFolder | undefined): Promise<void> {
    const key = folder?.uri.toString() ?? '';
    const state = this.folders.get(key) ?? { rulebook: compiledRecommended(), sources: [], locations: new Set<string>() };
    this.folders.set(key, state);
    const locations = folder ? await this.rulebookLocations(folder) : [];
    const loaded = await loadRulebooks(locations, workspaceRulebookHost(folder, vscode.workspace.isTrusted));
    const previousLocations = state.locations;
    state.locations = new Set([...loaded.locations, ...locations]);
    this.showProblems(loaded.problems, [...previousLocations, ...state.locations]);
    if (loaded.rulebook) {
      const previous = state.rulebook;
      state.rulebook = loaded.rulebook;
      state.sources = loaded.parsed.slice(1).map((book) => ({ source: book.source, text: book.text, location: book.location }));
      this.warned.delete(key);
      if (previous.version !== loaded.rulebook.version) this.changed.fire(folder);
    } else if (!this.warned.has(key)) {
      this.warned.add(key);
      const first = loaded.problems.find((problem) => problem.severity === 'error');
      this.log.warn(`Rulebook problems in ${folder?.name ?? 'the workspace'}: ${loaded.problems.map((problem) => `${problem.source}:${problem.line}:${problem.column} ${problem.message}`).join('; ')}`);
      void vscode.window
        .showWarningMessage(`ClauseGuard: the team rulebook has errors (${first ? `${first.source}:${first.line}:${first.column} ${first.message}` : 'see Problems'}). The last good rulebook stays in force.`, 'Show Problems')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
    }
  }

  private async rulebookLocations(folder: vscode.WorkspaceFolder): Promise<string[]> {
    const locations: string[] = [];
    const team = vscode.Uri.joinPath(folder.uri, TEAM_RULEBOOK);
    try {
      await vscode.workspace.fs.stat(team);
      locations.push(team.toString());
    } catch {
      // no team rulebook in this folder
    }
    for (const path of readSettings(folder.uri).rulebooks) locations.push(vscode.Uri.joinPath(folder.uri, path).toString());
    return locations;
  }

  /** Shows rulebook problems on the rulebook files themselves, at their line and column. */
  private showProblems(problems: RulebookProblem[], locations: (string | undefined)[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      if (!problem.location) continue;
      const start = new vscode.Position(problem.line - 1, problem.column - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(start, start.translate(0, Math.max(1, Math.min(problem.length, 200)))),
        problem.message,
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'ClauseGuard rulebook';
      byFile.set(problem.location, [...(byFile.get(problem.location) ?? []), diagnostic]);
    }
    for (const location of locations) {
      if (location && !byFile.has(location)) this.problems.delete(vscode.Uri.parse(location));
    }
    for (const [location, diagnostics] of byFile) this.problems.set(vscode.Uri.parse(location), diagnostics);
  }

  private folderByKey(key: string): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.toString() === key);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

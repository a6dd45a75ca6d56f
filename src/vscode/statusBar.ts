import * as vscode from 'vscode';
import type { FindingStore } from './findingStore';
import { isReviewed } from './settings';

/** Counts of the active document's findings by severity; clicking opens the Problems panel. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('clauseguard.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly store: FindingStore, onDidReview: vscode.Event<vscode.Uri>) {
    this.item.name = 'ClauseGuard';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      onDidReview((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isReviewed(document)) {
      this.item.hide();
      return;
    }
    const findings = this.store.get(document.uri)?.findings ?? [];
    const count = (severity: string): number => findings.filter((finding) => finding.severity === severity).length;
    const [errors, warnings, infos] = [count('error'), count('warning'), count('information')];
    this.item.text = `$(law) ${errors} $(error) ${warnings} $(warning) ${infos} $(info)`;
    this.item.tooltip = `ClauseGuard: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} information in this document. Click to open the Problems panel.`;
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

import * as vscode from 'vscode';
import type { Finding } from '../engine';
import type { ReviewController } from './reviewController';
import type { FixReference } from './fixes';
import type { Log } from './log';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('clauseguard');

/**
 * One provider for every ClauseGuard action: each suggested wording (the preferred one first),
 * suppress here, disable the rule for the workspace, explain the rule, and fix-all. Actions run
 * commands that check the document version, so a fix computed for one version is refused on another.
 */
export class FindingCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(
    private readonly controller: ReviewController,
    private readonly log: Log,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const review = await this.controller.ensureReviewed(document).catch((error: unknown) => this.log.error('Offering fixes', error));
    return this.log.guard('Offering fixes', [], () => {
      if (!review || review.version !== document.version) return [];
      const actions: vscode.CodeAction[] = [];
      if (!context.only || FIX_ALL_KIND.intersects(context.only)) {
        if (review.findings.some((finding) => finding.fixes.length)) actions.push(this.fixAllAction(document));
      }
      if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return actions;
      const start = document.offsetAt(range.start);
      const end = document.offsetAt(range.end);
      for (const finding of review.findings) {
        if (finding.end < start || finding.start > end) continue;
        const diagnostics = context.diagnostics.filter((diagnostic) => diagnostic.source === 'ClauseGuard' && codeOf(diagnostic) === finding.ruleId && document.offsetAt(diagnostic.range.start) === finding.start);
        actions.push(...this.actionsFor(document, finding, diagnostics));
      }
      return actions;
    });
  }

  private actionsFor(document: vscode.TextDocument, finding: Finding, diagnostics: vscode.Diagnostic[]): vscode.CodeAction[] {
    const reference = { uri: document.uri.toString(), version: document.version, ruleId: finding.ruleId, start: finding.start };
    const actions = finding.fixes.map((fix, fixIndex) => {
      const action = new vscode.CodeAction(`${fix.title} (ClauseGuard)`, vscode.CodeActionKind.QuickFix);
      action.isPreferred = fix.isPreferred;
      action.diagnostics = diagnostics;
      action.command = { command: 'clauseguard.applyFix', title: fix.title, arguments: [{ ...reference, fixIndex } satisfies FixReference] };
      return action;
    });
    const suppress = new vscode.CodeAction(`Suppress ${finding.ruleId} here`, vscode.CodeActionKind.QuickFix);
    suppress.diagnostics = diagnostics;
    suppress.command = { command: 'clauseguard.suppressFinding', title: suppress.title, arguments: [reference] };
    const disable = new vscode.CodeAction(`Disable ${finding.ruleId} for this workspace`, vscode.CodeActionKind.QuickFix);
    disable.diagnostics = diagnostics;
    disable.command = { command: 'clauseguard.disableRule', title: disable.title, arguments: [finding.ruleId, document.uri.toString()] };
    const explain = new vscode.CodeAction(`Explain ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
    explain.command = { command: 'clauseguard.showRuleDocumentation', title: explain.title, arguments: [finding.ruleId] };
    return [...actions, suppress, disable, explain];
  }

  private fixAllAction(document: vscode.TextDocument): vscode.CodeAction {
    const action = new vscode.CodeAction('Apply all suggested ClauseGuard wording', FIX_ALL_KIND);
    action.command = { command: 'clauseguard.fixAll', title: action.title, arguments: [document.uri.toString(), document.version] };
    return action;
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

import * as vscode from 'vscode';
import { compiledRecommended } from '../engine';
import { FindingCodeActionProvider } from './codeActions';
import { registerCommands } from './commands';
import { FindingStore } from './findingStore';
import { FindingHoverProvider } from './hoverProvider';
import { Log } from './log';
import { ReviewController } from './reviewController';
import { RULE_SCHEME, RuleDocumentationProvider } from './ruleDocumentation';
import { RulebookService } from './rulebookService';
import { StatusBar } from './statusBar';

/** Wires the extension together; every part lives in its own module. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const store = new FindingStore();
  const rulebooks = new RulebookService(log);
  const controller = new ReviewController(store, rulebooks, log);
  // Providers answer only for documents that were reviewed, so they can listen everywhere and
  // follow changes of clauseguard.languages without being registered again.
  const everywhere: vscode.DocumentSelector = { pattern: '**' };
  const ruleIds = async (uri?: vscode.Uri): Promise<string[]> => [...(uri ? await rulebooks.rulebookFor(uri) : compiledRecommended()).rulesById.keys()];
  context.subscriptions.push(
    log,
    rulebooks,
    controller,
    new StatusBar(store, controller.onDidReview),
    vscode.languages.registerHoverProvider(everywhere, new FindingHoverProvider(controller, log)),
    vscode.languages.registerCodeActionsProvider(everywhere, new FindingCodeActionProvider(controller, log), FindingCodeActionProvider.metadata),
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RuleDocumentationProvider((id) => rulebooks.findRule(id))),
    ...registerCommands({ store, controller, rulebooks, log, ruleIds, workerScript: context.extensionUri.scheme === 'file' ? vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath : undefined }),
  );
  log.info('ClauseGuard is active. Contracts are reviewed on this machine; nothing is sent anywhere.');
  controller.reviewAll();
}

export function deactivate(): void {}

import * as vscode from 'vscode';

/**
 * The "ClauseGuard" output channel. Errors land here with enough context to report a bug, and
 * the user is told once per kind of error, not on every keystroke.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('ClauseGuard', { log: true });
  private readonly notified = new Set<string>();

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  /** Logs an error; shows a notification the first time `kind` fails in this session. */
  error(kind: string, error: unknown, context = ''): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.channel.error(`${kind}${context ? ` (${context})` : ''}: ${detail}`);
    if (this.notified.has(kind)) return;
    this.notified.add(kind);
    void vscode.window.showErrorMessage(`ClauseGuard: ${kind} failed. Details are in the ClauseGuard output.`, 'Show Output').then((choice) => {
      if (choice) this.channel.show(true);
    });
  }

  /** Runs `work`, logging instead of throwing: providers must never throw into VS Code. */
  guard<T>(kind: string, fallback: T, work: () => T, context = ''): T {
    try {
      return work();
    } catch (error) {
      this.error(kind, error, context);
      return fallback;
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}

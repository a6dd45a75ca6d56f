import type * as vscode from 'vscode';

/** Wires the extension together. */
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}

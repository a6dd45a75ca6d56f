import * as vscode from 'vscode';
import { suppressionComment, type Finding, type TextEdit } from '../engine';
import type { FindingReference } from './commandLinks';
import type { FindingStore } from './findingStore';

/** Where a fix comes from: a finding of one review of one document version. */
export interface FixReference extends FindingReference {
  fixIndex: number;
}

/** The finding a reference names, if the document still has the version it was computed for. */
export async function resolveReference(store: FindingStore, reference: FindingReference): Promise<{ document: vscode.TextDocument; finding: Finding } | string> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(reference.uri));
  const review = store.current(document);
  if (document.version !== reference.version || !review) {
    return 'The document changed since this fix was computed. ClauseGuard reviews it again; apply the fix from the new review.';
  }
  const finding = review.findings.find((candidate) => candidate.ruleId === reference.ruleId && candidate.start === reference.start);
  return finding ? { document, finding } : 'That finding is no longer in the review of this document.';
}

/** Applies text edits computed for `version`; refuses when the document has moved on. */
export async function applyEdits(document: vscode.TextDocument, version: number, edits: TextEdit[]): Promise<boolean> {
  if (document.version !== version) return false;
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
  return vscode.workspace.applyEdit(edit);
}

/** The edit that inserts a suppression comment on its own line above the finding. */
export function suppressionEdit(document: vscode.TextDocument, finding: Finding): TextEdit {
  const line = document.lineAt(document.positionAt(finding.start).line);
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const offset = document.offsetAt(line.range.start);
  return { start: offset, end: offset, newText: `${indent}${suppressionComment(document.languageId, finding.ruleId)}${eol}` };
}

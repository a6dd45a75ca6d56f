import type * as vscode from 'vscode';
import type { Finding } from '../engine';

/** The findings of one review of one document version. */
export interface Review {
  uri: string;
  /** The document version reviewed; undefined for files reviewed from disk (Review Workspace). */
  version: number | undefined;
  languageId: string;
  findings: Finding[];
  /** The text that was reviewed, for reports and for checking fixes against. */
  text: string;
}

/** The latest review of every document, for hovers, code actions, the status bar and reports. */
export class FindingStore {
  private readonly reviews = new Map<string, Review>();

  set(review: Review): void {
    this.reviews.set(review.uri, review);
  }

  get(uri: vscode.Uri | string): Review | undefined {
    return this.reviews.get(uri.toString());
  }

  delete(uri: vscode.Uri | string): void {
    this.reviews.delete(uri.toString());
  }

  all(): Review[] {
    return [...this.reviews.values()];
  }

  /** The review of a document, only if it is of the version the editor has now. */
  current(document: vscode.TextDocument): Review | undefined {
    const review = this.get(document.uri);
    return review && review.version === document.version ? review : undefined;
  }
}

import * as vscode from 'vscode';
import type { Finding } from '../engine';
import { commandLink, trustedMarkdown, type FindingReference } from './commandLinks';
import type { ReviewController } from './reviewController';
import type { Log } from './log';

/**
 * Explains the findings under the cursor: title, category and severity; what matched (actor,
 * action, object, recipient, condition); why it is risky; the citation; the suggested wording;
 * and links to apply a fix, suppress the finding or open the rule. Contract and rule text is
 * added as plain text; only our own labels are Markdown, and only our commands are trusted.
 */
export class FindingHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly controller: ReviewController,
    private readonly log: Log,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      const review = await this.controller.ensureReviewed(document);
      if (!review || review.version !== document.version) return undefined;
      const offset = document.offsetAt(position);
      const findings = review.findings.filter((finding) => finding.start <= offset && offset <= finding.end);
      if (!findings.length) return undefined;
      const contents = findings.map((finding) => hoverFor(finding, { uri: review.uri, version: document.version, ruleId: finding.ruleId, start: finding.start }));
      return new vscode.Hover(contents, new vscode.Range(document.positionAt(findings[0].start), document.positionAt(findings[0].end)));
    } catch (error) {
      this.log.error('Showing a hover', error, vscode.workspace.asRelativePath(document.uri));
      return undefined;
    }
  }
}

export function hoverFor(finding: Finding, reference: FindingReference): vscode.MarkdownString {
  const markdown = trustedMarkdown();
  markdown.appendMarkdown('**');
  markdown.appendText(finding.title);
  markdown.appendMarkdown('** · ');
  markdown.appendText(`${finding.category} · ${finding.severity}`);
  markdown.appendMarkdown('\n\n');
  markdown.appendText(finding.message);
  const why = whyFlagged(finding);
  if (why.length) {
    markdown.appendMarkdown('\n\n**Why this clause was flagged**\n\n');
    for (const [label, value] of why) {
      markdown.appendMarkdown(`- ${label}: `);
      markdown.appendText(value);
      markdown.appendMarkdown('\n');
    }
  }
  markdown.appendMarkdown('\n**Why it matters**\n\n');
  markdown.appendText(finding.explanation);
  markdown.appendMarkdown('\n\n**Citation**\n\n');
  markdown.appendText(finding.citation);
  finding.fixes.forEach((fix, index) => {
    markdown.appendMarkdown(`\n\n**${fix.isPreferred ? 'Suggested wording' : 'Fallback wording'}** — `);
    markdown.appendText(fix.title);
    markdown.appendCodeblock(fix.edits.map((edit) => edit.newText.trim()).join('\n…\n'), 'text');
    markdown.appendMarkdown(`[Apply](${commandLink('clauseguard.applyFix', [{ ...reference, fixIndex: index }])})`);
  });
  markdown.appendMarkdown(
    `\n\n[Suppress here](${commandLink('clauseguard.suppressFinding', [reference])}) · [Open rule ${finding.ruleId.replace(/[[\]()]/g, '')}](${commandLink('clauseguard.showRuleDocumentation', [finding.ruleId])})`,
  );
  return markdown;
}

function whyFlagged(finding: Finding): [string, string][] {
  const { actor, action, object, recipient, condition } = finding.evidence;
  const parts: [string, string | undefined][] = [
    ['Who', actor],
    ['Does', action],
    ['What', object],
    ['To whom', recipient],
    ['When', condition],
  ];
  const found = parts.filter((part): part is [string, string] => Boolean(part[1]));
  for (const term of finding.evidence.definedTerms) found.push(['Defined term', `"${term.term}"`]);
  return found;
}

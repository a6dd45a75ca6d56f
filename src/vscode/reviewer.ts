import { analyze, LineIndex, type CompiledRulebook, type Finding, type Perspective } from '../engine';

export interface ReviewOptions {
  disabledRules: ReadonlySet<string>;
  includeProtective: boolean;
  perspective?: Perspective;
}

export interface ReviewOutcome {
  findings: Finding[];
  lines: LineIndex;
}

/** Reviews a document's text: the one call into the engine that the editor makes. */
export function reviewText(text: string, rulebook: CompiledRulebook, options: ReviewOptions): ReviewOutcome {
  const result = analyze(text, rulebook, { disabledRules: options.disabledRules, includeProtective: options.includeProtective, perspective: options.perspective });
  return { findings: result.findings, lines: result.document.lines };
}

export { LineIndex };

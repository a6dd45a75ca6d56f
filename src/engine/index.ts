/**
 * The ClauseGuard engine: pure TypeScript, text in and findings out. It never imports `vscode`
 * or the file system, so it runs in Node, in the VS Code extension host and in a browser worker.
 */
export { analyze, analyzeDocument, DocumentReview, type AnalysisResult, type AnalyzeOptions } from './analyze';
export { applyEdits, createIncrementalReviewer, type ContentChange, type IncrementalReviewer } from './incremental/incrementalReviewer';
export { ChunkedText, type TextSource } from './text/chunkedText';
export { parseDocument, type ContractDocument, type Sentence, type Clause } from './document/model';
export type { DefinedTerm } from './document/definedTerms';
export type { Party } from './document/parties';
export type { Section } from './document/sections';
export { compileRulebooks, type CompiledRulebook, type CompileResult } from './rulebook/compileRulebook';
export { parseRulebook, type ParsedRulebook } from './rulebook/parseRulebook';
export { formatProblem, type RulebookProblem } from './rulebook/problems';
export { compiledRecommended, recommendedRulebook, RECOMMENDED } from './rulebook/builtin';
export type * from './rulebook/types';
export { findSuppressions, suppressionComment } from './findings/suppressions';
export { LineIndex } from './text/lineIndex';
export * from './types';
export { ruleExamples, runRuleExample, testRulebookExamples, type ExampleResult, type RuleExample } from './rulebook/testExamples';
export { loadRulebooks, type LoadedRulebooks, type LoadHooks, type RulebookHost } from './rulebook/loadRulebooks';
export { isBinaryText } from './text/binary';
export { starterRulebook } from './rulebook/starter';
export { applyTextEdits, fixAllEdits } from './findings/fixAll';

import { findContaining, parseDocument, type ContractDocument, type Sentence } from './document/model';
import { applyPerspective } from './findings/perspective';
import { documentFindings } from './findings/documentFindings';
import { findingFromMatch } from './findings/buildFinding';
import { resolveMatches } from './findings/resolveMatches';
import { findSuppressions, isSuppressed } from './findings/suppressions';
import { buildDocumentVocabulary, type DocumentVocabulary } from './matching/documentVocabulary';
import { isReviewable, matchOneSentence, sectionTitlesOf, type MatchStatistics, type SentenceMatch } from './matching/matchSentences';
import type { SentenceMemo } from './incremental/sentenceMemo';
import type { Span } from './text/spans';
import type { CompiledRulebook, CompiledSentenceRule } from './rulebook/compileRulebook';
import type { Perspective } from './rulebook/types';
import type { Finding } from './types';

export interface AnalyzeOptions {
  /** Report protective findings (category `protective`) too. Default true. */
  includeProtective?: boolean;
  /** Rule ids turned off for this review (a workspace setting, for example). */
  disabledRules?: ReadonlySet<string>;
  /** The party the reviewer represents; overrides the rulebook's `perspective`. */
  perspective?: Perspective;
}

export interface AnalysisResult {
  document: ContractDocument;
  findings: Finding[];
  statistics: MatchStatistics;
}

/**
 * The engine's entry point: contract text in, findings out. The CLI and the VS Code extension
 * both call this, so a finding in CI is the finding in the editor.
 */
export function analyze(text: string, rulebook: CompiledRulebook, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeDocument(parseDocument(text), rulebook, options);
}

export function analyzeDocument(document: ContractDocument, rulebook: CompiledRulebook, options: AnalyzeOptions = {}): AnalysisResult {
  const review = new DocumentReview(document, rulebook, options);
  review.step();
  return review.result();
}

/**
 * One review of one document, in steps: `step` matches sentences until it is told to yield, so
 * that an editor can review a long document in slices and look at the sentences on screen
 * first. With a `SentenceMemo`, sentences whose text did not change since the memo's last
 * review are not read again.
 */
export class DocumentReview {
  private readonly statistics: MatchStatistics = { sentences: 0, candidates: 0, nlpWords: 0 };
  private readonly vocabulary: DocumentVocabulary;
  private readonly rules: CompiledSentenceRule[];
  private readonly isOn: (id: string, enabled: boolean | undefined) => boolean;
  /** Sentence indexes still to read, in the order they will be read. */
  private queue: number[];
  private cursor = 0;
  /** Each sentence's matches, by sentence index, so that the order of reading does not matter. */
  private readonly matchesBySentence = new Map<number, SentenceMatch[]>();

  constructor(
    readonly document: ContractDocument,
    private readonly rulebook: CompiledRulebook,
    private readonly options: AnalyzeOptions = {},
    private readonly memo?: SentenceMemo,
    origin?: { base: ContractDocument; origins: number[] },
  ) {
    this.vocabulary = buildDocumentVocabulary(document, rulebook, memo?.vocabularyCache);
    const disabled = options.disabledRules ?? new Set<string>();
    this.isOn = (id, enabled) => enabled !== false && !disabled.has(id);
    this.rules = rulesToRun(rulebook, this.isOn);
    memo?.begin(this.rules.map((rule) => rule.definition.id).join(' '), this.vocabulary, document, origin);
    // In a function of its own: the loop runs over every sentence, and V8 optimises the function
    // that holds it; this constructor, run once per review, is not worth optimising.
    this.queue = reviewableSentences(document);
  }

  /** Reads the sentences that overlap `ranges` (the visible part of an editor) before the others; returns how many there are. */
  prioritize(ranges: readonly Span[]): number {
    const pending = this.queue.slice(this.cursor);
    const sentences = this.document.sentences;
    const visible = (index: number): boolean => ranges.some((range) => sentences[index].start < range.end && range.start < sentences[index].end);
    const first = pending.filter(visible);
    this.queue = this.queue.slice(0, this.cursor).concat(first, pending.filter((index) => !visible(index)));
    return first.length;
  }

  /** Matches sentences until `shouldYield()` returns true (checked after each sentence); returns whether every sentence is done. */
  step(shouldYield: () => boolean = () => false): boolean {
    const { document, rulebook, vocabulary, rules, statistics } = this;
    const compute = (sentence: Sentence): SentenceMatch[] => matchOneSentence(document, rulebook, vocabulary, rules, sentence, statistics);
    while (this.cursor < this.queue.length) {
      const sentence = document.sentences[this.queue[this.cursor++]];
      statistics.sentences++;
      const found = this.memo ? this.memo.match(document, sentence, sectionTitlesOf(document, sentence), statistics, compute) : compute(sentence);
      if (found.length) this.matchesBySentence.set(sentence.index, found);
      if (shouldYield()) break;
    }
    return this.done;
  }

  get done(): boolean {
    return this.cursor >= this.queue.length;
  }

  /** How many sentences are still to be read. */
  get pending(): number {
    return this.queue.length - this.cursor;
  }

  /** The findings, once every sentence has been read. */
  result(): AnalysisResult {
    if (!this.done) throw new Error('DocumentReview.result() called before every sentence was read');
    this.memo?.end();
    return { document: this.document, findings: this.findings(true), statistics: { ...this.statistics } };
  }

  /**
   * The findings of the sentences read so far, without the document-wide ones (a missing
   * protection can only be known at the end): what an editor shows of a long document while the
   * rest of it is still being read.
   */
  partialFindings(): Finding[] {
    return this.findings(false);
  }

  private findings(withDocumentRules: boolean): Finding[] {
    const { document, rulebook, vocabulary, options, isOn } = this;
    const matches = [...this.matchesBySentence.keys()].sort((a, b) => a - b).flatMap((index) => this.matchesBySentence.get(index) ?? []);
    const reported = resolveMatches(matches.filter((match) => isOn(match.rule.definition.id, match.rule.definition.enabled)));
    const findings = reported.map((match) => findingFromMatch(match, document, rulebook, vocabulary));
    if (withDocumentRules) findings.push(...documentFindings(document, rulebook.documentRules.filter((rule) => isOn(rule.definition.id, rule.definition.enabled)), matches));
    const suppressions = findSuppressions(document.source, document.lines);
    const perspective = options.perspective ?? rulebook.perspective;
    const seen = applyPerspective(findings, perspective, document.analysis, (offset) => findContaining(document.sentences, offset));
    const visible = seen.filter(
      (finding) => (options.includeProtective ?? true ? true : finding.category !== 'protective') && !isSuppressed(suppressions, finding.range.start.line, finding.ruleId, finding.category),
    );
    visible.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    return visible;
  }
}

/** The indexes of the sentences a review reads, in document order. */
function reviewableSentences(document: ContractDocument): number[] {
  const indexes: number[] = [];
  for (const sentence of document.sentences) if (isReviewable(sentence)) indexes.push(sentence.index);
  return indexes;
}

/** Enabled sentence rules, plus disabled ones that a document rule needs to see a protection. */
function rulesToRun(rulebook: CompiledRulebook, isOn: (id: string, enabled: boolean | undefined) => boolean): CompiledSentenceRule[] {
  const needed = new Set(rulebook.documentRules.filter((rule) => isOn(rule.definition.id, rule.definition.enabled)).flatMap((rule) => rule.match.absent));
  return rulebook.sentenceRules.filter((rule) => isOn(rule.definition.id, rule.definition.enabled) || needed.has(rule.definition.id));
}

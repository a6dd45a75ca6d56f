import type { ContractDocument, Sentence } from '../document/model';
import type { Party } from '../document/parties';
import { VocabularyCache, type DocumentVocabulary } from '../matching/documentVocabulary';
import type { MatchStatistics, SentenceMatch } from '../matching/matchSentences';
import { phraseWords } from '../nlp/words';
import type { Span } from '../text/spans';

interface MemoEntry {
  key: string;
  /** The section titles the sentence was read under, and whether it was read with a lead-in. */
  sectionTitles: string;
  withLeadIn: boolean;
  /** Set when a change to the document's vocabulary made the entry stale. */
  forgotten?: boolean;
  matches: SentenceMatch[];
  /** Where the sentence (and its lead-in) were when the matches were made. */
  sentenceStart: number;
  leadInStart: number;
  candidate: boolean;
  nlpWords: number;
  /** The review that last used the entry. */
  generation: number;
}

/**
 * Remembers what the rules matched in each sentence, so that after an edit only the sentences
 * whose text changed are read again. A sentence's matches depend on its text, the lead-in it may
 * be read with, the titles of the sections around it, the rules and the document's own
 * vocabulary (its parties and defined terms): the first three make the key; a change of rules
 * forgets everything, and a change to a defined term or party forgets the sentences that
 * mention it.
 */
export class SentenceMemo {
  /** The document vocabulary's tags and matcher, reused while the definitions do not change. */
  readonly vocabularyCache = new VocabularyCache();
  private readonly entries = new Map<string, MemoEntry>();
  private rulesKey: string | undefined;
  private vocabulary = new Map<string, string>();
  private generation = 0;
  /** The entries of the last review's document by sentence index, and this review's. */
  private previous: (MemoEntry | undefined)[] = [];
  private current: (MemoEntry | undefined)[] = [];
  private currentDocument: ContractDocument | undefined;
  /** For each sentence of this review's document, its index in the last review's document (see `ParsedDocument.origins`). */
  private origins: number[] | undefined;

  /**
   * Starts a review of `document` with these rules and this document vocabulary. `origins`, when
   * `document` was parsed incrementally from `base`, lets unchanged sentences be found by position
   * rather than by their text.
   */
  begin(rulesKey: string, vocabulary: DocumentVocabulary, document: ContractDocument, origin?: { base: ContractDocument; origins: number[] }): void {
    this.generation++;
    this.previous = origin && origin.base === this.currentDocument ? this.current : [];
    this.origins = origin && origin.base === this.currentDocument ? origin.origins : undefined;
    this.current = [];
    this.currentDocument = document;
    if (rulesKey !== this.rulesKey) {
      this.entries.clear();
      this.rulesKey = rulesKey;
    }
    const current = vocabularyFingerprint(vocabulary, document.parties);
    const changed = changedNames(this.vocabulary, current);
    this.vocabulary = current;
    if (changed.length) this.forgetMentions(changed);
  }

  /** Drops the entries no review used since `begin`: sentences that no longer exist. */
  end(): void {
    this.entries.forEach((entry, key) => {
      if (entry.generation !== this.generation) this.entries.delete(key);
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /** The rule matches of `sentence`, from the memo or from `compute`, with offsets for where the sentence is now. */
  match(document: ContractDocument, sentence: Sentence, sectionTitles: string, statistics: MatchStatistics, compute: (sentence: Sentence) => SentenceMatch[]): SentenceMatch[] {
    const leadIn = sentence.leadIn !== undefined ? document.sentences[sentence.leadIn] : undefined;
    const known = this.unchanged(sentence, sectionTitles, leadIn) ?? this.entries.get(keyOf(document, sentence, sectionTitles, leadIn));
    if (known) {
      known.generation = this.generation;
      this.current[sentence.index] = known;
      if (known.candidate) statistics.candidates++;
      statistics.nlpWords += known.nlpWords;
      // Most sentences match nothing: their (empty) list is returned as it is.
      return known.matches.length ? known.matches.map((match) => moveMatch(match, sentence, known, leadIn)) : known.matches;
    }
    const before = { candidates: statistics.candidates, nlpWords: statistics.nlpWords };
    const matches = compute(sentence);
    const entry: MemoEntry = {
      key: keyOf(document, sentence, sectionTitles, leadIn),
      sectionTitles,
      withLeadIn: leadIn !== undefined,
      matches,
      sentenceStart: sentence.start,
      leadInStart: leadIn?.start ?? 0,
      candidate: statistics.candidates > before.candidates,
      nlpWords: statistics.nlpWords - before.nlpWords,
      generation: this.generation,
    };
    this.entries.set(entry.key, entry);
    this.current[sentence.index] = entry;
    return matches;
  }

  /** The entry of a sentence the incremental parse carried over unchanged, when nothing around it that matters changed either. */
  private unchanged(sentence: Sentence, sectionTitles: string, leadIn: Sentence | undefined): MemoEntry | undefined {
    if (leadIn || !this.origins) return undefined;
    const origin = this.origins[sentence.index];
    const entry = origin >= 0 ? this.previous[origin] : undefined;
    return entry && !entry.forgotten && !entry.withLeadIn && entry.sectionTitles === sectionTitles ? entry : undefined;
  }

  private forgetMentions(names: string[]): void {
    const probes = names.map(probeOf).filter((probe) => probe.length > 0);
    for (const [key, entry] of this.entries) {
      const lower = key.toLowerCase();
      if (probes.some((probe) => lower.includes(probe))) {
        this.entries.delete(key);
        entry.forgotten = true;
      }
    }
  }
}

/** What a sentence's matches depend on besides the rules and the document's vocabulary. */
function keyOf(document: ContractDocument, sentence: Sentence, sectionTitles: string, leadIn: Sentence | undefined): string {
  const text = document.analysis;
  return `${sectionTitles}\u0001${leadIn ? text.slice(leadIn.start, leadIn.end) : ''}\u0001${text.slice(sentence.start, sentence.end)}`;
}

/** Every defined term with the tags it carries, and every party name. */
function vocabularyFingerprint(vocabulary: DocumentVocabulary, parties: Party[]): Map<string, string> {
  const fingerprint = new Map<string, string>();
  for (const [term, concepts] of vocabulary.termConcepts) fingerprint.set(term, [...concepts].sort().join(','));
  for (const party of parties) fingerprint.set(`\u0000${party.name}`, 'party');
  return fingerprint;
}

function changedNames(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [name, value] of after) if (before.get(name) !== value) changed.push(name);
  for (const name of before.keys()) if (!after.has(name)) changed.push(name);
  return changed.map((name) => name.replace(/^\u0000/, ''));
}

/**
 * What a sentence that mentions the name must contain: the start of its first word, short
 * enough to cover "Improvement", "Improvements" and "Improvement's" for "Improvements".
 */
function probeOf(name: string): string {
  const first = phraseWords(name)[0] ?? '';
  return first.length > 4 ? first.slice(0, first.length - 3) : first;
}

/** A remembered match for the sentence where it is now: the same sentence text, perhaps at another offset. */
function moveMatch(match: SentenceMatch, sentence: Sentence, entry: MemoEntry, leadIn: Sentence | undefined): SentenceMatch {
  const sentenceDelta = sentence.start - entry.sentenceStart;
  const leadInDelta = leadIn ? leadIn.start - entry.leadInStart : sentenceDelta;
  if (sentenceDelta === 0 && leadInDelta === 0) return { ...match, sentence };
  const move = (offset: number): number => offset + (offset < entry.sentenceStart ? leadInDelta : sentenceDelta);
  const moveSpan = <T extends Span>(span: T): T => ({ ...span, start: move(span.start), end: move(span.end) });
  return {
    ...match,
    sentence,
    anchor: moveSpan(match.anchor),
    hits: match.hits.map(moveSpan),
    tokens: match.tokens,
    tokenShift: { below: entry.sentenceStart, leadInDelta, delta: sentenceDelta },
    conditions: match.conditions.size ? new Map([...match.conditions].map(([kind, span]) => [kind, moveSpan(span)])) : match.conditions,
  };
}

import type { TextSource } from '../text/chunkedText';
import type { DefinedTerm } from '../document/definedTerms';
import type { ContractDocument } from '../document/model';
import type { Section } from '../document/sections';
import { termKeyOfPhrase, type DocumentVocabulary } from '../matching/documentVocabulary';
import { tokenAt, type SentenceMatch } from '../matching/matchSentences';
import { phraseWords, wordVariants } from '../nlp/words';
import type { CompiledRulebook } from '../rulebook/compileRulebook';
import type { FixDefinition, RuleDefinition } from '../rulebook/types';
import type { Span } from '../text/spans';
import type { Finding, FindingEvidence, Fix, TextEdit } from '../types';
import { fillTemplate, type TemplateValues } from './templates';

/** Turns a sentence match into a finding with its message, evidence and fixes. */
export function findingFromMatch(match: SentenceMatch, document: ContractDocument, rulebook: CompiledRulebook, vocabulary: DocumentVocabulary): Finding {
  const definition = match.rule.definition;
  const values: TemplateValues = {
    actor: participantText(match, 'actor', document.analysis),
    recipient: participantText(match, 'recipient', document.analysis),
    object: objectOf(match, rulebook, document.analysis),
    anchor: collapse(document.analysis.slice(match.anchor.start, match.anchor.end)),
  };
  const evidence: FindingEvidence = {
    actor: values.actor,
    action: actionOf(match, document.analysis),
    object: values.object,
    recipient: values.recipient,
    condition: firstCondition(match, document.analysis),
    definedTerms: definedTermsOf(match, vocabulary, rulebook, document.analysis),
  };
  return {
    ruleId: definition.id,
    category: definition.category,
    severity: definition.severity,
    title: definition.title,
    message: fillTemplate(definition.message, values),
    start: match.sentence.start,
    end: match.sentence.end,
    range: document.lines.rangeOf(match.sentence.start, match.sentence.end),
    explanation: definition.explanation,
    citation: definition.citation,
    fixes: (definition.fixes ?? []).map((fix, index) => sentenceFix(fix, index, definition, match, document.source, values)),
    evidence,
  };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function participantText(match: SentenceMatch, who: 'actor' | 'recipient', text: TextSource): string | undefined {
  const participant = match.reading[who];
  const first = participant && tokenAt(match, participant.first);
  const last = participant && tokenAt(match, participant.last);
  if (!first || !last) return undefined;
  // Drop leading negations and conjunctions that read badly in proposed wording ("No Party" -> "Party").
  const cleaned = collapse(text.slice(first.start, last.end))
    .replace(/^(?:no|neither|nothing|none|and|or|but)\s+/i, '')
    .replace(/^["'(]+|["'),;:]+$/g, '')
    .trim();
  return cleaned || undefined;
}

/** Tags that name who takes part, not what moves. */
const PARTICIPANT_CONCEPTS = new Set(['Party', 'Government', 'Venture', 'ThirdParty', 'DefinedTerm']);

/** The technology the clause is about: the longest inheritable-concept hit at or after the anchor. */
function objectOf(match: SentenceMatch, rulebook: CompiledRulebook, text: TextSource): string | undefined {
  const objects = match.hits.filter((hit) => rulebook.inheritedConcepts.has(hit.concept) && !PARTICIPANT_CONCEPTS.has(hit.concept));
  if (!objects.length) return undefined;
  const verb = match.reading.operative ? tokenAt(match, match.reading.operative.verb) : undefined;
  const from = verb ? Math.min(verb.start, match.anchor.start) : match.anchor.start;
  const after = objects.filter((hit) => hit.end > from);
  const pool = after.length ? after : objects;
  const first = Math.min(...pool.map((hit) => hit.start));
  const longest = pool.filter((hit) => hit.start === first).reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  return collapse(text.slice(longest.start, longest.end));
}

function actionOf(match: SentenceMatch, text: TextSource): string | undefined {
  const operative = match.reading.operative;
  if (!operative) return collapse(text.slice(match.anchor.start, match.anchor.end));
  const start = tokenAt(match, operative.cueStart);
  const end = tokenAt(match, Math.max(operative.verb, operative.cueEnd - 1)) ?? start;
  return start ? collapse(text.slice(start.start, (end ?? start).end)) : undefined;
}

function firstCondition(match: SentenceMatch, text: TextSource): string | undefined {
  const first = [...match.conditions.values()].sort((a, b) => a.start - b.start)[0];
  return first ? collapse(text.slice(first.start, first.end)) : undefined;
}

/** Defined terms in the sentence that stand for technology, with where each is defined. */
function definedTermsOf(match: SentenceMatch, vocabulary: DocumentVocabulary, rulebook: CompiledRulebook, text: TextSource): FindingEvidence['definedTerms'] {
  const found = new Map<string, { term: string; start: number; end: number }>();
  for (const hit of match.hits) {
    if (hit.concept !== 'DefinedTerm') continue;
    const term = termOfHit(vocabulary, text.slice(hit.start, hit.end));
    if (!term || found.has(term.term)) continue;
    const concepts = vocabulary.termConcepts.get(term.term);
    if (!concepts || !someInherited(concepts, rulebook)) continue;
    found.set(term.term, { term: term.term, start: term.termSpan.start, end: term.termSpan.end });
  }
  return [...found.values()];
}

/**
 * The defined term a vocabulary hit stands for. A hit spans whole words, the words the document's
 * vocabulary found it by: its key names the term, unless a word takes another form than in the
 * definition ("Licensed Technologies" for "Licensed Technology", whose keys differ); then the term
 * whose every word is one of the forms of the hit's word there, as the vocabulary matched it.
 */
function termOfHit(vocabulary: DocumentVocabulary, phrase: string): DefinedTerm | undefined {
  const term = vocabulary.termsByKey.get(termKeyOfPhrase(phrase));
  if (term) return term;
  const forms = phraseWords(phrase).map(wordVariants);
  for (const candidate of vocabulary.termsByName.values()) {
    const words = phraseWords(candidate.term);
    if (words.length === forms.length && words.every((word, index) => forms[index].includes(word))) return candidate;
  }
  return undefined;
}

/** Whether any of a term's tags is one a term passes on (a technology, not merely a term). */
function someInherited(concepts: Set<string>, rulebook: CompiledRulebook): boolean {
  for (const concept of concepts) if (rulebook.inheritedConcepts.has(concept)) return true;
  return false;
}

/** A fix for a sentence finding, as text edits on the original text. */
function sentenceFix(fix: FixDefinition, index: number, definition: RuleDefinition, match: SentenceMatch, text: TextSource, values: TemplateValues): Fix {
  const wording = fillTemplate(fix.text, values);
  const sentence = match.sentence;
  let edit: TextEdit;
  switch (fix.target) {
    case 'anchor':
      edit = { start: match.anchor.start, end: match.anchor.end, newText: wording };
      break;
    case 'append':
    case 'insert': {
      const at = beforeFinalPunctuation(text, sentence);
      edit = { start: at, end: at, newText: wording };
      break;
    }
    default:
      edit = { start: sentence.start, end: sentence.end, newText: withSentenceEnding(wording, text.slice(sentence.start, sentence.end)) };
  }
  return { title: fix.title || `Apply the wording of ${definition.id}`, isPreferred: fix.preferred ?? index === 0, edits: [edit] };
}

function beforeFinalPunctuation(text: TextSource, sentence: Span): number {
  let end = sentence.end;
  while (end > sentence.start && /["')\]]/.test(text.slice(end - 1, end))) end--;
  return end > sentence.start && /[.;:,]/.test(text.slice(end - 1, end)) ? end - 1 : sentence.end;
}

/** Keeps the sentence's own ending (`;`, `; and`, `.`) on replacement wording. */
function withSentenceEnding(wording: string, original: string): string {
  const ending = /([.;:,])(\s*(?:and|or))?\s*$/.exec(original);
  const body = wording.replace(/[.;:,]\s*$/, '');
  return ending ? `${body}${ending[1]}${ending[2] ?? ''}` : wording;
}

/** Where a document-level protection belongs: the first section whose heading names it. */
export function placementSection(document: ContractDocument, words: string[] | undefined): Section | undefined {
  if (!words?.length) return undefined;
  const lowered = words.map((word) => word.toLowerCase());
  return document.sections.find((section) => section.title && lowered.some((word) => section.title!.toLowerCase().includes(word)));
}

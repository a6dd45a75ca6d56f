import type { TextSource } from '../text/chunkedText';
import type { ConceptHit } from '../nlp/vocabularyMatcher';
import type { CompiledRulebook } from '../rulebook/compileRulebook';
import type { Span } from '../text/spans';

/** Tags that say who takes part; a defined term may name a party ("the JV Company"). */
const PARTICIPANT_CONCEPTS = new Set(['Party', 'Government', 'Venture', 'ThirdParty', 'DefinedTerm']);

/** "Section 8.2 (Ownership of Inventions)", "Article 9 (License Grants)", "..., 8 (Ownership), 11 (Indemnification)": the title of a cross-reference. */
/** Also in square brackets: "Sections 2(a) [License Grant], 2(b) [Sublicensing]". */
const REFERENCE_TITLE = /\b(?:(?:Sections?|Articles?|Clauses?|Paragraphs?|Exhibits?|Schedules?|Appendix|Appendices|Annex(?:es)?)\s+[0-9A-Z][\w.]*|\d+(?:\.\d+)*)(?:\([\w]{1,4}\))*\s*(?:\(([A-Z][^()]{1,100})\)|\[([A-Z][^[\]]{1,100})\])/g;

const TITLE_OPENING = /[([][A-Z]/;

/**
 * Drops vocabulary hits that do not say what the sentence does: words inside a defined term other
 * than what the term stands for ("license" in "Product License Schedule", "licensed" in "Licensed
 * Product"), and the titles of cross-references ("Section 8.2 (Ownership of Inventions)").
 */
export function readableHits(hits: ConceptHit[], rulebook: CompiledRulebook, analysisText: TextSource, sentence: Span): ConceptHit[] {
  if (!hits.length) return hits;
  const titles = referenceTitles(analysisText, sentence);
  const terms = hits.filter((hit) => hit.concept === 'DefinedTerm');
  if (!titles.length && !terms.length) return hits;
  return hits.filter((hit) => {
    if (titles.some((title) => title.start <= hit.start && hit.end <= title.end)) return false;
    if (hit.concept === 'DefinedTerm' || PARTICIPANT_CONCEPTS.has(hit.concept) || rulebook.inheritedConcepts.has(hit.concept)) return true;
    return !terms.some((term) => term.start <= hit.start && hit.end <= term.end);
  });
}

function referenceTitles(analysisText: TextSource, sentence: Span): Span[] {
  const text = analysisText.slice(sentence.start, sentence.end);
  // A title opens with a capital right after its bracket. Most sentences with brackets have none
  // ("(a)", "(the "Licensor")"), and ruling them out here costs a third of running the expression.
  if (!text.includes('(') || !TITLE_OPENING.test(text)) return [];
  const spans: Span[] = [];
  for (const match of text.matchAll(REFERENCE_TITLE)) {
    const title = match[1] ?? match[2] ?? '';
    const start = sentence.start + (match.index ?? 0) + match[0].lastIndexOf(title);
    spans.push({ start, end: start + title.length });
  }
  return spans;
}

import type { TextSource } from '../text/chunkedText';
import type { Sentence } from '../document/model';
import type { Perspective } from '../rulebook/types';
import { isRiskCategory, type Finding } from '../types';

/** Words after which a party name is where the technology ends up. */
const TOWARDS = String.raw`(?:to|with|owned\s+by|(?:sole\s+|exclusive\s+)?property\s+of|belongs?\s+to|vest(?:s|ed)?\s+in|in\s+favou?r\s+of|for\s+the\s+benefit\s+of)`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Applies the team's perspective: a risk finding whose clause moves technology towards a party
 * the team represents is downgraded to information, dropped, or kept, as the team chose. The
 * clause moves technology towards a party when that party receives it, or owns the result.
 */
export function applyPerspective(findings: Finding[], perspective: Perspective | undefined, text: TextSource, sentenceAt: (offset: number) => Sentence | undefined): Finding[] {
  if (!perspective || perspective.towardsUs === 'keep' || !perspective.parties.length) return findings;
  const names = perspective.parties.map((party) => party.trim()).filter(Boolean);
  const towards = new RegExp(String.raw`\b${TOWARDS}\s+(?:the\s+)?(?:${names.map(escapeRegExp).join('|')})\b`, 'i');
  const result: Finding[] = [];
  for (const finding of findings) {
    const sentence = sentenceAt(finding.start);
    const recipient = finding.evidence.recipient ?? '';
    const isTowardsUs =
      isRiskCategory(finding.category) &&
      (names.some((name) => new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i').test(recipient)) || (sentence !== undefined && towards.test(text.slice(sentence.start, sentence.end).replace(/\s+/g, ' '))));
    if (!isTowardsUs) result.push(finding);
    else if (perspective.towardsUs === 'information') result.push({ ...finding, severity: finding.severity === 'hint' ? 'hint' : 'information' });
  }
  return result;
}

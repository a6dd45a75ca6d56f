import type { SentenceMatch } from '../matching/matchSentences';
import { isRiskCategory } from '../types';

/**
 * Decides which matches become findings: a protective clause drops the risks it answers in the
 * same part of a sentence ("Neither Party shall require or pressure the other Party to transfer
 * technology" is not a forced transfer), or in all of it when the protection is the kind that
 * comes as a proviso ("may disclose ...; provided that it gives prompt notice ..."), and when
 * several rules of one category match a sentence the most specific one speaks for them.
 */
export function resolveMatches(matches: SentenceMatch[]): SentenceMatch[] {
  const bySentence = new Map<number, SentenceMatch[]>();
  for (const match of matches) {
    const list = bySentence.get(match.sentence.index) ?? [];
    list.push(match);
    bySentence.set(match.sentence.index, list);
  }
  const kept: SentenceMatch[] = [];
  for (const list of bySentence.values()) {
    const protections = list.filter((match) => match.rule.definition.category === 'protective');
    const isNeutralised = (match: SentenceMatch): boolean =>
      protections.some((protection) => answersSegment(protection, match) && (protection.rule.definition.neutralises ?? []).some((category) => category === match.rule.definition.category));
    const superseded = new Set(list.flatMap((match) => match.rule.definition.supersedes ?? []));
    const bestByCategory = new Map<string, SentenceMatch>();
    for (const match of list) {
      const { category, id } = match.rule.definition;
      if ((isRiskCategory(category) && isNeutralised(match)) || superseded.has(id)) continue;
      if (category === 'protective') {
        // Protective clauses are hints; each one that applies is shown.
        bestByCategory.set(id, match);
        continue;
      }
      const best = bestByCategory.get(category);
      if (!best || isMoreSpecific(match, best)) bestByCategory.set(category, match);
    }
    kept.push(...bestByCategory.values());
  }
  return kept.sort((a, b) => a.sentence.start - b.sentence.start || a.rule.order - b.rule.order);
}

/** A team's own rule speaks before a built-in one; then the more specific rule; then rulebook order. */
/** A protection answers the part of the sentence it is in, or the whole sentence when its rule says so. */
function answersSegment(protection: SentenceMatch, match: SentenceMatch): boolean {
  return protection.rule.definition.answers === 'sentence' || protection.segment === match.segment;
}

function isMoreSpecific(candidate: SentenceMatch, current: SentenceMatch): boolean {
  if (candidate.rule.layer !== current.rule.layer) return candidate.rule.layer > current.rule.layer;
  if (candidate.rule.specificity !== current.rule.specificity) return candidate.rule.specificity > current.rule.specificity;
  return candidate.rule.order < current.rule.order;
}

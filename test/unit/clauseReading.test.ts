import * as assert from 'node:assert/strict';
import { analyze, compiledRecommended, compileRulebooks, parseDocument, parseRulebook, type CompiledRulebook } from '../../src/engine';

/** A small team rulebook that exercises the engine's reading of clauses, not the built-in rules. */
const RULEBOOK = JSON.stringify({
  name: 'reading-test',
  vocabulary: {
    Tech: { phrases: ['technology', 'know-how', 'technical information'], inheritedByDefinedTerms: true },
    Deliver: ['deliver', 'provide', 'transfer', 'disclose'],
  },
  rules: [
    {
      id: 'test/deliver-tech',
      category: 'disclosure-demand',
      severity: 'warning',
      title: 'Technology delivered',
      message: 'Technology must be delivered.',
      explanation: 'A test rule: the verb of the clause delivers technology, and nobody negates it.',
      citation: 'Test.',
      match: { role: 'verb', all: [{ pattern: '#Deliver' }, { object: '#Tech' }], negated: false, modality: ['obligation'] },
      examples: { match: ['Licensee shall deliver the technology to Licensor.'], noMatch: ['Licensee shall not deliver the technology.'] },
    },
    {
      id: 'test/notice-proviso',
      category: 'protective',
      severity: 'hint',
      title: 'Notice first',
      message: 'Notice is given first.',
      explanation: 'A test protection that comes as a proviso.',
      citation: 'Test.',
      match: { modality: ['obligation', 'grant', 'permission', 'statement'], all: [{ condition: 'notice' }] },
      neutralises: ['disclosure-demand'],
      answers: 'sentence',
      examples: { match: ['Licensee shall give prompt written notice.'], noMatch: ['Licensee shall pay the fee.'] },
    },
  ],
});

function compile(): CompiledRulebook {
  const result = compileRulebooks([parseRulebook('reading-test', RULEBOOK)]);
  assert.ok(result.rulebook, result.problems.map((problem) => problem.message).join('; '));
  return result.rulebook;
}

function flagged(rulebook: CompiledRulebook, text: string): string[] {
  return analyze(text, rulebook)
    .findings.filter((finding) => finding.ruleId === 'test/deliver-tech')
    .map((finding) => text.slice(finding.start, finding.end));
}

describe('reading clauses', () => {
  const rulebook = compile();

  it('takes the verb of the clause, not a participle in its object', () => {
    assert.equal(flagged(rulebook, 'Licensee shall deliver all know-how to Licensor.').length, 1);
    assert.deepEqual(flagged(rulebook, 'Licensee shall hold all know-how delivered to it in confidence.'), []);
  });

  it('finds the verb past an aside and through "cause ... to"', () => {
    assert.equal(flagged(rulebook, 'Licensee shall, upon request of Licensor, deliver the technology.').length, 1);
    assert.equal(flagged(rulebook, 'Licensee shall cause its Affiliates to promptly provide the technology to Licensor.').length, 1);
  });

  it('keeps a negation on a second verb joined by "or"', () => {
    assert.deepEqual(flagged(rulebook, 'In no event shall Licensee transfer, or agree to transfer, any technology.'), []);
    assert.deepEqual(flagged(rulebook, 'Licensee shall not (and shall ensure that its Affiliates do not) disclose the technology.'), []);
  });

  it('reads "Constructor" and other names of JavaScript object properties as words, not as modal verbs', () => {
    // They were once looked up in a plain object, which has a "constructor" (and "toString", "valueOf"):
    // the name then started a clause of its own and took the request that follows from "shall".
    const clause = (name: string): string => `Northwind shall perform technology transfer at the ${name}'s request, including any technology that the ${name} considers necessary.`;
    const ruleIds = (name: string): string[] => analyze(clause(name), compiledRecommended()).findings.map((finding) => finding.ruleId).filter((id) => !id.includes('/missing-'));
    assert.deepEqual(ruleIds('Builder'), ['tt/transfer-on-request']);
    for (const name of ['Constructor', 'toString', 'valueOf', 'hasOwnProperty']) assert.deepEqual(ruleIds(name), ['tt/transfer-on-request'], name);
  });

  it('reads an item without a verb together with its lead-in, and only where the item adds something', () => {
    const text = 'Licensee shall deliver to Licensor:\n\n(a) all know-how relating to the Product;\n\n(b) the invoices for the Product.\n';
    assert.deepEqual(flagged(rulebook, text), ['all know-how relating to the Product;']);
  });

  it('recognises definitions written as "the term ... shall mean", "... of a Party means" and glossary lines', () => {
    const text = [
      'As used in this Agreement, the term "Know-How" shall mean all technical information.',
      '"Confidential Information" of a Party means all information disclosed by it.',
      'Software - the computer programs licensed under an Order.',
      'Licensee shall deliver the Know-How.',
    ].join('\n\n');
    assert.deepEqual(
      parseDocument(text).sentences.map((sentence) => Boolean(sentence.isDefinition)),
      [true, true, true, false],
    );
  });

  it('does not read the title of a cross-reference as what the sentence does', () => {
    const builtIn = compiledRecommended();
    const sentenceRules = (text: string): string[] => analyze(text, builtIn).findings.filter((finding) => !finding.ruleId.startsWith('tt/missing')).map((finding) => finding.ruleId);
    assert.deepEqual(sentenceRules('The Licensee shall deliver the materials described in Section 4 (Source Code Escrow).'), []);
    assert.deepEqual(sentenceRules('The Licensee shall deliver the materials described in Sections 4(a) [Source Code Escrow].'), []);
    assert.deepEqual(sentenceRules('The Licensee shall deliver the materials described in Section 4 (source code escrow).'), ['tt/source-code-delivery']);
  });

  it('names the defined term that made a clause risky, with where it is defined, for each finding on the clause', () => {
    const definition = '"Licensed Technology" means the know-how and processes of the Licensor.';
    // In the plural the term's key differs ("licensed technologie"), but it is the same term.
    for (const use of ['Licensed Technology', "Licensed Technology's manuals", 'Licensed Technologies', "Licensed Technologies' manuals"]) {
      const text = `${definition}\n\n"Fees" means the amounts in Schedule 1.\n\nThe Licensor shall disclose all ${use} and the Fees to the Joint Venture upon its request, free of charge.`;
      const findings = analyze(text, compiledRecommended()).findings.filter((finding) => !finding.ruleId.includes('/missing-'));
      assert.ok(findings.length >= 2, use);
      // "Fees" is defined too, but names no technology.
      for (const finding of findings) assert.deepEqual(finding.evidence.definedTerms, [{ term: 'Licensed Technology', start: 1, end: 20 }], `${use}: ${finding.ruleId}`);
    }
  });

  it('gives a defined term the tags of the head of its definition only', () => {
    const text = '"Licensed Product" means any product that incorporates the technology.\n\nLicensee shall deliver the Licensed Product to Licensor.';
    assert.deepEqual(flagged(rulebook, text), []);
    const head = '"Process Package" means the technical information for the Product.\n\nLicensee shall deliver the Process Package to Licensor.';
    assert.equal(flagged(rulebook, head).length, 1);
  });

  it('lets a protection that answers the whole sentence cancel the clause its proviso qualifies', () => {
    const text = 'Licensee shall disclose the technology to the agency; provided that Licensee shall first give Licensor prompt written notice.';
    assert.deepEqual(flagged(rulebook, text), []);
  });

  it('finds the parties in a preamble that follows a cover page', () => {
    const cover = 'COLLABORATION AGREEMENT\n\nBETWEEN NORTHWIND AND SOUTHGATE\n\nTABLE OF CONTENTS\n\n1.1 Definitions 1\n\n1.2 Scope 2\n\n';
    const preamble = 'This Agreement is made between Northwind Robotics, Inc. ("Northwind") and Southgate Ltd. ("Southgate").\n\nWHEREAS, the Parties wish to collaborate.';
    assert.deepEqual(
      parseDocument(cover + preamble).parties.map((party) => party.name),
      ['Northwind', 'Southgate'],
    );
  });
});

/**
 * A starter team rulebook with comments that teach the format: written by `clauseguard init`
 * and the command "ClauseGuard: Create Team Rulebook".
 */
export function starterRulebook(schemaPath = './node_modules/clauseguard/schemas/rulebook.schema.json'): string {
  return `// ClauseGuard team rulebook. Documentation: docs/rulebook.md in the ClauseGuard repository.
// VS Code completes and checks this file as you type. Run the examples with:
//   npx clauseguard test-rulebook .clauseguard/rulebook.json
{
  "$schema": "${schemaPath}",
  "name": "our-team",

  // Start from ClauseGuard's built-in rules; later entries override earlier ones.
  // Other rulebooks can be listed by relative path ("../shared/rulebook.json") or npm package name.
  "extends": ["clauseguard:recommended"],

  // Your words. Each name becomes a tag that patterns use as #Name; phrases are case-insensitive,
  // hyphens and spaces are the same, and a final * matches any ending.
  "vocabulary": {
    "Technology": ["licensed process", "cell line*"],
    "Party": ["Supplier", "Customer"]
  },

  // The party your team represents. Findings that move technology towards it are downgraded
  // ("information") or dropped ("drop"); "keep" leaves them as they are.
  // "perspective": { "parties": ["Supplier"], "towardsUs": "information" },

  "rules": [
    // Change a built-in rule: severity, enabled, message, explanation, citation or wording.
    { "id": "tt/short-confidentiality", "override": true, "severity": "warning" },

    // A rule of your own.
    {
      "id": "team/escrow-on-request",
      "category": "disclosure-demand",
      "severity": "error",
      "title": "Escrow released on request",
      "message": "Source code leaves escrow on a mere request.",
      "explanation": "Our position: escrow is released only on the licensor's insolvency or end of support, never on request.",
      "citation": "Team position paper, section 4.",
      "match": {
        // The first pattern of "all" is the anchor; negated and modality are read for its verb.
        // Patterns use compromise match syntax: words, #Tags, (a|b), .{0,8} for up to 8 words.
        "all": [
          { "pattern": "(release|released|releases) .{0,10} #SourceCode" },
          { "condition": "on-request" }
        ],
        "negated": false
      },
      "fixes": [
        {
          "title": "Release only on insolvency or end of support",
          "preferred": true,
          "target": "sentence",
          "text": "The escrow agent shall release the source code only upon the licensor's insolvency or its cessation of support for the software."
        }
      ],
      // Examples run as tests (clauseguard test-rulebook). Keep at least one of each.
      "examples": {
        "match": ["The escrow agent shall release the Source Code to the Licensee upon the Licensee's written request."],
        "noMatch": ["The escrow agent shall release the Source Code only upon the Licensor's insolvency."]
      }
    }
  ]
}
`;
}

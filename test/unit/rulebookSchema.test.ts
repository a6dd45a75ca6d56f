import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { rulebookJsonSchema } from '../../src/engine/rulebook/jsonSchema';
import { SHAPES_BY_TYPE, type Shape } from '../../src/engine/rulebook/shapes';

const root = resolve(__dirname, '../../..');

const typesFile = join(root, 'src/engine/rulebook/types.ts');
let program: ts.Program | undefined;

/** Property names of an interface of types.ts, each with whether it is optional. */
function interfaceProperties(name: string): Map<string, boolean> {
  program ??= ts.createProgram([typesFile], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(typesFile)!;
  let found: ts.InterfaceDeclaration | undefined;
  ts.forEachChild(source, (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) found = node;
  });
  assert.ok(found, `types.ts declares ${name}`);
  const type = checker.getTypeAtLocation(found);
  return new Map(type.getProperties().map((symbol) => [symbol.name, (symbol.flags & ts.SymbolFlags.Optional) !== 0]));
}

describe('rulebook schema', () => {
  it('is generated from the validator\'s shapes and committed as generated', () => {
    const committed = JSON.parse(readFileSync(join(root, 'schemas/rulebook.schema.json'), 'utf8'));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(rulebookJsonSchema())), 'schemas/rulebook.schema.json is out of date: run `npm run schema` and commit it');
  });

  for (const [typeName, shape] of Object.entries(SHAPES_BY_TYPE)) {
    it(`agrees with the TypeScript type ${typeName}`, () => {
      assert.equal(shape.type, 'object');
      const objectShape = shape as Extract<Shape, { type: 'object' }>;
      const properties = interfaceProperties(typeName);
      assert.deepEqual([...properties.keys()].sort(), Object.keys(objectShape.properties).sort(), `the properties of ${typeName}`);
      for (const [property, optional] of properties) {
        const required = (objectShape.required ?? []).includes(property);
        assert.equal(required, !optional, `${typeName}.${property} is ${optional ? 'optional' : 'required'} in types.ts but ${required ? 'required' : 'optional'} in the schema`);
      }
    });
  }

  it('accepts the built-in rulebook shape (every rule has the required keys)', () => {
    const schema = rulebookJsonSchema() as { properties: { rules: { items: { anyOf: { required: string[] }[] } } } };
    const [rule] = schema.properties.rules.items.anyOf;
    assert.deepEqual(rule.required, ['id', 'category', 'severity', 'title', 'message', 'explanation', 'citation', 'match', 'examples']);
  });
});

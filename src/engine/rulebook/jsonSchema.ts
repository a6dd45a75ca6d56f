import { RULEBOOK_SHAPE, type Shape } from './shapes';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of rulebook files, generated from the same shapes the validator uses, so the
 * schema VS Code checks rulebooks with cannot drift from what ClauseGuard accepts.
 */
export function rulebookJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://clauseguard.invalid/schemas/rulebook.schema.json',
    title: 'ClauseGuard rulebook',
    ...toSchema(RULEBOOK_SHAPE),
    allowComments: true,
    allowTrailingCommas: true,
  };
}

function toSchema(shape: Shape): JsonSchema {
  const described = (schema: JsonSchema): JsonSchema => (shape.description ? { ...schema, markdownDescription: shape.description, description: shape.description } : schema);
  switch (shape.type) {
    case 'string':
      return described({
        type: 'string',
        ...(shape.enum ? { enum: [...shape.enum] } : {}),
        ...(shape.enumDescriptions ? { enumDescriptions: [...shape.enumDescriptions] } : {}),
        ...(shape.minLength ? { minLength: shape.minLength } : {}),
        ...(shape.maxLength ? { maxLength: shape.maxLength } : {}),
        ...(shape.pattern ? { pattern: shape.pattern } : {}),
      });
    case 'boolean':
      return described({ type: 'boolean', ...(shape.const !== undefined ? { const: shape.const } : {}) });
    case 'array':
      return described({ type: 'array', items: toSchema(shape.items), ...(shape.minItems ? { minItems: shape.minItems } : {}) });
    case 'object':
      return described({
        type: 'object',
        properties: Object.fromEntries(Object.entries(shape.properties).map(([key, value]) => [key, toSchema(value)])),
        ...(shape.required?.length ? { required: [...shape.required] } : {}),
        additionalProperties: shape.additionalProperties ? toSchema(shape.additionalProperties) : false,
        ...(shape.snippets ? { defaultSnippets: shape.snippets } : {}),
      });
    case 'oneOf':
      return described({ anyOf: shape.options.map(toSchema) });
  }
}

// JSON Schema (what OpenAI tools and json_schema response formats carry) → the OpenAPI 3.0
// subset Gemini accepts in functionDeclarations[].parameters and responseSchema.
// Gemini answers 400 INVALID_ARGUMENT on keywords it does not know (additionalProperties,
// $schema, $ref, const, type arrays...), so we keep a whitelist and translate the common
// JSON-Schema-only constructs:
//   type: ["string","null"] / anyOf [..., {type:"null"}] → the type + nullable: true
//   const → enum [const]; null in enum → nullable;  $ref to #/$defs|#/definitions → inlined (cut off when recursive)
//   allOf with one member → that member;  oneOf → anyOf
//   format: only the ones Gemini documents (date-time, enum, int32/int64, float/double).
// An object schema without properties becomes undefined at the root (Gemini rejects empty
// OBJECT parameters; a function without parameters simply omits them).

type JsonSchema = Record<string, unknown>;
export type GeminiSchema = Record<string, unknown>;

const COPIED_KEYWORDS = ['description', 'title', 'enum', 'minItems', 'maxItems', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minProperties', 'maxProperties'];
const SUPPORTED_FORMATS = new Set(['date-time', 'enum', 'int32', 'int64', 'float', 'double']);
const MAX_REF_DEPTH = 8;

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && value.type === 'null';
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const definitions = root[match[1]];
  const name = match[2].replace(/~1/g, '/').replace(/~0/g, '~');
  return isObject(definitions) && isObject(definitions[name]) ? (definitions[name] as JsonSchema) : undefined;
}

function convert(schema: unknown, root: JsonSchema, depth: number): GeminiSchema | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, root);
    // Recursive or external references cannot be expressed: a loose object keeps the call valid.
    if (!target || depth >= MAX_REF_DEPTH) return { type: 'object' };
    return convert({ ...target, ...withoutKey(schema, '$ref') }, root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    return convert({ ...(schema.allOf[0] as JsonSchema), ...withoutKey(schema, 'allOf') }, root, depth);
  }

  const result: GeminiSchema = {};
  let type = schema.type;
  if (Array.isArray(type)) {
    const types = type.filter((entry) => entry !== 'null');
    if (types.length !== type.length) result.nullable = true;
    if (types.length === 1) type = types[0];
    else {
      type = undefined;
      if (types.length > 1) result.anyOf = types.map((entry) => ({ type: entry }));
    }
  }
  if (typeof type === 'string' && type !== 'null') result.type = type;
  if (type === 'null') result.nullable = true;

  for (const keyword of COPIED_KEYWORDS) {
    if (schema[keyword] !== undefined) result[keyword] = schema[keyword];
  }
  if (schema.const !== undefined) result.enum = [schema.const];
  if (Array.isArray(result.enum) && result.enum.includes(null)) {
    // Gemini enums are string lists; a null member means "nullable".
    result.enum = result.enum.filter((value) => value !== null);
    result.nullable = true;
  }
  if (typeof schema.format === 'string' && SUPPORTED_FORMATS.has(schema.format)) result.format = schema.format;
  if (schema.nullable === true) result.nullable = true;

  const alternatives = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined) as unknown[] | undefined;
  if (alternatives) {
    const nonNull = alternatives.filter((entry) => !isNullSchema(entry));
    if (nonNull.length !== alternatives.length) result.nullable = true;
    const converted = nonNull.map((entry) => convert(entry, root, depth)).filter((entry): entry is GeminiSchema => entry !== undefined);
    if (converted.length === 1) Object.assign(result, converted[0], result.nullable ? { nullable: true } : {});
    else if (converted.length > 1) result.anyOf = converted;
  }

  if (isObject(schema.properties)) {
    const properties: Record<string, GeminiSchema> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      properties[name] = convert(property, root, depth) ?? {};
    }
    result.properties = properties;
    if (result.type === undefined) result.type = 'object';
    if (Array.isArray(schema.required)) {
      const required = schema.required.filter((name): name is string => typeof name === 'string' && name in properties);
      if (required.length > 0) result.required = required;
    }
  }
  if (schema.items !== undefined) {
    const items = convert(Array.isArray(schema.items) ? schema.items[0] : schema.items, root, depth);
    if (items) result.items = items;
  }
  return result;
}

function withoutKey(schema: JsonSchema, key: string): JsonSchema {
  const { [key]: _removed, ...rest } = schema;
  return rest;
}

export function convertJsonSchemaToGeminiSchema(schema: unknown): GeminiSchema | undefined {
  if (!isObject(schema)) return undefined;
  const converted = convert(schema, schema, 0);
  if (!converted) return undefined;
  const isEmptyObject =
    (converted.type === 'object' || converted.type === undefined) &&
    (!isObject(converted.properties) || Object.keys(converted.properties).length === 0) &&
    converted.anyOf === undefined;
  return isEmptyObject ? undefined : converted;
}

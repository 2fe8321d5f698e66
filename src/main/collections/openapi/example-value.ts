/**
 * An example value for a schema, so that an imported request carries a body the user edits rather
 * than types from scratch. The document's own examples win; otherwise a small generator walks
 * properties, types and enums. It is capped in depth and breadth, because schemas may be circular
 * (the parser leaves those `$ref`s in place) and mutated files may nest without end.
 */
import { isRecord } from '../import/context';
import { follow } from './openapi-document';

const MAX_DEPTH = 6;
const MAX_PROPERTIES = 50;
/** Values produced in total, so a wide and deep schema still gives a small body. */
const MAX_NODES = 2_000;

/** Strings by `format`, recognisable as placeholders. */
const STRING_FORMATS: Readonly<Record<string, string>> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  email: 'user@example.com',
  uuid: '00000000-0000-0000-0000-000000000000',
  uri: 'https://example.com',
  url: 'https://example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  byte: 'U3RyaW5n',
};

/** The example a schema or parameter declares itself (`example`, `default`, first of `enum`, `const`). */
export function declaredExample(node: unknown): unknown {
  if (!isRecord(node)) return undefined;
  if (node.example !== undefined) return node.example;
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (node.default !== undefined) return node.default;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if (node.const !== undefined) return node.const;
  return undefined;
}

/** The first named type of a schema (`type: [string, "null"]` in OpenAPI 3.1 gives string). */
function schemaType(schema: Record<string, unknown>): string {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) {
    const named = schema.type.find((type) => typeof type === 'string' && type !== 'null');
    if (typeof named === 'string') return named;
  }
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return '';
}

/** Generates an example for a schema; undefined when the schema says nothing usable. */
export function exampleFromSchema(root: Record<string, unknown>, schema: unknown): unknown {
  let nodes = 0;
  const walk = (node: unknown, depth: number, seen: ReadonlySet<object>): unknown => {
    const resolved = follow(root, node);
    if (!isRecord(resolved) || depth > MAX_DEPTH || seen.has(resolved) || (nodes += 1) > MAX_NODES) return undefined;
    const declared = declaredExample(resolved);
    if (declared !== undefined) return declared;
    const inner = new Set(seen).add(resolved);
    if (Array.isArray(resolved.allOf)) {
      // allOf parts describe one object together: merge what each part gives.
      const merged: Record<string, unknown> = {};
      for (const part of resolved.allOf.slice(0, MAX_PROPERTIES)) {
        const value = walk(part, depth + 1, inner);
        if (isRecord(value)) Object.assign(merged, value);
        else if (value !== undefined && Object.keys(merged).length === 0) return value;
      }
      return merged;
    }
    for (const choice of ['oneOf', 'anyOf'] as const) {
      const options = resolved[choice];
      if (Array.isArray(options) && options.length > 0) return walk(options[0], depth + 1, inner);
    }
    switch (schemaType(resolved)) {
      case 'object': {
        const object: Record<string, unknown> = {};
        const properties = isRecord(resolved.properties) ? Object.entries(resolved.properties) : [];
        for (const [name, property] of properties.slice(0, MAX_PROPERTIES)) {
          const value = walk(property, depth + 1, inner);
          if (value !== undefined) object[name] = value;
        }
        return object;
      }
      case 'array': {
        const item = walk(resolved.items, depth + 1, inner);
        return item === undefined ? [] : [item];
      }
      case 'integer':
      case 'number':
        return typeof resolved.minimum === 'number' ? resolved.minimum : 0;
      case 'boolean':
        return true;
      case 'string':
        return STRING_FORMATS[typeof resolved.format === 'string' ? resolved.format : ''] ?? 'string';
      default:
        return undefined;
    }
  };
  return walk(schema, 0, new Set());
}

/** A scalar example as text for a URL, header or form field; objects as JSON. */
export function exampleText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

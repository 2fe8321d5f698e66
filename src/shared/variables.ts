/** `{{name}}` templates, as Postman writes them. Pure: used by renderer and main. */

const VARIABLE = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;

/** Names of the variables a text refers to, in order of first use. */
export function findVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(VARIABLE)) names.add(match[1]!);
  return [...names];
}

export interface Substitution {
  readonly text: string;
  /** Names that had no value; their `{{...}}` is left in place. */
  readonly unresolved: readonly string[];
}

/**
 * Replaces `{{name}}` with `lookup(name)`. Values are not substituted again, so a
 * value containing braces cannot recurse.
 */
export function substitute(text: string, lookup: (name: string) => string | undefined): Substitution {
  if (!text.includes('{{')) return { text, unresolved: [] };
  const unresolved = new Set<string>();
  const out = text.replace(VARIABLE, (whole, name: string) => {
    const value = lookup(name);
    if (value === undefined) {
      unresolved.add(name);
      return whole;
    }
    return value;
  });
  return { text: out, unresolved: [...unresolved] };
}

/** Where a request's variables come from; each layer is a list of `{ key, value, enabled }`. */
export interface VariableSources<Layer> {
  /** The selected (else active) environment's values. */
  readonly environment?: Layer;
  /** The request's folders' variables, outermost first, as the tree lists them. */
  readonly folders?: readonly Layer[];
  readonly collection?: Layer;
}

/**
 * The layers a request's `{{variables}}` are looked up in, highest precedence first:
 *   1. the selected (else active) environment,
 *   2. the request's folders, innermost first,
 *   3. the collection's variables.
 * This is Postman's order (environment over collection); folder variables, which
 * Postman's runtime also honours, sit between. Main's send scope and the renderer's
 * unresolved-variable hint both follow it.
 */
export function variableLayers<Layer>({ environment, folders = [], collection }: VariableSources<Layer>): Layer[] {
  return [
    ...(environment === undefined ? [] : [environment]),
    ...[...folders].reverse(),
    ...(collection === undefined ? [] : [collection]),
  ];
}

/**
 * The enabled values of `layers` (highest precedence first) by name, each from the
 * highest layer that has it; within one layer the last entry of a name wins.
 */
export function layeredValues(
  layers: readonly (readonly { readonly key: string; readonly value: string; readonly enabled: boolean }[])[],
): Map<string, string> {
  const values = new Map<string, string>();
  // Filled lowest precedence first so that higher layers overwrite.
  for (const layer of [...layers].reverse())
    for (const entry of layer) if (entry.enabled) values.set(entry.key, entry.value);
  return values;
}

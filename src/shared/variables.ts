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

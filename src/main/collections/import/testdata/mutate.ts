/** Seeded mutations of import files (JSON trees and plain text) for the importers' fuzz tests. */

/** mulberry32, so that a failing run repeats from its printed seed. */
export function fuzzRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pickFrom =
  (random: () => number) =>
  <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)]!;

const ODD_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(70_000),
  [],
  {},
  true,
  '{{var}}',
  'AWS4-HMAC-SHA256 Credential=/',
  '%E0%A4%A',
  '\u0000\uFFFF\uD800',
  [[[[[[[[]]]]]]]],
  { __proto__: { polluted: true } },
  // Long runs that made regexes quadratic once (a trailing-slash trim, a lazy Bearer token).
  `${'/'.repeat(100_000)}x`,
  `Bearer a${' '.repeat(100_000)}b`,
];

/** Changes one value anywhere in a parsed JSON tree (deleted, retyped, replaced by an odd value). */
export function mutateJson(text: string, random: () => number): string {
  const root = JSON.parse(text) as unknown;
  mutateTree(root, random);
  return JSON.stringify(root);
}

/**
 * Changes one to three values of a parsed tree in place: deleted, replaced by an odd value (the
 * format's own `extraValues` among them), turned into its JSON text, or wrapped in a list.
 */
export function mutateTree(root: unknown, random: () => number, extraValues: readonly unknown[] = []): void {
  const pick = pickFrom(random);
  const values = [...ODD_VALUES, ...extraValues];
  const slots: Array<{ parent: Record<string | number, unknown>; key: string | number }> = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Array.isArray(node) ? [...node.keys()] : Object.keys(node)) {
      slots.push({ parent: node as Record<string | number, unknown>, key });
      stack.push((node as Record<string | number, unknown>)[key]);
    }
  }
  const mutations = 1 + Math.floor(random() * 3);
  for (let i = 0; i < mutations && slots.length > 0; i += 1) {
    const { parent, key } = pick(slots);
    const kind = pick(['delete', 'odd', 'odd', 'stringify', 'wrap']);
    if (kind === 'delete') delete parent[key];
    else if (kind === 'odd') {
      // A copy, so a later mutation of the tree never changes the list of odd values itself.
      const value = pick(values);
      parent[key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
    } else if (kind === 'stringify') parent[key] = JSON.stringify(parent[key]) ?? '';
    else parent[key] = [parent[key]];
  }
}

const TEXT_PIECES = [
  ' ',
  "'",
  '"',
  '\\',
  '\\\n',
  '^\r\n',
  '`\n',
  '$',
  '${',
  '@',
  '-',
  '--',
  '-X',
  '-H',
  '-d',
  '\n',
  ';',
  '|',
  '&',
  '#',
  '\u0000',
  'é',
  '\uD800',
  '=',
  ':',
  '{{',
  '}}',
  '%',
];

/** Changes plain text: characters inserted, deleted or repeated, lines cut or doubled. */
export function mutateText(text: string, random: () => number): string {
  const pick = pickFrom(random);
  let out = text;
  const mutations = 1 + Math.floor(random() * 4);
  for (let i = 0; i < mutations; i += 1) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = pick(['insert', 'insert', 'delete', 'repeat', 'truncate', 'swap']);
    if (kind === 'insert') out = out.slice(0, at) + pick(TEXT_PIECES) + out.slice(at);
    else if (kind === 'delete') out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 8));
    else if (kind === 'repeat') out = out.slice(0, at) + out.slice(at, at + 20).repeat(50) + out.slice(at);
    else if (kind === 'truncate') out = out.slice(0, at);
    else {
      const other = Math.floor(random() * (out.length + 1));
      out =
        out.slice(0, Math.min(at, other)) +
        out.slice(Math.max(at, other)) +
        out.slice(Math.min(at, other), Math.max(at, other));
    }
  }
  return out;
}

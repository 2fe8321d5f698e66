/**
 * A request's query parameters as rows, kept in step with its URL.
 *
 * The URL is what is sent and signed, so it holds the enabled parameters only, exactly as typed
 * (as Postman's `raw` does). `RequestSpec.query` adds what a URL cannot carry: switched-off
 * parameters and descriptions. It is stored only when it has one of those, and its enabled rows
 * always follow the URL: `queryRows` re-reads them from the URL, so a stale list can never put a
 * switched-off parameter on the wire. Pure functions: no Node built-ins.
 */
import type { QueryParam } from './model';
import { LIMITS } from './request-basics';

/** One `key=value` pair of a query string, exactly as written (no decoding). */
export interface QueryPair {
  readonly key: string;
  readonly value: string;
  /** `key` alone, without `=`. */
  readonly bare?: boolean;
}

/** Splits `url` into the part before `?`, its query pairs, and the fragment (with its `#`). */
export function splitQuery(url: string): { base: string; pairs: QueryPair[]; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  const withoutHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = withoutHash.indexOf('?');
  if (queryAt < 0) return { base: withoutHash, pairs: [], hash };
  const query = withoutHash.slice(queryAt + 1);
  const pairs =
    query === ''
      ? []
      : query.split('&').map((pair): QueryPair => {
          const eq = pair.indexOf('=');
          return eq < 0 ? { key: pair, value: '', bare: true } : { key: pair.slice(0, eq), value: pair.slice(eq + 1) };
        });
  return { base: withoutHash.slice(0, queryAt), pairs, hash };
}

/** The query string of the enabled rows (`a=1&flag`), as typed; an empty value is written as the key alone. */
export function queryString(rows: readonly Pick<QueryParam, 'key' | 'value' | 'disabled'>[]): string {
  return rows
    .filter((row) => row.disabled !== true)
    .map((row) => (row.value === '' ? row.key : `${row.key}=${row.value}`))
    .join('&');
}

/**
 * Every query row of a request: the URL's pairs (enabled, in the URL's order) with the descriptions
 * the stored list gives them, and the stored switched-off rows where they stood among the others.
 * When the URL has as many pairs as the list has enabled rows, rows match by position (an edited
 * key keeps its description); otherwise by key, in order. A switched-off row follows the enabled
 * row it followed before, or the nearest earlier one still in the URL.
 */
export function queryRows(url: string, stored?: readonly QueryParam[]): QueryParam[] {
  const { pairs } = splitQuery(url);
  const fromUrl = pairs.map(({ key, value }): QueryParam => ({ key, value }));
  if (!stored || stored.length === 0) return fromUrl;
  const enabled = stored.filter((row) => row.disabled !== true);
  // Which enabled stored row each URL pair is, and where each stored row ended up in the URL.
  const urlIndexOf = new Map<number, number>();
  const described = fromUrl.map((row, index): QueryParam => {
    let match: number;
    if (enabled.length === fromUrl.length) match = index;
    else match = enabled.findIndex((candidate, at) => !urlIndexOf.has(at) && candidate.key === row.key);
    if (match < 0) return row;
    urlIndexOf.set(match, index);
    const description = enabled[match]!.description;
    return description ? { ...row, description } : row;
  });
  // A switched-off row goes after the URL pair of the nearest enabled row it followed (first if none).
  const offBefore = new Map<number, QueryParam[]>();
  let lastEnabled = -1;
  for (const row of stored) {
    if (row.disabled !== true) {
      lastEnabled += 1;
      continue;
    }
    let anchor = lastEnabled;
    while (anchor >= 0 && !urlIndexOf.has(anchor)) anchor -= 1;
    const position = anchor < 0 ? 0 : urlIndexOf.get(anchor)! + 1;
    offBefore.set(position, [...(offBefore.get(position) ?? []), { ...row, disabled: true }]);
  }
  const out: QueryParam[] = [];
  for (let index = 0; index <= described.length; index += 1) {
    out.push(...(offBefore.get(index) ?? []));
    if (index < described.length) out.push(described[index]!);
  }
  return out;
}

/**
 * The list worth storing: undefined when every row is enabled and undescribed (the URL says it all).
 * At most LIMITS.rows rows, as the model allows; rows past that still sit in the URL if enabled.
 */
export function storedQuery(rows: readonly QueryParam[]): QueryParam[] | undefined {
  if (!rows.some((row) => row.disabled === true || (row.description ?? '') !== '')) return undefined;
  return rows.slice(0, LIMITS.rows).map(({ key, value, description, disabled }) => ({
    key,
    value,
    ...(description ? { description } : {}),
    ...(disabled ? { disabled: true } : {}),
  }));
}

/** The URL and stored list after the rows were edited: the URL's query is rebuilt from the enabled rows. */
export function withQueryRows(url: string, rows: readonly QueryParam[]): { url: string; query?: QueryParam[] } {
  const { base, hash } = splitQuery(url);
  const search = queryString(rows);
  const next = `${base}${search ? `?${search}` : ''}${hash}`;
  return { url: next, query: storedQuery(rows) };
}

/** The stored list for a URL typed or pasted over an older one (undefined when nothing is left to keep). */
export function followUrl(url: string, stored?: readonly QueryParam[]): QueryParam[] | undefined {
  if (!stored || stored.length === 0) return undefined;
  return storedQuery(queryRows(url, stored));
}

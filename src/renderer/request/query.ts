/** Query-string rows kept exactly as typed, so editing the table never re-encodes the URL. */
export interface QueryRow {
  readonly key: string;
  readonly value: string;
}

/** Splits `url` into the part before `?`, the query rows, and the fragment. */
export function splitUrl(url: string): { base: string; rows: QueryRow[]; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  const withoutHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = withoutHash.indexOf('?');
  if (queryAt < 0) return { base: withoutHash, rows: [], hash };
  const query = withoutHash.slice(queryAt + 1);
  const rows =
    query === ''
      ? []
      : query.split('&').map((pair) => {
          const eq = pair.indexOf('=');
          return eq < 0 ? { key: pair, value: '' } : { key: pair.slice(0, eq), value: pair.slice(eq + 1) };
        });
  return { base: withoutHash.slice(0, queryAt), rows, hash };
}

/** Rebuilds the URL from its base, rows and fragment. */
export function joinUrl(base: string, rows: readonly QueryRow[], hash: string): string {
  const query = rows.map((row) => (row.value === '' ? row.key : `${row.key}=${row.value}`)).join('&');
  return `${base}${rows.length > 0 ? `?${query}` : ''}${hash}`;
}

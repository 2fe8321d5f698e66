/** What an AWS endpoint's host name says about where to sign. Pure: renderer and main share it. */
export interface HostScope {
  readonly region: string;
  readonly service: string;
}

const EXECUTE_API = /^[a-z0-9]+\.execute-api\.([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+)\.amazonaws\.com(?:\.cn)?$/i;
const REGIONAL = /^(?:[a-z0-9-]+\.)*?([a-z0-9-]+)\.([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+)\.amazonaws\.com(?:\.cn)?$/i;

/**
 * Region and service from `<api-id>.execute-api.<region>.amazonaws.com` and the
 * general `<service>.<region>.amazonaws.com` form; undefined for other hosts.
 */
export function scopeFromHost(host: string): HostScope | undefined {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  const api = EXECUTE_API.exec(name);
  if (api) return { region: api[1]!, service: 'execute-api' };
  const regional = REGIONAL.exec(name);
  if (regional) return { region: regional[2]!, service: regional[1]! };
  return undefined;
}

/** The host of a URL as typed, or '' when it does not parse yet. */
export function hostOf(url: string): string {
  const match = /^https?:\/\/([^/?#]+)/i.exec(url.trim());
  return match ? match[1]!.replace(/^[^@]*@/, '') : '';
}

/**
 * Region and service from an AWS host name, so that an execute-api URL needs no typing.
 * Pure: the renderer shows what main will derive.
 */

const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** Host labels that name a different signing service than the label itself. */
const SIGNING_NAME: Readonly<Record<string, string>> = { 'appsync-api': 'appsync', 'lambda-url': 'lambda' };
/** Global endpoints: signed for us-east-1. */
const GLOBAL = new Set(['sts', 'iam', 'cloudfront', 'route53', 'organizations']);

/**
 * Recognises `<api-id>.execute-api.<region>.amazonaws.com` (and `.amazonaws.com.cn`, VPC
 * endpoint forms), `<service>.<region>.amazonaws.com`, `<id>.<service>.<region>.on.aws` and
 * the global `sts.amazonaws.com`. Returns undefined for any other host.
 */
export function deriveRegionService(host: string): { region: string; service: string } | undefined {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[.*\]$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  const suffix = /\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$/.exec(name);
  if (!suffix) return undefined;
  const labels = name
    .slice(0, suffix.index)
    .split('.')
    .filter((l) => l !== 'vpce');
  if (labels.length === 1 && GLOBAL.has(labels[0] ?? '')) return { region: 'us-east-1', service: labels[0] ?? '' };
  for (let i = labels.length - 1; i >= 1; i--) {
    const region = labels[i] ?? '';
    if (!REGION.test(region)) continue;
    const label = (labels[i - 1] ?? '').replace(/-fips$/, '');
    if (!/^[a-z0-9-]+$/.test(label)) return undefined;
    return { region, service: SIGNING_NAME[label] ?? label };
  }
  return undefined;
}

/** The host of a URL as typed, or '' when it does not parse yet. */
export function hostOf(url: string): string {
  const match = /^https?:\/\/([^/?#]+)/i.exec(url.trim());
  return match ? match[1]!.replace(/^[^@]*@/, '') : '';
}

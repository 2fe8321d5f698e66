/**
 * Region and signing service from an AWS host name, for every common endpoint shape, so that
 * a URL needs no typing. Pure: the renderer shows what main will derive ("derived from the host").
 */

const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** Host labels whose signing name differs from the label. */
const SIGNING_NAME: Readonly<Record<string, string>> = {
  'appsync-api': 'appsync',
  'appsync-realtime-api': 'appsync',
  'lambda-url': 'lambda',
  's3-accesspoint': 's3',
  's3-control': 's3',
  'bedrock-runtime': 'bedrock',
  'bedrock-agent': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  email: 'ses',
};
/** Global endpoints without a region label: signed for us-east-1. */
const GLOBAL = new Set(['sts', 'iam', 'cloudfront', 'route53', 'organizations', 's3', 's3-external-1']);
/** Labels between the service and the region that name an endpoint variant, not a service. */
const VARIANTS = new Set(['dualstack', 'fips']);
/** Partition DNS suffixes: aws, China, the ISO partitions, dual-stack `api.aws`, and `on.aws` names (Lambda URLs, aoss). */
const PARTITION_SUFFIX =
  /\.(?:amazonaws\.com(?:\.cn)?|api\.aws|on\.aws|on\.amazonwebservices\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;
/** Legacy S3 hosts put the region in the label: `s3-us-west-2`, `s3-fips-us-gov-west-1`, `s3-external-1`. */
const LEGACY_S3 = /^s3-(?:fips-)?(.+)$/;

export interface DerivedScope {
  readonly region: string;
  readonly service: string;
}

function signingName(label: string, labelsBefore: number): string | undefined {
  const name = label.replace(/-fips$/, '');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return undefined;
  // `<prefix>-ats.iot.<region>` (or `data.iot`) is the IoT data plane, signed as iotdata.
  if (name === 'iot' && labelsBefore > 0) return 'iotdata';
  return SIGNING_NAME[name] ?? name;
}

/**
 * Recognises execute-api (REST, HTTP, WebSocket, private APIs through VPC endpoints), Lambda
 * function URLs, S3 in all its forms (path-style, virtual-hosted, legacy `s3-<region>`,
 * dual-stack, FIPS, access points), OpenSearch (`es`, `aoss`), AppSync, IoT data, the generic
 * `<service>[-fips].<region>.amazonaws.com` in every partition, and the global endpoints.
 * Returns undefined for any other host (a custom domain derives nothing).
 */
export function deriveRegionService(host: string): DerivedScope | undefined {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[.*\]$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  const suffix = PARTITION_SUFFIX.exec(name);
  if (!suffix) return undefined;
  const labels = name.slice(0, suffix.index).split('.');
  // Interface VPC endpoints: `vpce-<id>.<service>.<region>.vpce.amazonaws.com`.
  if (labels[labels.length - 1] === 'vpce') labels.pop();
  if (labels.some((label) => label === '')) return undefined;

  for (const [at, label] of labels.entries()) {
    const legacy = LEGACY_S3.exec(label);
    if (!legacy || SIGNING_NAME[label] || label === 's3-object-lambda') continue;
    if (legacy[1] === 'external-1') return { region: 'us-east-1', service: 's3' };
    if (legacy[1] && REGION.test(legacy[1]) && at === labels.length - 1) return { region: legacy[1], service: 's3' };
  }

  let regionAt = -1;
  for (let i = labels.length - 1; i >= 0; i--) {
    if (REGION.test(labels[i] ?? '')) {
      regionAt = i;
      break;
    }
  }
  if (regionAt < 0) {
    const last = labels[labels.length - 1] ?? '';
    if (labels.length === 2 && last === 'us-gov' && (labels[0] === 'iam' || labels[0] === 'sts'))
      return { region: 'us-gov-west-1', service: labels[0] };
    // `s3.amazonaws.com` and `<bucket>.s3.amazonaws.com` are us-east-1, as are sts/iam without a region.
    if (GLOBAL.has(last) && (labels.length === 1 || last === 's3' || last === 's3-external-1'))
      return { region: 'us-east-1', service: last.startsWith('s3') ? 's3' : last };
    return undefined;
  }
  const region = labels[regionAt] ?? '';
  // `<domain>.<region>.es.amazonaws.com`, `<collection>.<region>.aoss.amazonaws.com`: service after the region.
  if (regionAt === labels.length - 2) {
    const service = signingName(labels[regionAt + 1] ?? '', regionAt);
    return service ? { region, service } : undefined;
  }
  if (regionAt !== labels.length - 1) return undefined;
  let serviceAt = regionAt - 1;
  while (serviceAt > 0 && VARIANTS.has(labels[serviceAt] ?? '')) serviceAt--;
  if (serviceAt < 0 || VARIANTS.has(labels[serviceAt] ?? '')) return undefined;
  const service = signingName(labels[serviceAt] ?? '', serviceAt);
  return service ? { region, service } : undefined;
}

/** The host of a URL as typed, or '' when it does not parse yet. */
export function hostOf(url: string): string {
  const match = /^https?:\/\/([^/?#]+)/i.exec(url.trim());
  return match ? match[1]!.replace(/^[^@]*@/, '') : '';
}

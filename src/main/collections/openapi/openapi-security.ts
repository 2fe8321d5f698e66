/**
 * Security schemes into Signet's auth. API Gateway marks IAM-authorised routes with a scheme that
 * carries `x-amazon-apigateway-authtype: awsSigv4` (HTTP and REST exports) or an
 * `x-amazon-apigateway-authorizer` of type `iam` / `AWS_IAM`; those become AWS Signature. The
 * credentials are left empty, exactly as a Postman awsv4 block without keys imports: the user picks
 * keys, a profile or a session in Signet, and nothing secret is ever read from an API description.
 * API keys, bearer and basic become the same auth types with `{{variables}}` for their values.
 */
import { deriveRegionService } from '../../../shared/aws-host';
import { LIMITS, type Auth } from '../../../shared/model';
import { ImportContext, isRecord, text } from '../import/context';

const IAM_TYPES = new Set(['awssigv4', 'iam', 'aws_iam']);

export interface SecurityResolver {
  /**
   * The auth of a `security` list (operation-level, or the document's): undefined when the list is
   * absent, `none` for `security: []` or when anonymous access is an alternative and nothing maps.
   */
  authFor(security: unknown, where: string): Auth | undefined;
}

function isIamScheme(scheme: Record<string, unknown>): boolean {
  if (IAM_TYPES.has(text(scheme['x-amazon-apigateway-authtype']).toLowerCase())) return true;
  const authorizer = scheme['x-amazon-apigateway-authorizer'];
  return isRecord(authorizer) && IAM_TYPES.has(text(authorizer.type).toLowerCase());
}

function awsSignature(host: string, ctx: ImportContext): Auth {
  // A template host ({{apiId}}, {{region}}) derives nothing now; Signet derives from the sent URL instead.
  const derived = host ? deriveRegionService(host) : undefined;
  if (host && !derived)
    ctx.warn(`AWS Signature: the region cannot be derived from the host ${host.slice(0, 80)}; set it in the auth`);
  return {
    type: 'awsv4',
    source: { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' },
    region: derived?.region ?? '',
    service: derived?.service ?? (host ? 'execute-api' : ''),
    addAuthDataTo: 'headers',
    expiresSeconds: 900,
  };
}

function convertScheme(name: string, scheme: Record<string, unknown>, host: string, ctx: ImportContext): Auth {
  if (isIamScheme(scheme)) return awsSignature(host, ctx);
  const type = text(scheme.type);
  const label = `security scheme "${name.slice(0, 60)}"`;
  if (type === 'apiKey') {
    const place = text(scheme.in);
    if (place === 'header' || place === 'query')
      return {
        type: 'apikey',
        key: ctx.clip(text(scheme.name), LIMITS.headerName, `${label} name`),
        value: '{{apiKey}}',
        in: place,
      };
    ctx.warn(`${label}: an API key in a ${place || 'missing place'} is not supported; those requests have no auth`);
    return { type: 'none' };
  }
  const httpScheme = text(scheme.scheme).toLowerCase();
  if (type === 'basic' || (type === 'http' && httpScheme === 'basic'))
    return { type: 'basic', username: '{{username}}', password: '{{password}}' };
  if (type === 'http' && httpScheme === 'bearer') return { type: 'bearer', token: '{{bearerToken}}' };
  if (type === 'oauth2' || type === 'openIdConnect') {
    // Kept as Postman's oauth2 type so an export says what the API needs; Signet does not run the flow.
    ctx.warn(`${label}: ${type} is not run by Signet; those requests need a token added by hand`);
    return { type: 'unsupported', postmanType: 'oauth2', raw: { type: 'oauth2' } };
  }
  ctx.warn(`${label}: type "${type.slice(0, 40)}" is not supported; those requests have no auth`);
  return { type: 'none' };
}

export function securityResolver(doc: Record<string, unknown>, swagger: boolean, host: string, ctx: ImportContext) {
  const components = isRecord(doc.components) ? doc.components : {};
  const schemes = swagger ? doc.securityDefinitions : components.securitySchemes;
  const defined: Record<string, unknown> = isRecord(schemes) ? schemes : {};
  const converted = new Map<string, Auth | undefined>();

  /** Each scheme converted once, so its warning appears once. */
  const schemeAuth = (name: string, where: string): Auth | undefined => {
    if (!converted.has(name)) {
      const scheme = Object.prototype.hasOwnProperty.call(defined, name) ? defined[name] : undefined;
      if (!isRecord(scheme)) ctx.warn(`${where}: security scheme "${name.slice(0, 60)}" is not defined; ignored`);
      converted.set(name, isRecord(scheme) ? convertScheme(name, scheme, host, ctx) : undefined);
    }
    return converted.get(name);
  };

  const resolver: SecurityResolver = {
    authFor(security, where) {
      if (!Array.isArray(security)) return undefined;
      let anonymous = security.length === 0;
      const choices: Auth[] = [];
      for (const requirement of security) {
        if (!isRecord(requirement)) continue;
        const names = Object.keys(requirement);
        if (names.length === 0) anonymous = true;
        // Signet applies one auth per request: of schemes required together, the first that maps is used.
        const auths = names.map((name) => schemeAuth(name, where)).filter((auth) => auth !== undefined);
        const chosen = auths.find((auth) => auth.type === 'awsv4') ?? auths.find((auth) => auth.type !== 'none');
        if (chosen) choices.push(chosen);
      }
      // Among alternatives, AWS Signature first: signing AWS requests is what Signet is for.
      const best = choices.find((auth) => auth.type === 'awsv4') ?? choices[0];
      if (best) return structuredClone(best);
      return anonymous || security.length > 0 ? { type: 'none' } : undefined;
    },
  };
  return resolver;
}

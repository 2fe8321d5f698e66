/**
 * The request model shared by the renderer, main and the collection importer.
 * Pure types and zod schemas: no electron, no Node built-ins. Its constants and helpers
 * live in request-basics.ts, which the renderer imports without loading zod.
 */
import { z } from 'zod';
import { HTTP_METHODS, LIMITS, METHOD_PATTERN } from './request-limits';
import { ChecksSchema } from './checks';

export { HTTP_METHODS, LIMITS, METHOD_PATTERN } from './request-limits';
/** An HTTP method: one of HTTP_METHODS or another token (RFC 9110 §9.1), in capitals as Postman keeps them. */
export type HttpMethod = string;

export const KeyValueSchema = z.object({
  key: z.string().max(LIMITS.headerName),
  value: z.string().max(LIMITS.headerValue),
  enabled: z.boolean().default(true),
  description: z.string().max(LIMITS.text).optional(),
  /** A collection or folder variable Postman marks `secret`: its value is a `secret:` reference to main's store. */
  secret: z.boolean().optional(),
});
export type KeyValue = z.infer<typeof KeyValueSchema>;

export const FormFieldSchema = z.object({
  key: z.string().max(LIMITS.headerName),
  enabled: z.boolean().default(true),
  kind: z.enum(['text', 'file']),
  /** Text value, or for a file field the absolute path of the file to attach. */
  value: z.string().max(LIMITS.headerValue),
  contentType: z.string().max(LIMITS.headerName).optional(),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const BodySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({
    mode: z.literal('raw'),
    text: z.string().max(LIMITS.rawBody),
    /** The Content-Type to send unless a header overrides it, e.g. application/json. */
    contentType: z.string().max(LIMITS.headerName),
  }),
  z.object({ mode: z.literal('urlencoded'), fields: z.array(KeyValueSchema).max(LIMITS.rows) }),
  z.object({ mode: z.literal('formdata'), fields: z.array(FormFieldSchema).max(LIMITS.rows) }),
  z.object({
    mode: z.literal('binary'),
    filePath: z.string().max(LIMITS.filePath),
    contentType: z.string().max(LIMITS.headerName).optional(),
  }),
  z.object({
    mode: z.literal('graphql'),
    query: z.string().max(LIMITS.text),
    variables: z.string().max(LIMITS.text),
  }),
]);
export type Body = z.infer<typeof BodySchema>;

/**
 * A field that may hold a secret. The renderer only ever stores a reference
 * (`secret:<id>`, made by the putSecret call) or a `{{variable}}` template;
 * main resolves it at send time.
 */
export const SecretFieldSchema = z.string().max(LIMITS.headerValue);

/** Where the AWS Signature auth takes its credentials from. */
export const CredentialSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('keys'),
    accessKeyId: z.string().max(LIMITS.headerValue),
    secretAccessKey: SecretFieldSchema,
    sessionToken: SecretFieldSchema.default(''),
  }),
  z.object({ kind: z.literal('profile'), profile: z.string().min(1).max(LIMITS.name) }),
  z.object({ kind: z.literal('session'), sessionId: z.string().min(1).max(LIMITS.name) }),
]);
export type CredentialSource = z.infer<typeof CredentialSourceSchema>;

export const AwsSigV4AuthSchema = z.object({
  type: z.literal('awsv4'),
  source: CredentialSourceSchema,
  /** Empty: derived from an execute-api host, else an error at send time. */
  region: z.string().max(64).default(''),
  /** Empty: derived from the host, defaulting to execute-api. */
  service: z.string().max(64).default(''),
  addAuthDataTo: z.enum(['headers', 'query']).default('headers'),
  /** Presigned URL lifetime, with addAuthDataTo = query. */
  expiresSeconds: z.number().int().min(1).max(604800).default(900),
  /**
   * Where the service allows the choice (S3): sign the body's SHA-256 or `UNSIGNED-PAYLOAD` in
   * `x-amz-content-sha256`. Absent means signed, so files saved before the field existed stay valid.
   */
  payloadHash: z.enum(['signed', 'unsigned']).optional(),
});
export type AwsSigV4Auth = z.infer<typeof AwsSigV4AuthSchema>;

export const AuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  /** Take the auth of the nearest folder, then the collection (Postman's rule). */
  z.object({ type: z.literal('inherit') }),
  AwsSigV4AuthSchema,
  z.object({ type: z.literal('basic'), username: z.string().max(LIMITS.headerValue), password: SecretFieldSchema }),
  z.object({ type: z.literal('bearer'), token: SecretFieldSchema }),
  z.object({
    type: z.literal('apikey'),
    key: z.string().max(LIMITS.headerName),
    value: SecretFieldSchema,
    in: z.enum(['header', 'query']),
  }),
  /** An auth type Signet does not run, kept verbatim so that export loses nothing. */
  z.object({ type: z.literal('unsupported'), postmanType: z.string().max(LIMITS.name), raw: z.unknown() }),
]);
export type Auth = z.infer<typeof AuthSchema>;

/**
 * One query parameter as a row. The URL carries the enabled ones; this row form adds what a URL
 * cannot (see shared/query.ts): a switched-off parameter, which is neither sent nor signed, and a
 * description.
 */
export const QueryParamSchema = z.object({
  key: z.string().max(LIMITS.url),
  value: z.string().max(LIMITS.url),
  description: z.string().max(LIMITS.text).optional(),
  disabled: z.boolean().optional(),
});
export type QueryParam = z.infer<typeof QueryParamSchema>;

export const RequestSpecSchema = z.object({
  id: z.string().max(LIMITS.name).default(''),
  name: z.string().max(LIMITS.name).default(''),
  method: z
    .string()
    .regex(
      METHOD_PATTERN,
      `HTTP method must be a token of capital letters, digits and !#$%&'*+.^_\`|~- (such as ${HTTP_METHODS.join(', ')} or PURGE)`,
    ),
  url: z.string().max(LIMITS.url),
  /**
   * Query rows, stored only when one is switched off or described; the enabled rows follow `url`,
   * which alone decides what is sent.
   */
  query: z.array(QueryParamSchema).max(LIMITS.rows).optional(),
  headers: z.array(KeyValueSchema).max(LIMITS.rows).default([]),
  body: BodySchema.default({ mode: 'none' }),
  auth: AuthSchema.default({ type: 'none' }),
  description: z.string().max(LIMITS.text).optional(),
  /** Milliseconds before the request is abandoned. */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Checks on the response (shared/checks); absent when the request has none. */
  checks: ChecksSchema.optional(),
});
export type RequestSpec = z.infer<typeof RequestSpecSchema>;

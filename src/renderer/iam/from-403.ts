/**
 * From API Gateway's "User: … is not authorized to perform: execute-api:Invoke on resource: …"
 * to what the simulator needs: the API, the request and the role session, and the smallest
 * statement that would allow it.
 */

export interface DeniedInvoke {
  readonly callerArn: string;
  readonly resource: string;
  readonly region: string;
  readonly account: string;
  readonly apiId: string;
  readonly stage: string;
  readonly method: string;
  /** With its leading slash. */
  readonly path: string;
  /** The role, when the caller is an assumed-role session. */
  readonly roleName?: string;
}

const DENIED =
  /User: (arn:\S+) is not authorized to perform: execute-api:Invoke on resource: (arn:aws[\w-]*:execute-api:([a-z0-9-]+):(\d{12}):([a-z0-9]+)\/([^/\s]+)\/([A-Z]+)\/(\S*?))(?= with| because|$|\s)/;

/** Reads an invoke refusal; undefined for any other message. */
export function deniedInvoke(message: string): DeniedInvoke | undefined {
  const match = DENIED.exec(message);
  if (!match) return undefined;
  const [, callerArn = '', resource = '', region = '', account = '', apiId = '', stage = '', method = '', path = ''] =
    match;
  const roleName = /^arn:aws[\w-]*:sts::\d{12}:assumed-role\/([^/]+)\//.exec(callerArn)?.[1];
  return {
    callerArn,
    resource,
    region,
    account,
    apiId,
    stage,
    method,
    path: `/${path}`,
    ...(roleName ? { roleName } : {}),
  };
}

/** The smallest identity-policy statement that allows exactly this request. */
export function smallestStatement(denied: DeniedInvoke): string {
  return JSON.stringify({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: denied.resource }, null, 2);
}

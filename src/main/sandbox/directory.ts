/**
 * The sandbox's IAM: principals, roles and the access keys that authenticate as them,
 * including temporary keys issued by its STS. Secrets are generated at run time only.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { PolicyDocument } from './policy';

/** Something that can sign requests: a user, or a role session. */
export interface Principal {
  readonly kind: 'user' | 'assumed-role';
  /** `arn:aws:iam::<acct>:user/<name>` or `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  readonly account: string;
  /** `AIDA…` for users, `AROA…:<session>` for role sessions. */
  readonly userId: string;
  readonly policies: readonly PolicyDocument[];
  /** Whether the credentials were obtained with MFA (sets `aws:MultiFactorAuthPresent`). */
  readonly mfa: boolean;
}

export interface Role {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  /** `AROA…`, the role's unique id. */
  readonly roleId: string;
  readonly trust: PolicyDocument;
  readonly policies: readonly PolicyDocument[];
  readonly maxSessionDurationSeconds: number;
}

export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly principal: Principal;
  /** Temporary keys only. */
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** A pair of long-term keys, as handed to tests and the CLI. */
export interface KeyPair {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `prefix` followed by random characters of AWS's key-id alphabet. */
export function randomId(prefix: string, length = 16): string {
  let out = prefix;
  for (let i = 0; i < length; i += 1) out += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return out;
}

/** A 40-character secret in the shape of AWS's (base64 alphabet). */
function randomSecret(): string {
  return randomBytes(30).toString('base64');
}

/** An opaque session token; long like AWS's so clients' length handling gets exercised. */
function randomSessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(240).toString('base64')}`;
}

export class Directory {
  private readonly keys = new Map<string, AccessKeyRecord>();
  private readonly roles = new Map<string, Role>();

  addRole(role: Role): void {
    this.roles.set(role.arn, role);
  }

  role(arn: string): Role | undefined {
    return this.roles.get(arn);
  }

  /** Registers a user with fresh (or given) long-term keys. */
  addUser(account: string, name: string, policies: readonly PolicyDocument[], keys?: KeyPair): KeyPair {
    const pair = keys ?? { accessKeyId: randomId('AKIA'), secretAccessKey: randomSecret() };
    const principal: Principal = {
      kind: 'user',
      arn: `arn:aws:iam::${account}:user/${name}`,
      account,
      userId: randomId('AIDA', 17),
      policies,
      mfa: false,
    };
    this.keys.set(pair.accessKeyId, { ...pair, principal });
    return pair;
  }

  /** Issues temporary credentials for a role session. */
  issueSession(role: Role, sessionName: string, expiration: Date, mfa: boolean): AccessKeyRecord {
    const record: AccessKeyRecord = {
      accessKeyId: randomId('ASIA'),
      secretAccessKey: randomSecret(),
      sessionToken: randomSessionToken(),
      expiration,
      principal: {
        kind: 'assumed-role',
        arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
        account: role.account,
        userId: `${role.roleId}:${sessionName}`,
        policies: role.policies,
        mfa,
      },
    };
    this.keys.set(record.accessKeyId, record);
    return record;
  }

  key(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId);
  }
}

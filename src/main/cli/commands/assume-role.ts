import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { CredentialError } from '../../core/ports';
import { cliAssumeRole } from '../assume';
import type { AssumedRole } from '../../credentials/sts';

const USAGE = `signet assume-role --role-arn ARN --role-session-name NAME [options]

Calls STS AssumeRole and prints the result in the JSON shape of \`aws sts assume-role\`.

Source credentials: --profile, else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
(/ AWS_SESSION_TOKEN), else AWS_PROFILE or the default profile of ~/.aws/config.

Options:
  --profile P               source profile (role chains, credential_process, SSO all work)
  --external-id X           external ID the role's trust policy asks for
  --duration-seconds N      900-43200 (lower values only for a loopback sandbox endpoint)
  --serial-number S         MFA device ARN, with --token-code C (6 digits)
  --endpoint-url URL        STS endpoint (http only on a loopback address)
  --region R                STS region (default: AWS_REGION, the profile's region, us-east-1)

The output contains secrets: pipe it, don't paste it into tickets.`;

/** `aws sts assume-role` output, field for field, so scripts written for the AWS CLI keep working. */
function awsCliAssumeRoleJson(assumed: AssumedRole): string {
  const output = {
    Credentials: {
      AccessKeyId: assumed.accessKeyId,
      SecretAccessKey: assumed.secretAccessKey,
      SessionToken: assumed.sessionToken,
      // The AWS CLI prints timestamps as ISO 8601 with a +00:00 offset.
      Expiration: assumed.expiration.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    },
    AssumedRoleUser: { AssumedRoleId: assumed.assumedRoleId, Arn: assumed.assumedRoleArn },
  };
  return `${JSON.stringify(output, null, 4)}\n`;
}

/** `signet assume-role`: the AWS CLI's `sts assume-role`, with Signet's clearer errors. */
export const assumeRoleCommand: CliCommand = {
  name: 'assume-role',
  summary: 'Assume an IAM role and print temporary credentials like `aws sts assume-role`',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        'role-arn': { type: 'string' },
        'role-session-name': { type: 'string' },
        profile: { type: 'string' },
        'external-id': { type: 'string' },
        'duration-seconds': { type: 'string' },
        'serial-number': { type: 'string' },
        'token-code': { type: 'string' },
        'endpoint-url': { type: 'string' },
        region: { type: 'string' },
      },
    });
    const roleArn = values['role-arn'];
    const sessionName = values['role-session-name'];
    if (!roleArn || !sessionName) throw new UsageError('--role-arn and --role-session-name are required');
    const duration = values['duration-seconds'];
    if (duration !== undefined && !/^\d+$/.test(duration))
      throw new UsageError('--duration-seconds must be a whole number');
    try {
      const assumed = await cliAssumeRole(io, {
        roleArn,
        roleSessionName: sessionName,
        ...(values.profile ? { profile: values.profile } : {}),
        ...(values['external-id'] ? { externalId: values['external-id'] } : {}),
        ...(duration ? { durationSeconds: Number(duration) } : {}),
        ...(values['serial-number'] ? { mfaSerial: values['serial-number'] } : {}),
        ...(values['token-code'] ? { mfaCode: values['token-code'] } : {}),
        ...(values['endpoint-url'] ? { stsEndpoint: values['endpoint-url'] } : {}),
        ...(values.region ? { region: values.region } : {}),
      });
      io.stdout(awsCliAssumeRoleJson(assumed));
      return 0;
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      io.stderr(`error (${error.code}): ${error.message}\n`);
      // The AWS CLI exits 254 when the service refused, 255 for other failures.
      return error.code === 'sts' ? 254 : 255;
    }
  },
};

import { describe, expect, it } from 'vitest';
import { deriveRegionService } from './aws-host';

/** Real endpoint shapes, as AWS documents them, with the scope they sign for. */
const ENDPOINTS: ReadonlyArray<readonly [string, string, string]> = [
  // API Gateway: REST, HTTP and WebSocket APIs share the host shape.
  ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', 'us-east-1', 'execute-api'],
  ['A1B2C3D4E5.Execute-Api.eu-west-3.amazonaws.com:443', 'eu-west-3', 'execute-api'],
  ['wsapi12345.execute-api.ap-northeast-1.amazonaws.com', 'ap-northeast-1', 'execute-api'],
  ['a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn', 'cn-north-1', 'execute-api'],
  ['a1b2c3d4e5.execute-api.us-gov-west-1.amazonaws.com', 'us-gov-west-1', 'execute-api'],
  // Private APIs through an interface VPC endpoint.
  ['vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com', 'us-east-1', 'execute-api'],
  ['vpce-0123456789abcdef0-abcdefgh-us-east-1a.execute-api.us-east-1.vpce.amazonaws.com', 'us-east-1', 'execute-api'],
  ['a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.eu-central-1.amazonaws.com', 'eu-central-1', 'execute-api'],
  // Lambda function URLs and the Lambda API.
  ['abcdefghij0123456789klmnop.lambda-url.eu-central-1.on.aws', 'eu-central-1', 'lambda'],
  ['lambda.us-west-2.amazonaws.com', 'us-west-2', 'lambda'],
  ['lambda-fips.us-gov-west-1.amazonaws.com', 'us-gov-west-1', 'lambda'],
  // S3 in all its forms.
  ['s3.amazonaws.com', 'us-east-1', 's3'],
  ['my-bucket.s3.amazonaws.com', 'us-east-1', 's3'],
  ['s3-external-1.amazonaws.com', 'us-east-1', 's3'],
  ['s3.eu-west-1.amazonaws.com', 'eu-west-1', 's3'],
  ['my-bucket.s3.eu-west-1.amazonaws.com', 'eu-west-1', 's3'],
  ['logs.example.com.s3.us-west-2.amazonaws.com', 'us-west-2', 's3'],
  ['s3-us-west-2.amazonaws.com', 'us-west-2', 's3'],
  ['my-bucket.s3-ap-southeast-2.amazonaws.com', 'ap-southeast-2', 's3'],
  ['s3.dualstack.eu-north-1.amazonaws.com', 'eu-north-1', 's3'],
  ['my-bucket.s3.dualstack.eu-north-1.amazonaws.com', 'eu-north-1', 's3'],
  ['s3-fips.us-east-2.amazonaws.com', 'us-east-2', 's3'],
  ['my-bucket.s3-fips.dualstack.us-east-2.amazonaws.com', 'us-east-2', 's3'],
  ['my-ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com', 'us-west-2', 's3'],
  ['my-ap-123456789012.s3-accesspoint.dualstack.us-west-2.amazonaws.com', 'us-west-2', 's3'],
  ['123456789012.s3-control.us-east-1.amazonaws.com', 'us-east-1', 's3'],
  ['my-bucket.s3.cn-northwest-1.amazonaws.com.cn', 'cn-northwest-1', 's3'],
  ['bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com', 'us-east-1', 's3'],
  ['my-olap-123456789012.s3-object-lambda.us-east-1.amazonaws.com', 'us-east-1', 's3-object-lambda'],
  // OpenSearch Service domains and OpenSearch Serverless collections.
  ['search-my-domain-abc123xyz.us-east-1.es.amazonaws.com', 'us-east-1', 'es'],
  ['vpc-my-domain-abc123xyz.eu-west-1.es.amazonaws.com', 'eu-west-1', 'es'],
  ['es.us-east-1.amazonaws.com', 'us-east-1', 'es'],
  ['0a1b2c3d4e5f6g7h8i9j.us-east-1.aoss.amazonaws.com', 'us-east-1', 'aoss'],
  ['aoss.us-west-2.amazonaws.com', 'us-west-2', 'aoss'],
  // AppSync, IoT.
  ['abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-2.amazonaws.com', 'us-east-2', 'appsync'],
  ['abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.us-east-2.amazonaws.com', 'us-east-2', 'appsync'],
  ['a3qjexample-ats.iot.us-east-1.amazonaws.com', 'us-east-1', 'iotdata'],
  ['data-ats.iot.eu-west-1.amazonaws.com', 'eu-west-1', 'iotdata'],
  ['iot.eu-west-1.amazonaws.com', 'eu-west-1', 'iot'],
  // Generic, FIPS, dual-stack api.aws, China and GovCloud.
  ['dynamodb.ap-south-1.amazonaws.com', 'ap-south-1', 'dynamodb'],
  ['dynamodb-fips.us-gov-east-1.amazonaws.com', 'us-gov-east-1', 'dynamodb'],
  ['sqs.cn-north-1.amazonaws.com.cn', 'cn-north-1', 'sqs'],
  ['ec2.us-east-1.api.aws', 'us-east-1', 'ec2'],
  ['bedrock-runtime.us-west-2.amazonaws.com', 'us-west-2', 'bedrock'],
  ['sts.eu-west-3.amazonaws.com', 'eu-west-3', 'sts'],
  ['sts-fips.us-east-1.amazonaws.com', 'us-east-1', 'sts'],
  ['sts.us-iso-east-1.amazonaws.com', 'us-iso-east-1', 'sts'],
  // The ISO partitions' own DNS suffixes, and China's Lambda function URLs.
  ['a1b2c3d4e5.execute-api.us-iso-east-1.c2s.ic.gov', 'us-iso-east-1', 'execute-api'],
  ['s3.us-isob-east-1.sc2s.sgov.gov', 'us-isob-east-1', 's3'],
  ['abcdefghij0123456789klmnop.lambda-url.cn-north-1.on.amazonwebservices.com.cn', 'cn-north-1', 'lambda'],
  // S3 Control and S3 through an interface endpoint sign as s3; the IoT control plane as iot.
  ['123456789012.s3-control.us-east-1.amazonaws.com', 'us-east-1', 's3'],
  ['bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com', 'us-east-1', 's3'],
  ['iot.us-east-1.amazonaws.com', 'us-east-1', 'iot'],
  // Global endpoints.
  ['sts.amazonaws.com', 'us-east-1', 'sts'],
  ['iam.amazonaws.com', 'us-east-1', 'iam'],
  ['iam.us-gov.amazonaws.com', 'us-gov-west-1', 'iam'],
  ['route53.amazonaws.com', 'us-east-1', 'route53'],
];

describe('deriveRegionService', () => {
  it('covers at least 40 endpoint shapes', () => {
    expect(ENDPOINTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ENDPOINTS)('%s → %s / %s', (host, region, service) => {
    expect(deriveRegionService(host)).toEqual({ region, service });
  });

  it.each([
    'localhost:3000',
    '127.0.0.1:8080',
    '[::1]:9443',
    'api.example.com',
    'example.com',
    'amazonaws.com',
    'foo.notaregion.amazonaws.com',
    'my-bucket.s3-website-us-east-1.amazonaws.com.example.org',
    'd111111abcdef8.cloudfront.net',
    'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.evil.example',
    'bucket.s3-website-us-east-1.amazonaws.com',
    'ic.gov',
  ])('%s derives nothing', (host) => {
    expect(deriveRegionService(host)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { deniedInvoke, smallestStatement } from './from-403';

const RESOURCE = 'arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/$default/GET/admin/users';

describe('from a 403 to the simulator', () => {
  it("reads the API, request and role session from API Gateway's refusal, whatever its ending", () => {
    for (const ending of [
      '',
      ' with an explicit deny',
      ' because no identity-based policy allows the execute-api:Invoke action',
    ]) {
      expect(
        deniedInvoke(
          `User: arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/me is not authorized to perform: execute-api:Invoke on resource: ${RESOURCE}${ending}`,
        ),
      ).toEqual({
        callerArn: 'arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/me',
        resource: RESOURCE,
        region: 'eu-west-1',
        account: '111111111111',
        apiId: 'a1b2c3d4e5',
        stage: '$default',
        method: 'GET',
        path: '/admin/users',
        roleName: 'SignetInvokeRole',
      });
    }
  });

  it('yields the smallest statement allowing exactly that request; other messages are not read', () => {
    const denied = deniedInvoke(
      `User: arn:aws:iam::111111111111:user/dev is not authorized to perform: execute-api:Invoke on resource: ${RESOURCE}`,
    );
    expect(denied?.roleName).toBeUndefined();
    expect(JSON.parse(smallestStatement(denied!))).toEqual({
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: RESOURCE,
    });
    expect(deniedInvoke('The security token included in the request is invalid.')).toBeUndefined();
  });
});

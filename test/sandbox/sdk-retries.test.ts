// The SDK retries of the clients awsClient() makes: how many attempts a client gets (its own, or the default), on a
// sandbox whose retries wait nothing (its default, sandbox/retry.ts).
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { SandboxAccount } from '../../sandbox/account.ts';
import { installSandbox } from '../../sandbox/intercept.ts';

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

const throttled = (times: number) => {
  const account = SandboxAccount.fromSeed({
    faults: [{ service: 'EC2', operation: 'DescribeVolumes', error: 'RequestLimitExceeded', times }],
  });
  uninstall = installSandbox(account);
  return account;
};

describe('SDK retries of awsClient() clients', () => {
  it('retry without waiting on the sandbox, each attempt still counted', async () => {
    const account = throttled(4);
    const started = performance.now();
    const out = await awsClient(EC2Client, 'us-east-1').send(new DescribeVolumesCommand({}));
    expect(out.$metadata.attempts).toBe(5);
    expect(account.callsTo('EC2', 'DescribeVolumes').map((call) => call.errorCode ?? 'ok')).toEqual([
      ...Array(4).fill('RequestLimitExceeded'),
      'ok',
    ]);
    // Four throttled attempts wait 0.5-8 s in all with the SDK's own backoff.
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('give a client made with its own maxAttempts exactly that many attempts', async () => {
    const account = throttled(6);
    const ten = await awsClient(EC2Client, 'us-east-1', { maxAttempts: 10 }).send(new DescribeVolumesCommand({}));
    expect(ten.$metadata.attempts).toBe(7);
    expect(account.callsTo('EC2', 'DescribeVolumes')).toHaveLength(7);
  });

  it('keep the default attempts for the other clients of the same service and region', async () => {
    throttled(6);
    awsClient(EC2Client, 'us-east-1', { maxAttempts: 10 });
    const error = await awsClient(EC2Client, 'us-east-1')
      .send(new DescribeVolumesCommand({}))
      .catch((caught: Error & { $metadata: { attempts: number } }) => caught);
    expect(error).toMatchObject({ name: 'RequestLimitExceeded', $metadata: { attempts: 5 } });
  });
});

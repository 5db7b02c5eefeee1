// The interceptor: real SDK clients answered by the account, calls recorded, latency, faults retried by the SDK.
import {
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { SandboxAccount, type SandboxOptions } from '../../sandbox/account.ts';
import { installSandbox } from '../../sandbox/intercept.ts';
import { errorOf, NOW, useSandbox } from './helpers.ts';

describe('sandbox interceptor', () => {
  const account = useSandbox();

  it('answers real SDK clients with Date timestamps and without sandbox-only fields', async () => {
    const out = await awsClient(EC2Client, 'us-east-1').send(
      new DescribeInstancesCommand({ InstanceIds: ['i-01a10000000000001'] }),
    );
    const reservation = out.Reservations![0];
    expect(reservation.ReservationId).toBe('r-01e10000000000001');
    const instance = reservation.Instances![0];
    expect(instance.LaunchTime).toBeInstanceOf(Date);
    expect(instance.BlockDeviceMappings![0].Ebs!.AttachTime).toBeInstanceOf(Date);
    expect(instance).not.toHaveProperty('ReservationId');
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records every call, failed ones with their error code', async () => {
    const ec2 = awsClient(EC2Client, 'us-west-2');
    await ec2.send(new DescribeVolumesCommand({}));
    await errorOf(ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0000000000000dead'] })));
    expect(account().calls).toEqual([
      { service: 'EC2', operation: 'DescribeVolumes', region: 'us-west-2', input: {}, at: NOW.toISOString() },
      expect.objectContaining({
        operation: 'DescribeVolumes',
        errorCode: 'InvalidVolume.NotFound',
        region: 'us-west-2',
      }),
    ]);
  });

  it('fails loudly for an operation it does not implement', async () => {
    const error = await errorOf(awsClient(EC2Client).send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1 })));
    expect(error.name).toBe('NotImplementedInSandbox');
    expect(error.message).toContain('EC2.RunInstances');
    expect(account().calls[0].errorCode).toBe('NotImplementedInSandbox');
  });

  it('runs EC2 DryRun calls without changing anything and answers DryRunOperation', async () => {
    const before = JSON.stringify(account().state);
    const ec2 = awsClient(EC2Client);
    const error = await errorOf(
      ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-01c10000000000011'], DryRun: true })),
    );
    expect(error.name).toBe('DryRunOperation');
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(412);
    expect(JSON.stringify(account().state) === before).toBe(true); // the pending snapshot did not progress
    const invalid = await errorOf(
      ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0000000000000dead'], DryRun: true })),
    );
    expect(invalid.name).toBe('InvalidVolume.NotFound');
  });
});

describe('sandbox faults and latency', () => {
  let uninstall: (() => void) | undefined;
  afterEach(() => {
    uninstall?.();
    delete process.env.AUTOPILOT_MAX_ATTEMPTS;
    vi.restoreAllMocks();
  });

  it('throttling is retried by the SDK and then succeeds', { timeout: 30_000 }, async () => {
    process.env.AUTOPILOT_MAX_ATTEMPTS = '3';
    const account = SandboxAccount.fromSeed({
      faults: [{ operation: 'DescribeSnapshots', error: 'RequestLimitExceeded', times: 2 }],
    });
    uninstall = installSandbox(account);
    const out = await awsClient(EC2Client).send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    expect(out.Snapshots!.length).toBeGreaterThan(0);
    expect(out.$metadata.attempts).toBe(3);
    expect(out.$metadata.totalRetryDelay).toBe(0);
    expect(account.calls.map((c) => c.errorCode)).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', undefined]);
  });

  it("waits between attempts only with retryDelays 'sdk': the SDK's backoff, its decisions either way", async () => {
    process.env.AUTOPILOT_MAX_ATTEMPTS = '3';
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // the backoff's jitter: half of 50 ms, then of 100 ms
    const attempts = async (options: SandboxOptions) => {
      const account = SandboxAccount.fromSeed({
        ...options,
        faults: [{ operation: 'DescribeVolumes', error: 'InternalError', times: 2 }],
      });
      uninstall = installSandbox(account);
      const out = await awsClient(EC2Client).send(new DescribeVolumesCommand({}));
      const { attempts, totalRetryDelay } = out.$metadata;
      return { attempts, totalRetryDelay, errors: account.calls.map((c) => c.errorCode) };
    };
    const errors = ['InternalError', 'InternalError', undefined];
    expect(await attempts({ retryDelays: 'sdk' })).toEqual({ attempts: 3, totalRetryDelay: 75, errors });
    expect(await attempts({})).toEqual({ attempts: 3, totalRetryDelay: 0, errors });
  });

  it('more faults than maxAttempts surface the error after the retries', { timeout: 30_000 }, async () => {
    process.env.AUTOPILOT_MAX_ATTEMPTS = '2';
    const account = SandboxAccount.fromSeed({ faults: [{ service: 'EC2', error: 'InternalError', times: 5 }] });
    uninstall = installSandbox(account);
    const error = await errorOf(awsClient(EC2Client).send(new DescribeVolumesCommand({})));
    expect(error.name).toBe('InternalError');
    expect(error.$fault).toBe('server');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 2 });
    expect(account.calls).toHaveLength(2);
  });

  it('a non-retryable fault is not retried', async () => {
    const account = SandboxAccount.fromSeed({
      faults: [{ operation: 'DescribeVolumes', error: 'UnauthorizedOperation' }],
    });
    uninstall = installSandbox(account);
    const error = await errorOf(awsClient(EC2Client).send(new DescribeVolumesCommand({})));
    expect(error.name).toBe('UnauthorizedOperation');
    expect(account.calls).toHaveLength(1);
  });

  it('probabilistic faults are deterministic for a seed', () => {
    const failures = (seed: number) => {
      const account = SandboxAccount.fromSeed({ seed, faults: [{ probability: 0.3 }] });
      return Array.from({ length: 50 }, () => account.faultFor('EC2', 'DescribeVolumes', 'us-east-1')?.name ?? '-');
    };
    expect(failures(3)).toEqual(failures(3));
    const count = failures(3).filter((f) => f !== '-').length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(30);
  });

  it('latencyMs delays every call', async () => {
    const account = SandboxAccount.fromSeed({ latencyMs: 120 });
    uninstall = installSandbox(account);
    const started = performance.now();
    await awsClient(EC2Client).send(new DescribeVolumesCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });
});

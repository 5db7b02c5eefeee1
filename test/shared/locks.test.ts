import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { acquireLock, activeLocks, lockedMessage, releaseLock } from '../../functions/shared/claims/locks.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const BUCKET = 'idp-autopilot-dev-reports-123456789012';
const at = (iso: string) => new Date(iso);
const run = (executionId: string, now: string, ttlSeconds = 3600) => ({
  target: 'alb-rule:arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/idp/1/2/3',
  playbook: 'traffic-shift',
  executionId,
  executionName: executionId.split(':').at(-1)!,
  ttlSeconds,
  now: at(now),
});

describe('locks on what playbooks change', () => {
  it('lets one execution hold a target; a second is refused and told which execution holds it', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      const s3 = awsClient(S3Client, 'us-east-1');
      const first = await acquireLock(s3, BUCKET, run('exec:a', '2026-11-30T10:00:00Z'));
      const retry = await acquireLock(s3, BUCKET, run('exec:a', '2026-11-30T10:01:00Z'));
      const second = await acquireLock(s3, BUCKET, run('exec:b', '2026-11-30T10:02:00Z'));
      expect(first.acquired).toBe(true);
      expect(retry.acquired).toBe(true);
      expect(second.acquired).toBe(false);
      if (!second.acquired) expect(lockedMessage(second.holder)).toContain('traffic-shift execution a');
      expect(
        await activeLocks(s3, BUCKET, { now: at('2026-11-30T10:03:00Z'), playbooks: ['traffic-shift'] }),
      ).toHaveLength(1);
    });
  });

  it('expires a lock left by a run that died, so the next run takes it over', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      const s3 = awsClient(S3Client, 'us-east-1');
      await acquireLock(s3, BUCKET, run('exec:dead', '2026-11-30T10:00:00Z', 600));
      const later = await acquireLock(s3, BUCKET, run('exec:next', '2026-11-30T10:11:00Z'));
      expect(later).toMatchObject({ acquired: true, lock: { executionId: 'exec:next' } });
      expect(await activeLocks(s3, BUCKET, { now: at('2026-11-30T10:12:00Z') })).toEqual([
        expect.objectContaining({ executionId: 'exec:next' }),
      ]);
    });
  });

  it('is let go only by its holder', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      const s3 = awsClient(S3Client, 'us-east-1');
      const { target } = run('exec:a', '2026-11-30T10:00:00Z');
      await acquireLock(s3, BUCKET, run('exec:a', '2026-11-30T10:00:00Z'));
      expect(await releaseLock(s3, BUCKET, target, 'exec:b')).toBe(false);
      expect(await releaseLock(s3, BUCKET, target, 'exec:a')).toBe(true);
      expect((await acquireLock(s3, BUCKET, run('exec:b', '2026-11-30T10:05:00Z'))).acquired).toBe(true);
    });
  });
});

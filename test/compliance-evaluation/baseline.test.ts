import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_KEY,
  type Baseline,
  readBaseline,
  writeBaseline,
} from '../../functions/compliance-evaluation/report/baseline.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { TransientAwsError } from '../../functions/shared/errors/errors.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';
import { BUCKET, EAST, notices, reportOf, runCompliance } from './helpers.ts';

const baseline = (executionName: string): Baseline => ({
  version: 1,
  executionId: `arn:aws:states:us-east-1:123456789012:execution:compliance:${executionName}`,
  executionName,
  runAt: new Date().toISOString(),
  scopes: {},
  comparison: { firstRun: true, newFailures: [], fixed: [], newlyExempted: [], statusChanges: [] },
});

describe('compliance-evaluation: the previous results in the reports bucket', () => {
  it('keeps them in reports/compliance-evaluation/latest.json, replaced by each run', async () => {
    const account = freshAccount();
    const first = await runCompliance(account);
    const second = await runCompliance(account);

    const stored = await readBack(account, () => readBaseline(awsClient(S3Client, EAST), BUCKET));

    expect(stored.baseline?.executionId).toBe(second.executionArn);
    expect(stored.baseline?.executionId).not.toBe(first.executionArn);
    expect(Object.keys(stored.baseline?.scopes ?? {})).toContain('cis-control|123456789012|us-east-1');
    expect(account.state.global.s3.buckets[BUCKET].objects[BASELINE_KEY]).toBeDefined();
  });

  it('lets only one of two runs that read the same results replace them (the other retries and compares again)', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      const s3 = awsClient(S3Client, EAST);
      await writeBaseline(s3, BUCKET, baseline('night-1'), undefined);
      const read = await readBaseline(s3, BUCKET);

      await writeBaseline(s3, BUCKET, baseline('night-2a'), read.etag);
      const late = writeBaseline(s3, BUCKET, baseline('night-2b'), read.etag);

      await expect(late).rejects.toBeInstanceOf(TransientAwsError);
      expect((await readBaseline(s3, BUCKET)).baseline?.executionName).toBe('night-2a');
    });
  });

  it('refuses to create them twice when two first runs race', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      const s3 = awsClient(S3Client, EAST);
      await writeBaseline(s3, BUCKET, baseline('first-a'), undefined);
      await expect(writeBaseline(s3, BUCKET, baseline('first-b'), undefined)).rejects.toBeInstanceOf(TransientAwsError);
    });
  });

  it('sends the notice of a report step retried after it had replaced the results, not "nothing changed"', async () => {
    // SNS fails every SDK attempt of the first Publish: the report step fails after replacing the results, and the
    // standard retrier runs it again.
    const account = freshAccount({
      faults: [{ service: 'SNS', operation: 'Publish', error: 'InternalError', times: 5 }],
    });

    const result = await runCompliance(account);

    expect(result.status).toBe('SUCCEEDED');
    const sent = notices(account);
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toContain('[SEV3]');
    expect((await reportOf(account, result)).newFailures.length).toBeGreaterThan(0);
  });
});

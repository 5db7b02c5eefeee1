import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { check } from '../../functions/incident-response/check/check.ts';
import type { IncidentRecord } from '../../functions/incident-response/model/record.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { readBack } from '../support/sandbox.ts';
import { ALARM, ALARM_AT, accountAt, BUCKET, devConfig, record, run, sampleEvent, snsMessages } from './support.ts';

afterEach(() => vi.useRealTimers());

const KEY = 'incidents/records/INC-20261126-001.json';

describe('incident-response: a follow-up check that comes before the alert went out', () => {
  it('waits a minute before checking again instead of polling with no wait, and sends nothing', async () => {
    // Arrange: an open incident whose alert is still in flight (alertedAt not yet recorded), checked at its due time.
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    const config = devConfig();
    const s3 = () => awsClient(S3Client, 'us-east-1');
    await readBack(account, async () => {
      const stored = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
      const incident = JSON.parse(await stored.Body!.transformToString()) as IncidentRecord;
      incident.status = 'open';
      delete incident.schedule.alertedAt;
      await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: JSON.stringify(incident) }));
    });
    const incident = await record(account, 'INC-20261126-001');
    const sent = snsMessages(account).length;
    const now = new Date('2026-11-26T08:50:00.115Z');

    // Act
    const result = await readBack(account, () =>
      check(
        {
          incidentId: incident.id,
          generation: incident.schedule.generation,
          dueAt: now.toISOString(),
          checks: 0,
          next: 'wait',
        },
        {
          store: { s3: s3(), bucket: BUCKET },
          cloudwatch: (region) => awsClient(CloudWatchClient, region),
          settings: config.playbooks.incidentResponse,
          notifications: config.notifications,
          sender: { home: 'us-east-1', topicArn: 'arn:aws:sns:us-east-1:123456789012:idp-autopilot-dev-alerts' },
          stage: 'dev',
          now,
        },
      ),
    );

    // Assert
    expect(result.follow.next).toBe('wait');
    expect(Date.parse(result.follow.dueAt) - now.getTime()).toBeGreaterThanOrEqual(60_000);
    expect(result.follow.checks).toBe(0);
    expect(snsMessages(account)).toHaveLength(sent);
  });
});

import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';
import {
  ALARM_ARN,
  ALARM_AT,
  ALARM_FILE,
  accountAt,
  OK_AT,
  OK_FILE,
  pagerDutyEvents,
  reportKeys,
  run,
  sampleEvent,
  snsMessages,
} from './support.ts';

afterEach(() => vi.useRealTimers());

describe('incident-alert on the sandbox', () => {
  it('sends the runbook alert for an ALARM with the recent datapoints and pages with the alarm ARN as dedup key', async () => {
    const account = accountAt(ALARM_AT);
    const result = await run(account, sampleEvent(ALARM_FILE));

    expect(result.status).toBe('SUCCEEDED');
    const [message] = snsMessages(account);
    expect(message.Subject).toBe('[SEV2] CloudWatch alarm idp-prod-api-5xx is in ALARM (us-east-1)');
    expect(message.Message).toContain('🚨 SERVICE DISRUPTION ALERT [SEV2]');
    expect(message.Message).toContain('- Impact: Customers get HTTP 5xx from the IDP API');
    expect(message.Message).toContain('- Status: Investigating');
    expect(message.Message).toContain('- Condition: Sum > 50 for 1 x 300 s');
    // The seeded spike (180 +- 3 per 5 minutes since 25 minutes ago) shows in the datapoints.
    const datapoints = /- Recent datapoints: (.+)/.exec(message.Message)?.[1] ?? '';
    const values = datapoints.split(', ').map((point) => Number(point.split(' ')[1]));
    expect(values.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...values)).toBeGreaterThan(170);
    expect(account.callsTo('CloudWatch', 'GetMetricData')).toHaveLength(1);
    const [page] = pagerDutyEvents(account);
    expect(page).toMatchObject({ event_action: 'trigger', dedup_key: ALARM_ARN, payload: { severity: 'error' } });
    expect(await reportKeys(account)).toHaveLength(1);
  });

  it('sends the resolved message with the duration from the alarm history and resolves the same PagerDuty incident', async () => {
    const account = accountAt(OK_AT);
    const result = await run(account, sampleEvent(OK_FILE));

    expect(result.status).toBe('SUCCEEDED');
    const [message] = snsMessages(account);
    expect(message.Subject).toBe('[SEV2] CloudWatch alarm idp-prod-api-5xx is OK again (us-east-1)');
    expect(message.Message).toContain('✅ SERVICE RESTORED [SEV2]');
    expect(message.Message).toContain('- Duration: 25 min');
    const [history] = account.callsTo('CloudWatch', 'DescribeAlarmHistory');
    expect(history.input).toMatchObject({ AlarmName: 'idp-prod-api-5xx', HistoryItemType: 'StateUpdate' });
    expect(pagerDutyEvents(account)).toEqual([
      expect.objectContaining({ event_action: 'resolve', dedup_key: ALARM_ARN }),
    ]);
  });

  it('sends nothing the second time the same event is delivered', async () => {
    const account = accountAt(ALARM_AT);
    const event = sampleEvent(ALARM_FILE);
    await run(account, event);
    vi.setSystemTime(new Date(Date.parse(ALARM_AT) + 60_000)); // EventBridge redelivers a minute later
    const second = await run(account, event);

    expect(second.status).toBe('SUCCEEDED');
    expect(second.output).toMatchObject({ outcome: 'duplicate' });
    expect(snsMessages(account)).toHaveLength(1);
    expect(pagerDutyEvents(account)).toHaveLength(1);
  });

  it('still sends for a new event of the same alarm (another id)', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM_FILE));
    await run(account, { ...sampleEvent(ALARM_FILE), id: 'f0e1d2c3-0000-4000-8000-000000000001' });
    expect(snsMessages(account)).toHaveLength(2);
  });

  it('sends nothing for an OK that follows no ALARM', async () => {
    const account = accountAt(OK_AT);
    const event = sampleEvent(OK_FILE);
    event.detail.previousState.value = 'INSUFFICIENT_DATA';
    const result = await run(account, event);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ outcome: 'silent' });
    expect(snsMessages(account)).toEqual([]);
  });

  it('dry run by hand: reads the current state, notifies nothing and reports the alert it would send', async () => {
    const account = accountAt(OK_AT);
    const result = await run(account, { alarmName: 'idp-prod-api-5xx', dryRun: true });

    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ outcome: 'dry-run', severity: 'SEV2' });
    expect(snsMessages(account)).toEqual([]);
    expect(pagerDutyEvents(account)).toEqual([]);
    expect(account.callsTo('CloudWatch', 'DescribeAlarms')).toHaveLength(1);
    const [key] = await reportKeys(account);
    const report = await readBack(account, async () => {
      const object = await awsClient(S3Client, 'us-east-1').send(
        new GetObjectCommand({ Bucket: 'idp-autopilot-dev-reports-123456789012', Key: key }),
      );
      return JSON.parse(await object.Body!.transformToString());
    });
    expect(report.outcome).toBe('dry-run');
    expect(report.state.value).toBe('ALARM');
    expect(report.alarmSince).toBe('2026-11-26T08:35:00.210Z');
    expect(report.wouldSend).toContain('🚨 SERVICE DISRUPTION ALERT [SEV2]');
  });

  it('fails clearly for an unknown alarm by hand and notifies the failure', async () => {
    const account = accountAt(OK_AT);
    const result = await run(account, { alarmName: 'idp-no-such-alarm' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('ResourceNotFoundError');
    expect(result.error?.Cause).toContain('"idp-no-such-alarm" not found in us-east-1');
    const [alert] = snsMessages(account);
    expect(alert.Subject).toContain('Playbook incident-alert failed: ResourceNotFoundError');
  });

  it('retries a throttled CloudWatch call and still alerts', async () => {
    const account = freshAccount({
      faults: [{ service: 'CloudWatch', operation: 'DescribeAlarms', times: 3, error: 'Throttling' }],
    });
    const result = await run(account, sampleEvent(ALARM_FILE));
    expect(result.status).toBe('SUCCEEDED');
    expect(snsMessages(account)).toHaveLength(1);
    // Four attempts of one DescribeAlarms command: the SDK retried, not the state machine.
    expect(account.callsTo('CloudWatch', 'DescribeAlarms').map((call) => call.errorCode)).toEqual([
      'Throttling',
      'Throttling',
      'Throttling',
      undefined,
    ]);
    expect(result.calls.filter((call) => call.operation === 'DescribeAlarms')).toEqual([
      expect.not.objectContaining({ errorName: expect.anything() }),
    ]);
  });
});

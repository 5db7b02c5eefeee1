import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ALARM,
  ALARM_AT,
  accountAt,
  alerts,
  kinds,
  MEMORY_ALARM,
  MEMORY_INSUFFICIENT,
  MEMORY_OK,
  OK,
  openIndexEntry,
  pagerDutyEvents,
  REPEAT,
  record,
  restores,
  run,
  sampleEvent,
  snsMessages,
  text,
  updates,
} from './support.ts';

afterEach(() => vi.useRealTimers());

const at = (iso: string) => vi.setSystemTime(new Date(iso));

describe('incident-response: an incident from ALARM to OK', () => {
  it('opens one incident for an ALARM and sends the runbook alert with its initial assessment to the SEV2 channels', async () => {
    const account = accountAt(ALARM_AT);
    const result = await run(account, sampleEvent(ALARM));

    expect(result.status).toBe('SUCCEEDED');
    const [alert] = alerts(account);
    expect(alert.Subject).toBe('[SEV2] INC-20261126-001 idp-prod-api-5xx is in ALARM (us-east-1)');
    expect(alert.Message).toContain('- Impact: Customers get HTTP 5xx from the IDP API');
    expect(alert.Message).toContain('- Condition: Sum > 50 for 1 x 300 s');
    expect(alert.Message).toContain('- Reason: Threshold Crossed: 1 out of the last 1 datapoints [187.0');
    expect(alert.Message).toContain('- Acknowledge: autopilot ack INC-20261126-001 --by <your name>');
    const values = (/- Last 30 min: (.+)/.exec(alert.Message)?.[1] ?? '')
      .split(', ')
      .map((p) => Number(p.split(' ')[1]));
    expect(Math.max(...values)).toBeGreaterThan(170);
    expect(pagerDutyEvents(account)[0]).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'INC-20261126-001',
      payload: { severity: 'error' },
    });
    expect(await openIndexEntry(account, 'INC-20261126-001')).toEqual({
      id: 'INC-20261126-001',
      severity: 'SEV2',
      source: 'idp-prod-api-5xx',
      openedAt: ALARM_AT,
    });
  });

  it('sends an update at the cadence, escalates while nobody acknowledges, and hands the follow-up over', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));

    // dev hands over after two checks: at +15 min (response time passed) and at +30 min.
    const [first, second] = updates(account);
    expect(first.Message).toContain(
      '- Current Status: Not acknowledged within 15 min: escalated to Engineering Manager',
    );
    expect(second.Message).toContain('escalated to CTO + VP Engineering');
    expect(updates(account)).toHaveLength(2);
    const incident = await record(account, 'INC-20261126-001');
    expect(kinds(incident)).toEqual(['alarm', 'opened', 'alert', 'escalated', 'update', 'escalated', 'update']);
    expect(incident.timeline[3].at).toBe('2026-11-26T08:50:00.115Z');
    const [handover] = account.callsTo('SFN', 'StartExecution');
    expect(handover.input).toMatchObject({
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:idp-autopilot-dev-incident-response',
      name: 'INC-20261126-001-g1-202611260920',
      input: JSON.stringify({ follow: 'INC-20261126-001', generation: 1 }),
    });
  });

  it('resolves on OK: SERVICE RESTORED with the duration, PagerDuty resolved, the report written, the index entry gone', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    at('2026-11-26T09:00:00.210Z');
    const result = await run(account, sampleEvent(OK));

    expect(result.status).toBe('SUCCEEDED');
    const [restored] = restores(account);
    expect(restored.Subject).toBe('[SEV2] INC-20261126-001 resolved: idp-prod-api-5xx is OK again (us-east-1)');
    expect(restored.Message).toContain('- Duration: 25 min');
    expect(restored.Message).toContain('INC-20261126-001.html');
    expect(pagerDutyEvents(account).at(-1)).toMatchObject({ event_action: 'resolve', dedup_key: 'INC-20261126-001' });
    expect(await openIndexEntry(account, 'INC-20261126-001')).toBeUndefined();
    const report = await text(account, 'reports/incident-response/2026-11-26/INC-20261126-001.md');
    expect(report).toContain('## Incident ID: INC-20261126-001');
    expect(report).toContain('- **Duration**: 25 min');
    expect(report).toMatch(/### Timeline\n- 2026-11-26 08:35 - ALARM: Threshold Crossed/);
    expect(report).toContain('Service restored: the alarm is OK');
    expect(report).toContain('### Root Cause\n_To be filled in by the responders._');
    expect(report).toContain('- [ ] Schedule post-mortem');
    expect(await text(account, 'reports/incident-response/2026-11-26/INC-20261126-001.html')).toContain(
      '<h2>Incident ID: INC-20261126-001</h2>',
    );
    expect((await record(account, 'INC-20261126-001')).status).toBe('resolved');
  });

  it('changes nothing for a repeated state change or a redelivered event', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    const sent = snsMessages(account).length;
    const before = await record(account, 'INC-20261126-001');

    const repeat = await run(account, sampleEvent(REPEAT));
    const redelivered = await run(account, sampleEvent(ALARM));

    expect(repeat.output).toMatchObject({ route: 'duplicate' });
    expect((repeat.output as { summary: string }).summary).toContain('changes nothing');
    expect(redelivered.output).toMatchObject({ route: 'duplicate' });
    expect(snsMessages(account)).toHaveLength(sent);
    expect(await record(account, 'INC-20261126-001')).toEqual(before);
  });

  it('does nothing for an OK when no incident is open for the alarm', async () => {
    const account = accountAt('2026-11-26T09:00:00.210Z');
    const result = await run(account, sampleEvent(OK));
    expect(result.output).toMatchObject({ route: 'ignore' });
    expect(snsMessages(account)).toEqual([]);
  });

  it('notes INSUFFICIENT_DATA without a message and resolves on the OK that follows it', async () => {
    const account = accountAt('2026-11-26T08:45:00.223Z');
    await run(account, sampleEvent(MEMORY_ALARM));
    const sent = snsMessages(account).length;
    at('2026-11-26T09:05:00.192Z');
    const insufficient = await run(account, sampleEvent(MEMORY_INSUFFICIENT));
    expect(insufficient.output).toMatchObject({ route: 'note' });
    expect(snsMessages(account)).toHaveLength(sent);
    at('2026-11-26T09:15:00.206Z');
    await run(account, sampleEvent(MEMORY_OK));

    expect(restores(account)[0].Message).toContain('- Duration: 30 min');
    const incident = await record(account, 'INC-20261126-001');
    expect(incident.timeline.map((entry) => entry.text).join('\n')).toContain('INSUFFICIENT_DATA: Insufficient Data');
    expect(incident.status).toBe('resolved');
  });

  it('logs a malformed event with the reason and opens nothing, sends nothing', async () => {
    const account = accountAt(ALARM_AT);
    const event = sampleEvent(ALARM);
    event.detail.state.value = 'ALARMING';
    const result = await run(account, event);

    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ route: 'ignore' });
    expect((result.output as { summary: string }).summary).toContain('malformed event: event.detail.state.value');
    expect(snsMessages(account)).toEqual([]);
    expect(account.callsTo('S3', 'PutObject')).toEqual([]);
  });

  it('keeps alerting when Slack fails: the failure is on the timeline, the other channels and the incident go on', async () => {
    const account = accountAt(ALARM_AT, {
      faults: [{ service: 'Slack', operation: 'PostWebhook', error: 'InternalError' }],
    });
    const result = await run(account, sampleEvent(ALARM));

    expect(result.status).toBe('SUCCEEDED');
    expect(alerts(account)).toHaveLength(1);
    expect(pagerDutyEvents(account)[0]).toMatchObject({ event_action: 'trigger' });
    const alertLine = (await record(account, 'INC-20261126-001')).timeline.find((entry) => entry.kind === 'alert');
    expect(alertLine?.text).toMatch(/alert sent to sns, pagerduty; slack failed \(HTTP 500\)/);
  });

  it('resolves from a follow-up check when the alarm reads OK although no OK event came', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    const alarm = account.state.regions['us-east-1'].cloudwatch.alarms.find((a) => a.AlarmName === 'idp-prod-api-5xx')!;
    Object.assign(alarm, {
      StateValue: 'OK',
      StateReason: 'Threshold Crossed: back under',
      StateUpdatedTimestamp: '2026-11-26T09:10:00.000Z',
    });
    at('2026-11-26T09:40:00.000Z');
    const result = await run(account, { follow: 'INC-20261126-001' });

    expect(result.status).toBe('SUCCEEDED');
    expect(restores(account)[0].Message).toContain('- Duration: 35 min');
    expect((await record(account, 'INC-20261126-001')).status).toBe('resolved');
  });
});

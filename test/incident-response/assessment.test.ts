import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Assessment } from '../../functions/incident-response/model/assessment.ts';
import {
  ALARM,
  ALARM_AT,
  accountAt,
  alerts,
  auditEvent,
  COMPOSITE,
  keysUnder,
  MATH,
  pagerDutyEvents,
  record,
  run,
  sampleEvent,
  snsMessages,
  text,
} from './support.ts';

afterEach(() => vi.useRealTimers());

const assessmentOf = async (account: Parameters<typeof text>[0], id: string) =>
  JSON.parse(await text(account, `incidents/assessments/${id}-1.json`)) as Assessment;

describe('incident-response: the initial assessment attached to the alert', () => {
  it('a composite alarm: the rule it watches and which children are in ALARM', async () => {
    const account = accountAt('2026-11-26T08:40:01.338Z');
    await run(account, sampleEvent(COMPOSITE));

    const assessment = await assessmentOf(account, 'INC-20261126-001');
    expect(assessment.kind).toBe('composite');
    expect(assessment.watches).toBe('alarm rule ALARM("idp-api-latency-p99") AND ALARM("idp-high-error-rate")');
    expect(assessment.children).toEqual([
      expect.objectContaining({ name: 'idp-api-latency-p99', state: 'ALARM' }),
      expect.objectContaining({ name: 'idp-high-error-rate', state: 'ALARM' }),
    ]);
    const [alert] = alerts(account);
    expect(alert.Subject).toBe('[SEV1] INC-20261126-001 idp-prod-platform-down is in ALARM (us-east-1)');
    expect(alert.Message).toContain('- Children in ALARM: idp-api-latency-p99, idp-high-error-rate');
    expect(alert.Message).toContain('- Impact: The IDP platform is down');
    expect(pagerDutyEvents(account)[0]).toMatchObject({ payload: { severity: 'critical' } });
  });

  it('a metric-math alarm: the expression with its metrics and the values it computes', async () => {
    const account = accountAt('2026-11-26T08:40:00.512Z');
    await run(account, sampleEvent(MATH));

    const assessment = await assessmentOf(account, 'INC-20261126-001');
    expect(assessment.kind).toBe('math');
    expect(assessment.watches).toBe(
      '100 * errors / requests where errors = Sum of AWS/ApplicationELB HTTPCode_Target_5XX_Count (LoadBalancer=app/idp-prod-alb/5f1c0a7e2b3d4e6f); requests = Sum of AWS/ApplicationELB RequestCount (LoadBalancer=app/idp-prod-alb/5f1c0a7e2b3d4e6f)',
    );
    expect(assessment.condition).toBe('value > 1 for 1 x 300 s');
    // The seed: ~900 errors per ~42,000 requests for the last 20 minutes, ~3 before.
    const values = assessment.datapoints.map((point) => point.value);
    expect(Math.max(...values)).toBeGreaterThan(1.5);
    expect(Math.min(...values)).toBeLessThan(0.1);
    expect(alerts(account)[0].Message).toMatch(/- Last 30 min: .*\d/);
  });

  it("open AWS Health events of the alarm's services in its region, from the global endpoint", async () => {
    const account = accountAt('2026-11-26T08:40:00.512Z');
    await run(account, sampleEvent(MATH));

    const [call] = account.callsTo('Health', 'DescribeEvents');
    expect(call.region).toBe('us-east-1');
    expect(call.input).toMatchObject({
      filter: { services: ['ELASTICLOADBALANCING'], regions: ['us-east-1'], eventStatusCodes: ['open', 'upcoming'] },
    });
    const { health } = await assessmentOf(account, 'INC-20261126-001');
    expect(health.events.map((event) => event.eventTypeCode)).toEqual(['AWS_ELASTICLOADBALANCING_OPERATIONAL_ISSUE']);
    expect(alerts(account)[0].Message).toContain(
      '- AWS Health: ELASTICLOADBALANCING AWS_ELASTICLOADBALANCING_OPERATIONAL_ISSUE (us-east-1, open)',
    );
  });

  it('says the Health API was not checked when the account has no support plan for it, and alerts anyway', async () => {
    const account = accountAt(ALARM_AT, {
      faults: [{ service: 'Health', operation: 'DescribeEvents', error: 'SubscriptionRequiredException' }],
    });
    const result = await run(account, sampleEvent(ALARM));

    expect(result.status).toBe('SUCCEEDED');
    expect(alerts(account)[0].Message).toContain(
      '- AWS Health: not checked (AWS Health API: SubscriptionRequiredException)',
    );
  });

  it("lists autopilot's own recent changes from the audit-trail journal", async () => {
    const account = accountAt('2026-11-26T08:12:41.207Z');
    const journaled = await run(account, auditEvent());
    expect(journaled.output).toMatchObject({ route: 'journal' });
    expect(await keysUnder(account, 'work/incident-response/changes/2026-11-26/')).toHaveLength(1);
    vi.setSystemTime(new Date(ALARM_AT));

    await run(account, sampleEvent(ALARM));

    expect(alerts(account)[0].Message).toContain(
      '- Autopilot changes: 08:12Z contain-instance: autoscaling:DetachInstances i-01a10000000000003',
    );
    expect((await run(account, auditEvent())).output).toMatchObject({
      summary: 'already journaled: contain-instance autoscaling:DetachInstances on i-01a10000000000003',
    });
  });

  it('a dry run by hand says what it would do and reports the alert it would send, sending nothing', async () => {
    const account = accountAt(ALARM_AT);
    const result = await run(account, { alarmName: 'idp-prod-api-5xx', dryRun: true });

    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ outcome: 'dry-run', severity: 'SEV2' });
    expect((result.output as { summary: string }).summary).toBe(
      'dry run: idp-prod-api-5xx is ALARM; would open (SEV2 from severityByName pattern "idp-prod-*")',
    );
    expect((result.output as { wouldSend: string }).wouldSend).toContain('🚨 SERVICE DISRUPTION ALERT [SEV2]');
    expect(snsMessages(account)).toEqual([]);
    expect(await keysUnder(account, 'incidents/')).toEqual([]);
  });

  it('a dry run lists the mitigations and the war room it would start, and starts none', async () => {
    const account = accountAt('2026-11-26T08:40:01.338Z');
    const result = await run(account, { alarmName: 'idp-prod-platform-down', dryRun: true });

    expect(result.output).toMatchObject({
      wouldMitigate: [
        'set circuit breaker /idp/prod/api-config/circuit_breaker to enabled',
        'start regional failover regional-failover',
      ],
    });
    const [key] = await keysUnder(account, 'reports/incident-response/');
    expect(JSON.parse(await text(account, key))).toMatchObject({ wouldOpenWarRoom: 'create #incident-<incident id>' });
    expect(account.callsTo('SSM', 'PutParameter')).toEqual([]);
    expect(account.callsTo('Slack', 'conversations.create')).toEqual([]);
  });

  it('fails clearly for an alarm named by hand that does not exist, and notifies the failure', async () => {
    const account = accountAt(ALARM_AT);
    const result = await run(account, { alarmName: 'idp-no-such-alarm' });

    expect(result.status).toBe('FAILED');
    expect(result.error).toMatchObject({ Error: 'ResourceNotFoundError' });
    expect(snsMessages(account)[0].Subject).toContain('Playbook incident-response failed: ResourceNotFoundError');
  });

  it('opens an incident by hand for an alarm in ALARM now (no event to claim)', async () => {
    const account = accountAt(ALARM_AT);
    const result = await run(account, { alarmName: 'idp-prod-api-5xx' });

    expect(result.output).toMatchObject({ route: 'open' });
    expect((await record(account, 'INC-20261126-001')).source.alarmName).toBe('idp-prod-api-5xx');
  });
});

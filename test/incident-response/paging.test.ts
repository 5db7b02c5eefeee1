import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';
import { ALARM, ALARM_AT, accountAt, alerts, pagerDutyEvents, record, run, sampleEvent } from './support.ts';

beforeEach(() => forgetSecrets());
afterEach(() => vi.useRealTimers());

describe('incident-response paging', () => {
  it('pages the Events API of the configured PagerDuty service region', async () => {
    const account = accountAt(ALARM_AT);
    const config = structuredClone(loadStageConfig({ stage: 'dev' }));
    config.notifications.pagerduty!.eventsUrl = 'https://events.eu.pagerduty.com/v2/enqueue';

    const result = await run(account, sampleEvent(ALARM), { config });

    expect(result.status).toBe('SUCCEEDED');
    const pages = account.callsTo('PagerDuty');
    expect(pages).toHaveLength(1);
    expect(pages[0].endpoint).toBe('events.eu.pagerduty.com');
  });

  it('keeps the incident going and says on its timeline that the page was lost', async () => {
    const account = accountAt(ALARM_AT);
    const routingKey = account.state.regions['us-east-1'].ssm.parameters.find(
      (parameter) => parameter.Name === '/idp-autopilot/pagerduty-routing-key',
    );
    // PagerDuty refuses a routing key that is not 32 characters long (400 invalid event): final, not retried.
    routingKey!.Value = 'R0UT1NGKEY-TOO-SHORT';

    const result = await run(account, sampleEvent(ALARM));

    expect(result.status).toBe('SUCCEEDED');
    expect(alerts(account)).toHaveLength(1);
    expect(pagerDutyEvents(account)).toHaveLength(1);
    const alertLine = (await record(account, 'INC-20261126-001')).timeline.find((entry) => entry.kind === 'alert');
    expect(alertLine?.text).toMatch(/pagerduty failed \(.*400/);
  });
});

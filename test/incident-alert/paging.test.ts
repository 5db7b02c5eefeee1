import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summarizeRun } from '../../cli/print.ts';
import { runPlaybook } from '../../cli/runner.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';
import { ALARM_AT, ALARM_FILE, accountAt, pagerDutyEvents, run, sampleEvent, snsMessages } from './support.ts';

beforeEach(() => forgetSecrets());
afterEach(() => vi.useRealTimers());

describe('incident-alert paging', () => {
  it('pages the Events API of the configured service region', async () => {
    const account = accountAt(ALARM_AT);
    const config = structuredClone(loadStageConfig({ stage: 'dev' }));
    config.notifications.pagerduty!.eventsUrl = 'https://events.eu.pagerduty.com/v2/enqueue';

    const result = await runPlaybook({
      playbook: 'incident-alert',
      input: sampleEvent(ALARM_FILE),
      account,
      config,
      skipWaits: true,
    });

    expect(result.status).toBe('SUCCEEDED');
    expect(pagerDutyEvents(account)).toHaveLength(1);
    expect(result.output).toMatchObject({ notified: [{ outcome: 'delivered' }, {}, { outcome: 'delivered' }] });
  });

  it('says in its result and in the run summary that the page was lost', async () => {
    const account = accountAt(ALARM_AT);
    const routingKey = account.state.regions['us-east-1'].ssm.parameters.find(
      (parameter) => parameter.Name === '/idp-autopilot/pagerduty-routing-key',
    );
    // PagerDuty refuses a routing key that is not 32 characters long (400 invalid event): final, not retried.
    routingKey!.Value = 'R0UT1NGKEY-TOO-SHORT';

    const result = await run(account, sampleEvent(ALARM_FILE));

    expect(result.status).toBe('SUCCEEDED');
    expect(snsMessages(account)).toHaveLength(1);
    expect(pagerDutyEvents(account)).toHaveLength(1);
    expect(result.output).toMatchObject({
      outcome: 'notified',
      undelivered: ['pagerduty: NOT delivered after 1 attempt (last: HTTP 400)'],
    });
    expect(summarizeRun(result)).toContain('  undelivered: pagerduty: NOT delivered after 1 attempt (last: HTTP 400)');
  });
});

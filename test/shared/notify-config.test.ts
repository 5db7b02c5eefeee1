// The notification keys of the stage config and what notify() does with them.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadStageConfig, parseConfig } from '../../functions/playbooks.ts';
import { ConfigError } from '../../functions/shared/errors/errors.ts';
import { notify, PAGERDUTY_EVENTS_URL } from '../../functions/shared/notify/notify.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';
import { alert, deps, notifications, SLACK_URL, scriptedFetch } from '../support/notify.ts';

const EU_EVENTS_URL = 'https://events.eu.pagerduty.com/v2/enqueue';

const sns = mockClient(SNSClient);
const ssm = mockClient(SSMClient);

beforeEach(() => {
  sns.reset();
  ssm.reset();
  forgetSecrets();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  ssm
    .on(GetParameterCommand, { Name: '/idp-autopilot/slack-webhook-url' })
    .resolves({ Parameter: { Value: SLACK_URL } });
  ssm.on(GetParameterCommand, { Name: '/idp-autopilot/pagerduty-routing-key' }).resolves({
    Parameter: { Value: 'R0UT1NGKEY' },
  });
});

function withPagerDuty(change: Record<string, unknown>) {
  const raw = structuredClone(loadStageConfig({ stage: 'dev' })) as Record<string, any>;
  Object.assign(raw.notifications.pagerduty, change);
  return raw;
}

describe('notifications.pagerduty.eventsUrl', () => {
  it('defaults to the PagerDuty Events API v2 endpoint of the US service region', () => {
    const { eventsUrl: _omitted, ...pagerduty } = withPagerDuty({}).notifications.pagerduty;
    const raw = withPagerDuty({});
    raw.notifications.pagerduty = pagerduty;
    expect(parseConfig(raw).notifications.pagerduty?.eventsUrl).toBe(PAGERDUTY_EVENTS_URL);
    expect(PAGERDUTY_EVENTS_URL).toBe('https://events.pagerduty.com/v2/enqueue');
  });

  it('takes another https URL: the EU service region, or a stand-in for a rehearsal', () => {
    expect(parseConfig(withPagerDuty({ eventsUrl: EU_EVENTS_URL })).notifications.pagerduty?.eventsUrl).toBe(
      EU_EVENTS_URL,
    );
  });

  it('refuses a URL that is not https, naming the key', () => {
    expect(() => parseConfig(withPagerDuty({ eventsUrl: 'http://events.pagerduty.com/v2/enqueue' }))).toThrow(
      ConfigError,
    );
    expect(() => parseConfig(withPagerDuty({ eventsUrl: 'not a url' }))).toThrow(/notifications\.pagerduty\.eventsUrl/);
  });

  it('is where notify() sends the page', async () => {
    const { fetchFn, posts } = scriptedFetch();
    const config = { ...notifications, pagerduty: { ...notifications.pagerduty, eventsUrl: EU_EVENTS_URL } };
    const results = await notify(alert, deps(fetchFn, config));
    expect(posts.map((post) => post.url)).toEqual([SLACK_URL, EU_EVENTS_URL]);
    expect(results.find((result) => result.channel === 'pagerduty')?.outcome).toBe('delivered');
  });
});

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Notice, renderNotice } from '../../functions/shared/notify/message.ts';
import { notify, PAGERDUTY_EVENTS_URL } from '../../functions/shared/notify/notify.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';

const sns = mockClient(SNSClient);
const ssm = mockClient(SSMClient);

const alert: Notice = {
  kind: 'alert',
  severity: 'SEV2',
  title: 'Instance i-0abc contained',
  playbook: 'contain-instance',
  impact: 'One api-gateway instance out of service',
  facts: { Instance: 'i-0abc' },
  link: 'https://example.com/report',
  dedupKey: 'case-1',
};

const notifications = {
  slack: { webhookUrl: { ssmParameter: '/idp-autopilot/slack-webhook-url' }, channelName: '#idp-operations' },
  pagerduty: {
    routingKey: { ssmParameter: '/idp-autopilot/pagerduty-routing-key' },
    minSeverity: 'SEV2' as const,
    eventsUrl: PAGERDUTY_EVENTS_URL,
  },
  dryRuns: false,
};

function recordingFetch(status = 200) {
  const posts: { url: string; body: any }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    posts.push({ url, body: JSON.parse(String(init.body)) });
    return new Response('ok', { status });
  }) as unknown as typeof fetch;
  return { posts, fetchFn };
}

function deps(fetchFn: typeof fetch, config = notifications) {
  return {
    sns: new SNSClient({ region: 'us-east-1' }),
    ssm: new SSMClient({ region: 'us-east-1' }),
    secretsManager: new SecretsManagerClient({ region: 'us-east-1' }),
    topicArn: 'arn:aws:sns:us-east-1:123456789012:idp-autopilot-dev-notifications',
    notifications: config,
    fetch: fetchFn,
    // Retries wait on a clock that only pretends to (test/shared/notify-delivery.test.ts tests the waits).
    clock: { now: () => 0, sleep: async () => undefined, random: () => 0 },
  };
}

beforeEach(() => {
  sns.reset();
  ssm.reset();
  forgetSecrets();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  ssm.on(GetParameterCommand, { Name: '/idp-autopilot/slack-webhook-url' }).resolves({
    Parameter: { Value: 'https://hooks.slack.com/services/T/B/secret' },
  });
  ssm.on(GetParameterCommand, { Name: '/idp-autopilot/pagerduty-routing-key' }).resolves({
    Parameter: { Value: 'R0UT1NGKEY' },
  });
});

describe('notifications', () => {
  it('renders the runbook alert template with impact, status and next update', () => {
    const { text, subject } = renderNotice(alert);
    expect(text).toContain('🚨 SERVICE DISRUPTION ALERT [SEV2]');
    expect(text).toContain('- Impact: One api-gateway instance out of service');
    expect(text).toContain('- Status: Investigating');
    expect(text).toContain('- Next Update: In 15 minutes');
    expect(subject).toBe('[SEV2] Instance i-0abc contained');
  });

  it('renders the resolved template with duration and next steps', () => {
    const { text } = renderNotice({ ...alert, kind: 'resolved', duration: '12 minutes', nextSteps: 'Post-mortem' });
    expect(text).toContain('✅ SERVICE RESTORED');
    expect(text).toContain('- Duration: 12 minutes');
  });

  it('keeps SNS subjects within 100 printable ASCII characters', () => {
    const { subject } = renderNotice({ ...alert, title: `Contained ✅ ${'x'.repeat(200)}` });
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('sends to SNS, Slack (Block Kit) and PagerDuty (Events v2) with secrets resolved from SSM', async () => {
    const { posts, fetchFn } = recordingFetch();
    const results = await notify(alert, deps(fetchFn));
    expect(results.map((result) => [result.channel, result.ok])).toEqual([
      ['sns', true],
      ['slack', true],
      ['pagerduty', true],
    ]);
    expect(sns.commandCalls(PublishCommand)[0].args[0].input.Subject).toBe('[SEV2] Instance i-0abc contained');
    expect(posts[0].url).toBe('https://hooks.slack.com/services/T/B/secret');
    expect(posts[0].body.blocks[0].type).toBe('header');
    expect(posts[1].url).toBe(PAGERDUTY_EVENTS_URL);
    expect(posts[1].body).toMatchObject({
      routing_key: 'R0UT1NGKEY',
      event_action: 'trigger',
      dedup_key: 'case-1',
      payload: { severity: 'error', source: 'idp-autopilot' },
    });
  });

  it('does not page below the configured PagerDuty severity', async () => {
    const { posts, fetchFn } = recordingFetch();
    await notify({ ...alert, severity: 'SEV4' }, deps(fetchFn));
    expect(posts.map((post) => post.url)).not.toContain(PAGERDUTY_EVENTS_URL);
  });

  it('reports a failing Slack webhook without failing the notification', async () => {
    const { fetchFn } = recordingFetch(500);
    const results = await notify(alert, deps(fetchFn));
    expect(results.find((result) => result.channel === 'slack')).toMatchObject({ ok: false, detail: 'HTTP 500' });
    expect(results.find((result) => result.channel === 'sns')?.ok).toBe(true);
  });

  it('fails when SNS, the channel of record, fails', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' }));
    const { fetchFn } = recordingFetch();
    await expect(notify(alert, deps(fetchFn))).rejects.toThrow('Topic does not exist');
  });

  it('resolves each secret once per cold start', async () => {
    const { fetchFn } = recordingFetch();
    await notify(alert, deps(fetchFn));
    await notify(alert, deps(fetchFn));
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });
});

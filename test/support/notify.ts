// Arrangements for the notify() unit tests: the stage's channels, a fetch that records posts and answers from a
// script, a clock that only pretends to sleep, and the dependencies notify() takes.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { GlobalConfig } from '../../functions/shared/config/config.ts';
import type { Notice } from '../../functions/shared/notify/message.ts';
import type { Clock, NotifyDeps } from '../../functions/shared/notify/notify.ts';

export const alert: Notice = {
  kind: 'alert',
  severity: 'SEV2',
  title: 'Instance i-0abc contained',
  playbook: 'contain-instance',
  impact: 'One api-gateway instance out of service',
  facts: { Instance: 'i-0abc' },
  link: 'https://example.com/report',
  dedupKey: 'case-1',
};

export const notifications = {
  slack: { webhookUrl: { ssmParameter: '/idp-autopilot/slack-webhook-url' }, channelName: '#idp-operations' },
  pagerduty: {
    routingKey: { ssmParameter: '/idp-autopilot/pagerduty-routing-key' },
    minSeverity: 'SEV2' as const,
    eventsUrl: 'https://events.pagerduty.com/v2/enqueue',
  },
  dryRuns: false,
} satisfies GlobalConfig['notifications'];

export const SLACK_URL = 'https://hooks.slack.com/services/T/B/secret';

/** One scripted answer: an HTTP status (with headers), or an error the fetch throws (network error, timeout). */
export type Answer = number | { status: number; headers?: Record<string, string> } | Error;

export interface Post {
  url: string;
  body: any;
  signal?: AbortSignal | null;
}

/** A fetch that records every post and answers each URL from its script (the last answer repeats); default 200. */
export function scriptedFetch(script: Record<string, Answer[]> = {}) {
  const posts: Post[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    posts.push({ url, body: JSON.parse(String(init.body)), signal: init.signal });
    const answers = script[url] ?? [200];
    const sent = posts.filter((post) => post.url === url).length;
    const answer = answers[Math.min(sent, answers.length) - 1];
    if (answer instanceof Error) throw answer;
    const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
    return new Response(status === 204 ? null : 'ok', { status, headers });
  }) as unknown as typeof fetch;
  return { posts, fetchFn, postsTo: (url: string) => posts.filter((post) => post.url === url) };
}

/** A clock whose sleep only advances its own time, so backoff costs the test nothing; `slept` lists each wait. */
export function fakeClock(random = 0.5) {
  let time = 0;
  const slept: number[] = [];
  const clock: Clock = {
    now: () => time,
    sleep: async (ms) => {
      slept.push(ms);
      time += ms;
    },
    random: () => random,
  };
  return { clock, slept, advance: (ms: number) => (time += ms) };
}

export function deps(
  fetchFn: typeof fetch,
  config: GlobalConfig['notifications'] = notifications,
  extra: Partial<NotifyDeps> = {},
): NotifyDeps {
  return {
    sns: new SNSClient({ region: 'us-east-1' }),
    ssm: new SSMClient({ region: 'us-east-1' }),
    secretsManager: new SecretsManagerClient({ region: 'us-east-1' }),
    topicArn: 'arn:aws:sns:us-east-1:123456789012:idp-autopilot-dev-notifications',
    notifications: config,
    fetch: fetchFn,
    clock: fakeClock().clock,
    ...extra,
  };
}

// How notify() delivers to the chat channels: retried with backoff on 429, 5xx and timeouts within a bound, other
// 4xx not retried, and every channel's outcome recorded. The clock is fake: no test waits for a real backoff.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_RETRY, notify, PAGERDUTY_EVENTS_URL, undelivered } from '../../functions/shared/notify/notify.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';
import { alert, deps, fakeClock, SLACK_URL, scriptedFetch } from '../support/notify.ts';

const sns = mockClient(SNSClient);
const ssm = mockClient(SSMClient);

beforeEach(() => {
  sns.reset();
  ssm.reset();
  forgetSecrets();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1', $metadata: { attempts: 1 } });
  ssm
    .on(GetParameterCommand, { Name: '/idp-autopilot/slack-webhook-url' })
    .resolves({ Parameter: { Value: SLACK_URL } });
  ssm.on(GetParameterCommand, { Name: '/idp-autopilot/pagerduty-routing-key' }).resolves({
    Parameter: { Value: 'R0UT1NGKEY' },
  });
});

const resultOf = (results: Awaited<ReturnType<typeof notify>>, channel: string) =>
  results.find((result) => result.channel === channel);

describe('delivery to the chat channels', () => {
  it('retries a rate-limited Slack post after the Retry-After it was given, then records it delivered', async () => {
    const { fetchFn, postsTo } = scriptedFetch({
      [SLACK_URL]: [{ status: 429, headers: { 'retry-after': '2' } }, 200],
    });
    const { clock, slept } = fakeClock();
    const results = await notify(alert, deps(fetchFn, undefined, { clock }));
    expect(postsTo(SLACK_URL)).toHaveLength(2);
    expect(slept).toEqual([2000]);
    expect(resultOf(results, 'slack')).toMatchObject({ outcome: 'delivered', ok: true, attempts: 2 });
  });

  it('waits no longer than its cap when Retry-After asks for more', async () => {
    const { fetchFn } = scriptedFetch({ [SLACK_URL]: [{ status: 429, headers: { 'retry-after': '120' } }, 200] });
    const { clock, slept } = fakeClock();
    await notify(alert, deps(fetchFn, undefined, { clock }));
    expect(slept).toEqual([CHANNEL_RETRY.maxDelayMs]);
  });

  it('backs off exponentially with jitter on 5xx and records the page failed after its attempts with the last status', async () => {
    const { fetchFn, postsTo } = scriptedFetch({ [PAGERDUTY_EVENTS_URL]: [500, 502, 503] });
    const low = fakeClock(0);
    const high = fakeClock(1);
    const results = await notify(alert, deps(fetchFn, undefined, { clock: low.clock }));
    await notify(
      alert,
      deps(scriptedFetch({ [PAGERDUTY_EVENTS_URL]: [500] }).fetchFn, undefined, { clock: high.clock }),
    );
    expect(postsTo(PAGERDUTY_EVENTS_URL)).toHaveLength(CHANNEL_RETRY.attempts);
    expect(resultOf(results, 'pagerduty')).toEqual({
      channel: 'pagerduty',
      outcome: 'failed',
      ok: false,
      attempts: 3,
      detail: 'HTTP 503',
    });
    // Each wait is drawn between half and all of base * 2^(retry - 1).
    expect(low.slept).toEqual([CHANNEL_RETRY.baseDelayMs / 2, CHANNEL_RETRY.baseDelayMs]);
    expect(high.slept).toEqual([CHANNEL_RETRY.baseDelayMs, CHANNEL_RETRY.baseDelayMs * 2]);
    expect(resultOf(results, 'sns')?.outcome).toBe('delivered');
  });

  it('does not retry a post the channel refused (4xx other than 429)', async () => {
    const { fetchFn, postsTo } = scriptedFetch({ [SLACK_URL]: [400, 200] });
    const { clock, slept } = fakeClock();
    const results = await notify(alert, deps(fetchFn, undefined, { clock }));
    expect(postsTo(SLACK_URL)).toHaveLength(1);
    expect(slept).toEqual([]);
    expect(resultOf(results, 'slack')).toMatchObject({ outcome: 'failed', attempts: 1, detail: 'HTTP 400' });
  });

  it('retries a timed-out or failed connection, every request bounded by an abort signal', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { fetchFn, postsTo } = scriptedFetch({
      [PAGERDUTY_EVENTS_URL]: [timeout, 202],
      [SLACK_URL]: [new TypeError('fetch failed'), 200],
    });
    const results = await notify(alert, deps(fetchFn));
    expect(resultOf(results, 'pagerduty')).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(resultOf(results, 'slack')).toMatchObject({ outcome: 'delivered', attempts: 2 });
    for (const post of [...postsTo(PAGERDUTY_EVENTS_URL), ...postsTo(SLACK_URL)])
      expect(post.signal).toBeInstanceOf(AbortSignal);
  });

  it('cuts off a request that hangs after the request timeout', async () => {
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as unknown as typeof fetch;
    const retry = { ...CHANNEL_RETRY, requestTimeoutMs: 20 };
    const results = await notify(alert, deps(hanging, undefined, { retry }));
    expect(resultOf(results, 'slack')).toMatchObject({
      outcome: 'failed',
      attempts: 3,
      detail: 'timed out after 20 ms',
    });
  });

  it('gives up within the time budget of the channel', async () => {
    const { clock, slept, advance } = fakeClock();
    const slow = (async () => {
      advance(CHANNEL_RETRY.budgetMs / 3);
      return new Response('busy', { status: 429, headers: { 'retry-after': String(CHANNEL_RETRY.maxDelayMs / 1000) } });
    }) as unknown as typeof fetch;
    const results = await notify({ ...alert, severity: 'SEV4' }, deps(slow, undefined, { clock }));
    const slack = resultOf(results, 'slack');
    expect(slack).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(slack?.detail).toMatch(/^HTTP 429; time budget of \d+ ms spent$/);
    expect(slept).toEqual([CHANNEL_RETRY.maxDelayMs]);
  });

  it('records what SNS, the channel of record, answered and each channel it did not use', async () => {
    const { fetchFn } = scriptedFetch();
    const results = await notify({ ...alert, severity: 'SEV4' }, deps(fetchFn, { dryRuns: false }));
    expect(results).toEqual([
      { channel: 'sns', outcome: 'delivered', ok: true, attempts: 1, detail: 'm-1' },
      { channel: 'slack', outcome: 'skipped', ok: false, attempts: 0, detail: 'not configured' },
      { channel: 'pagerduty', outcome: 'skipped', ok: false, attempts: 0, detail: 'not configured' },
    ]);
  });

  it('names each channel a notice did not reach, for the reports that embed the results', async () => {
    const { fetchFn } = scriptedFetch({ [PAGERDUTY_EVENTS_URL]: [503] });
    const results = await notify(alert, deps(fetchFn));
    expect(undelivered(results)).toEqual(['pagerduty: NOT delivered after 3 attempts (last: HTTP 503)']);
    expect(undelivered(await notify(alert, deps(scriptedFetch().fetchFn)))).toEqual([]);
  });
});

// A notice sent during a dry run reaches no human by default: notify() only logs it and answers "not sent (dry
// run)". With notifications.dryRuns it goes to SNS, never to Slack or PagerDuty.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadStageConfig, parseConfig } from '../../functions/playbooks.ts';
import { notify } from '../../functions/shared/notify/notify.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';
import { alert, deps, notifications, SLACK_URL, scriptedFetch } from '../support/notify.ts';

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

const dryRunAlert = { ...alert, severity: 'SEV1' as const, dryRun: true };

describe('notices of dry runs', () => {
  it('are sent to no channel by default, and the result says so', async () => {
    const { fetchFn, posts } = scriptedFetch();
    const results = await notify(dryRunAlert, deps(fetchFn));
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
    expect(posts).toEqual([]);
    expect(results).toEqual(
      ['sns', 'slack', 'pagerduty'].map((channel) => ({
        channel,
        outcome: 'skipped',
        ok: false,
        attempts: 0,
        detail: 'not sent (dry run)',
      })),
    );
  });

  it('go to SNS only, never to Slack or PagerDuty, when notifications.dryRuns is set', async () => {
    const { fetchFn, posts } = scriptedFetch();
    const results = await notify(dryRunAlert, deps(fetchFn, { ...notifications, dryRuns: true }));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(posts).toEqual([]);
    expect(results.map((result) => [result.channel, result.outcome, result.detail])).toEqual([
      ['sns', 'delivered', 'm-1'],
      ['slack', 'skipped', 'dry run: SNS only'],
      ['pagerduty', 'skipped', 'dry run: SNS only'],
    ]);
  });

  it('are not sent unless the stage says so (notifications.dryRuns defaults to false)', () => {
    expect(parseConfig(loadStageConfig({ stage: 'dev' })).notifications.dryRuns).toBe(false);
  });
});

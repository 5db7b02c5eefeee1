// Refused input is not an outage: the notice says the input was rejected (SEV4) and goes to SNS only.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError, ResourceNotFoundError, TransientAwsError } from '../../functions/shared/errors/errors.ts';
import { type Notice, renderNotice } from '../../functions/shared/notify/message.ts';
import { notify } from '../../functions/shared/notify/notify.ts';
import { isInputRefusal } from '../../functions/shared/notify/refusal.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';
import { deps, SLACK_URL, scriptedFetch } from '../support/notify.ts';

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

const rejected: Notice = {
  kind: 'rejected',
  severity: 'SEV4',
  playbook: 'contain-instance',
  title: 'Playbook contain-instance failed: InvalidInputError',
  status: 'input.instanceId: expected i-0123456789abcdef0',
};

describe('the notice of refused input', () => {
  it('is headed AUTOPILOT INPUT REJECTED, never with the service disruption template', () => {
    const { text, subject } = renderNotice(rejected);
    expect(text).toMatch(/^\S+ AUTOPILOT INPUT REJECTED \[SEV4\]\n/);
    expect(text).toContain('- Reason: input.instanceId: expected i-0123456789abcdef0');
    expect(text).not.toContain('SERVICE DISRUPTION');
    expect(text).not.toContain('Next Update');
    expect(subject).toBe('[SEV4] Playbook contain-instance failed: InvalidInputError');
  });

  it('goes to SNS only, never to Slack or PagerDuty, whatever its severity', async () => {
    const { fetchFn, posts } = scriptedFetch();
    const results = await notify({ ...rejected, severity: 'SEV1' }, deps(fetchFn));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(posts).toEqual([]);
    expect(results.map((result) => [result.channel, result.outcome, result.detail])).toEqual([
      ['sns', 'delivered', 'm-1'],
      ['slack', 'skipped', 'rejected input goes to SNS only'],
      ['pagerduty', 'skipped', 'rejected input goes to SNS only'],
    ]);
  });
});

describe('isInputRefusal', () => {
  it('is true for the errors that refuse input: InvalidInputError and ResourceNotFoundError', () => {
    expect(isInputRefusal({ Error: 'InvalidInputError', Cause: '{"errorMessage":"input.x: required"}' })).toBe(true);
    expect(isInputRefusal({ Error: 'ResourceNotFoundError' })).toBe(true);
    expect(isInputRefusal(new InvalidInputError('input.x: required'))).toBe(true);
    expect(isInputRefusal(new ResourceNotFoundError('instance i-0 does not exist'))).toBe(true);
  });

  it('is false for every other failure', () => {
    for (const error of [
      { Error: 'ThrottlingException' },
      { Error: 'States.Timeout' },
      { Error: 'InvalidInputErrorX' },
      new TransientAwsError('slow down'),
      new Error('boom'),
      undefined,
      'InvalidInputError',
    ])
      expect(isInputRefusal(error)).toBe(false);
  });
});

import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { acquireLock } from '../../functions/shared/claims/locks.ts';
import { readBack } from '../support/sandbox.ts';
import {
  accountAt,
  alerts,
  BUCKET,
  COMPOSITE,
  CPU_ALARM,
  devConfig,
  keysUnder,
  type Loose,
  record,
  run,
  sampleEvent,
} from './support.ts';

afterEach(() => vi.useRealTimers());

const COMPOSITE_AT = '2026-11-26T08:40:01.338Z';
const CPU_AT = '2026-11-26T08:20:00.303Z';
const slackApi = (account: ReturnType<typeof accountAt>, method: string) =>
  account.callsTo('Slack', method).map((call) => call.input as Loose);
const mitigationLines = async (account: ReturnType<typeof accountAt>, id = 'INC-20261126-001') =>
  (await record(account, id)).timeline.filter((entry) => entry.kind === 'mitigation').map((entry) => entry.text);

describe('incident-response: the SEV1 war room', () => {
  it('creates the channel, invites the responders and posts the declaration when a bot token is configured', async () => {
    const account = accountAt(COMPOSITE_AT);
    await run(account, sampleEvent(COMPOSITE));

    expect(slackApi(account, 'conversations.create')).toEqual([
      { name: 'incident-inc-20261126-001', is_private: false },
    ]);
    const channel = account.state.slack!.channels[0];
    expect(slackApi(account, 'conversations.invite')).toEqual([
      { channel: channel.id, users: 'U0ONCALL01,U0ICLEAD02' },
    ]);
    const [post] = slackApi(account, 'chat.postMessage');
    expect(post.channel).toBe(channel.id);
    expect(post.text).toContain('*SEV1 Incident Declared*');
    expect(post.text).toContain(
      '- Impact: The IDP platform is down: p99 latency and 5XX rate are both over their thresholds',
    );
    expect(post.text).toContain('- IC: @oncall-engineer');
    expect(post.text).toContain('- Slack Channel: #incident-inc-20261126-001');
    expect(channel.members).toEqual(['U0AUTOPILOT', 'U0ONCALL01', 'U0ICLEAD02']);
    expect((await record(account, 'INC-20261126-001')).warRoom).toMatchObject({ created: true, channelId: channel.id });
    expect(alerts(account)[0].Message).toContain('- War room: #incident-inc-20261126-001');
  });

  it('without a bot token, the alert says which channel to open and nothing is created', async () => {
    const account = accountAt(COMPOSITE_AT);
    const config = devConfig((block) => {
      block.warRoom.botToken = undefined;
    });
    await run(account, sampleEvent(COMPOSITE), { config });

    expect(account.callsTo('Slack', 'conversations.create')).toEqual([]);
    expect(alerts(account)[0].Message).toContain(
      '- War room: open #incident-inc-20261126-001 in Slack and post the SEV1 declaration (no bot token configured)',
    );
  });

  it('posts by name into a channel that exists already (Slack answers name_taken) and says nobody was invited', async () => {
    const account = accountAt(COMPOSITE_AT);
    account.state.slack = {
      channels: [
        {
          id: 'C0000000001',
          name: 'incident-inc-20261126-001',
          isPrivate: false,
          created: 0,
          members: [],
          messages: [],
        },
      ],
    };
    await run(account, sampleEvent(COMPOSITE));

    expect(account.callsTo('Slack', 'conversations.create')[0].errorCode).toBe('name_taken');
    expect(slackApi(account, 'chat.postMessage')[0].channel).toBe('#incident-inc-20261126-001');
    expect((await record(account, 'INC-20261126-001')).warRoom?.detail).toContain('exists already');
    expect(account.state.slack.channels[0].messages).toHaveLength(1);
  });
});

describe('incident-response: mitigations attached to an alarm', () => {
  it("sets the runbook's circuit_breaker flag at once and keeps the previous value on the timeline", async () => {
    const account = accountAt(COMPOSITE_AT);
    await run(account, sampleEvent(COMPOSITE));

    const flag = await readBack(account, () =>
      awsClient(SSMClient, 'us-east-1').send(new GetParameterCommand({ Name: '/idp/prod/api-config/circuit_breaker' })),
    );
    expect(flag.Parameter?.Value).toBe('enabled');
    expect(await mitigationLines(account)).toContain(
      'Mitigation: /idp/prod/api-config/circuit_breaker set to enabled (was disabled)',
    );
    expect(account.events({ source: 'idp.autopilot' }).map((event) => event.detail)).toContainEqual(
      expect.objectContaining({ action: 'incident-response:circuit-breaker', outcome: 'done' }),
    );
  });

  it('starts the regional failover only after a human approves it', async () => {
    const account = accountAt(COMPOSITE_AT);
    await run(account, sampleEvent(COMPOSITE), { approval: 'approve' });

    const started = account
      .callsTo('SFN', 'StartExecution')
      .filter((call) => JSON.stringify(call.input).includes('failover'));
    expect(started.map((call) => call.input)).toEqual([
      {
        stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:idp-autopilot-dev-regional-failover',
        name: 'INC-20261126-001-regional-failover',
        input: JSON.stringify({ mode: 'planned', dryRun: true }),
      },
    ]);
    expect((await mitigationLines(account)).join('\n')).toContain(
      'approved by autopilot-cli: started idp-autopilot-dev-regional-failover',
    );
  });

  it('does not start the failover when the approval is refused, and says so on the timeline', async () => {
    const account = accountAt(COMPOSITE_AT);
    await run(account, sampleEvent(COMPOSITE), { approval: 'reject' });

    expect(
      account.callsTo('SFN', 'StartExecution').filter((call) => JSON.stringify(call.input).includes('failover')),
    ).toEqual([]);
    expect(await mitigationLines(account)).toContain(
      'Mitigation: start regional failover regional-failover not started: ApprovalRejected (rejected by the operator (--reject))',
    );
  });

  it('scales the Auto Scaling group out under its lock, reads it back, and lets the lock go', async () => {
    const account = accountAt(CPU_AT);
    await run(account, sampleEvent(CPU_ALARM));

    const group = await readBack(account, () =>
      awsClient(AutoScalingClient, 'us-east-1').send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['idp-api-gateway-asg'] }),
      ),
    );
    expect(group.AutoScalingGroups?.[0].DesiredCapacity).toBe(5);
    expect(await mitigationLines(account)).toEqual([
      'Mitigation: idp-api-gateway-asg desired capacity 3 -> 5 (max 10)',
    ]);
    expect(await keysUnder(account, 'locks/')).toEqual([]);
  });

  it('does not scale while another playbook changes the group, and names it on the timeline', async () => {
    const account = accountAt(CPU_AT);
    await readBack(account, () =>
      acquireLock(awsClient(S3Client, 'us-east-1'), BUCKET, {
        target: 'asg:us-east-1:idp-api-gateway-asg',
        playbook: 'scale-capacity',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-scale-capacity:by-hand',
        executionName: 'by-hand',
        ttlSeconds: 3600,
        now: new Date(CPU_AT),
      }),
    );
    await run(account, sampleEvent(CPU_ALARM));

    const [line] = await mitigationLines(account);
    expect(line).toContain(
      'not scaled: asg:us-east-1:idp-api-gateway-asg is being changed by scale-capacity execution by-hand',
    );
    expect(account.callsTo('AutoScaling', 'SetDesiredCapacity')).toEqual([]);
  });
});

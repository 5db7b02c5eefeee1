// The operations incident-response added to the sandbox: AWS Health DescribeEvents, Step Functions StartExecution and
// SendTaskSuccess, SSM PutParameter, Auto Scaling SetDesiredCapacity, and the Slack Web API of the war room.
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeEventsCommand, HealthClient } from '@aws-sdk/client-health';
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { installFetchSandbox } from '../../sandbox/http.ts';
import { errorOf, useSandbox } from './helpers.ts';

const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:idp-autopilot-dev-regional-failover';

describe('AWS Health', () => {
  useSandbox();

  it('describes open events by service and region from the global endpoint, newest update first, 10 to 100 a page', async () => {
    const health = awsClient(HealthClient, 'us-east-1');
    const open = await health.send(new DescribeEventsCommand({ filter: { eventStatusCodes: ['open'] } }));
    expect(open.events!.map((e) => [e.service, e.region])).toEqual([
      ['ELASTICLOADBALANCING', 'us-east-1'],
      ['EC2', 'us-west-2'],
    ]);
    const ec2East = await health.send(
      new DescribeEventsCommand({ filter: { services: ['EC2'], regions: ['us-east-1'] }, maxResults: 10 }),
    );
    expect(ec2East.events!.map((e) => e.statusCode)).toEqual(['closed']);
    expect((await errorOf(health.send(new DescribeEventsCommand({ maxResults: 5 })))).name).toBe('ValidationException');
    expect((await errorOf(health.send(new DescribeEventsCommand({ nextToken: 'bogus' })))).name).toBe(
      'InvalidPaginationToken',
    );
  });

  it('cannot be reached from an ordinary region (the Health API has its endpoint in us-east-1)', async () => {
    const error = await errorOf(awsClient(HealthClient, 'us-west-2').send(new DescribeEventsCommand({})));
    expect(error.message).toContain('ENOTFOUND health.us-west-2.amazonaws.com');
  });
});

describe('Step Functions', () => {
  const account = useSandbox();

  it('starts an execution once per name: the same name and input answers it again, another input is refused', async () => {
    const sfn = awsClient(SFNClient, 'us-east-1');
    const start = (input: string) =>
      sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'inc-1', input }));
    const first = await start('{"a":1}');
    expect(first.executionArn).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-regional-failover:inc-1',
    );
    expect((await start('{"a":1}')).executionArn).toBe(first.executionArn);
    expect((await errorOf(start('{"a":2}'))).name).toBe('ExecutionAlreadyExists');
    expect((await errorOf(start('not json'))).name).toBe('InvalidExecutionInput');
    const unknown = sfn.send(new StartExecutionCommand({ stateMachineArn: `${MACHINE}-x`, input: '{}' }));
    expect((await errorOf(unknown)).name).toBe('StateMachineDoesNotExist');
    const badName = sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'a b', input: '{}' }));
    expect((await errorOf(badName)).name).toBe('InvalidName');
    expect(
      account().state.regions['us-east-1'].stepFunctions!.stateMachines.find((m) => m.stateMachineArn === MACHINE)!
        .executions,
    ).toHaveLength(1);
  });

  it('answers a task token once; the same token again is a task that no longer exists', async () => {
    const sfn = awsClient(SFNClient, 'us-east-1');
    const answer = () =>
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'token-1', output: '{"acknowledged":true}' }));
    await answer();
    expect((await errorOf(answer())).name).toBe('TaskTimedOut');
    const badOutput = sfn.send(new SendTaskSuccessCommand({ taskToken: 'token-2', output: '{' }));
    expect((await errorOf(badOutput)).name).toBe('InvalidOutput');
  });
});

describe('SSM PutParameter and Auto Scaling SetDesiredCapacity', () => {
  useSandbox();

  it('overwrites a parameter only with Overwrite, as the next version', async () => {
    const ssm = awsClient(SSMClient, 'us-east-1');
    const Name = '/idp/prod/api-config/circuit_breaker';
    expect((await errorOf(ssm.send(new PutParameterCommand({ Name, Value: 'enabled', Type: 'String' })))).name).toBe(
      'ParameterAlreadyExists',
    );
    expect(
      await ssm.send(new PutParameterCommand({ Name, Value: 'enabled', Type: 'String', Overwrite: true })),
    ).toMatchObject({ Version: 2 });
    expect((await ssm.send(new GetParameterCommand({ Name }))).Parameter).toMatchObject({
      Value: 'enabled',
      Version: 2,
    });
  });

  it('sets the desired capacity within the group limits and refuses beyond them', async () => {
    const autoscaling = awsClient(AutoScalingClient, 'us-east-1');
    const set = (DesiredCapacity: number) =>
      autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'idp-api-gateway-asg', DesiredCapacity }));
    await set(5);
    const read = await autoscaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['idp-api-gateway-asg'] }),
    );
    expect(read.AutoScalingGroups![0].DesiredCapacity).toBe(5);
    expect((await errorOf(set(11))).message).toBe(
      'New SetDesiredCapacity value 11 is above max value 10 for the AutoScalingGroup.',
    );
    expect((await errorOf(set(1))).name).toBe('ValidationError');
  });
});

describe('Slack Web API (war room)', () => {
  const account = useSandbox();
  const call = async (method: string, body: object, token = 'xoxb-1-2-sandbox') => {
    const restore = installFetchSandbox(account());
    try {
      const response = await fetch(`https://slack.com/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, any>;
    } finally {
      restore();
    }
  };

  it('creates a channel, invites, posts; answers Slack error codes for names taken, bad names and users', async () => {
    const created = await call('conversations.create', { name: 'incident-inc-1' });
    expect(created).toMatchObject({ ok: true, channel: { name: 'incident-inc-1', is_private: false } });
    const id = created.channel.id;
    expect(await call('conversations.create', { name: 'incident-inc-1' })).toEqual({ ok: false, error: 'name_taken' });
    expect(await call('conversations.create', { name: 'Incident #1' })).toEqual({
      ok: false,
      error: 'invalid_name_specials',
    });
    expect(await call('conversations.invite', { channel: id, users: 'U0ONCALL01' })).toMatchObject({ ok: true });
    expect(await call('conversations.invite', { channel: id, users: 'U0ONCALL01' })).toEqual({
      ok: false,
      error: 'already_in_channel',
    });
    expect(await call('conversations.invite', { channel: id, users: 'bob' })).toEqual({
      ok: false,
      error: 'user_not_found',
    });
    expect(await call('chat.postMessage', { channel: '#incident-inc-1', text: 'SEV1' })).toMatchObject({
      ok: true,
      channel: id,
    });
    expect(await call('chat.postMessage', { channel: 'C404', text: 'x' })).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    expect(account().callsTo('Slack', 'chat.postMessage')).toHaveLength(2);
  });

  it('refuses calls without a bot token', async () => {
    expect(await call('conversations.create', { name: 'x' }, 'nope')).toEqual({ ok: false, error: 'invalid_auth' });
  });
});

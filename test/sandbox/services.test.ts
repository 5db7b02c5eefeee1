// GuardDuty, Config, SNS, EventBridge, SSM, Secrets Manager and STS through their real SDK clients.
import {
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRuleEvaluationStatusCommand,
  DescribeConfigRulesCommand,
  NoSuchConfigRuleException,
  StartConfigRulesEvaluationCommand,
} from '@aws-sdk/client-config-service';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ListTopicsCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, GetParametersCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { errorOf, NOW, useSandbox } from './helpers.ts';

describe('GuardDuty', () => {
  const account = useSandbox();

  it('lists, reads and updates the detector of each region', async () => {
    const east = awsClient(GuardDutyClient, 'us-east-1');
    const { DetectorIds } = await east.send(new ListDetectorsCommand({}));
    expect(DetectorIds).toEqual(['12abc34d567e8fa901bc2d34e56789f0']);
    const detector = await east.send(new GetDetectorCommand({ DetectorId: DetectorIds![0] }));
    expect(detector).toMatchObject({ FindingPublishingFrequency: 'SIX_HOURS', Status: 'ENABLED' });
    expect(typeof detector.UpdatedAt).toBe('string'); // GuardDuty timestamps are strings
    await east.send(
      new UpdateDetectorCommand({ DetectorId: DetectorIds![0], FindingPublishingFrequency: 'FIFTEEN_MINUTES' }),
    );
    const after = await east.send(new GetDetectorCommand({ DetectorId: DetectorIds![0] }));
    expect(after).toMatchObject({ FindingPublishingFrequency: 'FIFTEEN_MINUTES', UpdatedAt: NOW.toISOString() });
    const west = await awsClient(GuardDutyClient, 'us-west-2').send(new ListDetectorsCommand({}));
    expect(west.DetectorIds).toEqual(['7e3f0a9b1c2d4e5f60718293a4b5c6d7']);
    expect(account().calls.map((c) => c.operation)).toEqual([
      'ListDetectors',
      'GetDetector',
      'UpdateDetector',
      'GetDetector',
      'ListDetectors',
    ]);
  });

  it('answers an unknown detector or frequency with BadRequestException', async () => {
    const gd = awsClient(GuardDutyClient, 'us-east-1');
    expect((await errorOf(gd.send(new GetDetectorCommand({ DetectorId: '0'.repeat(32) })))).name).toBe(
      'BadRequestException',
    );
    const bad = gd.send(
      new UpdateDetectorCommand({
        DetectorId: '12abc34d567e8fa901bc2d34e56789f0',
        FindingPublishingFrequency: 'HOURLY' as never,
      }),
    );
    expect((await errorOf(bad)).name).toBe('BadRequestException');
  });
});

describe('Config', () => {
  const account = useSandbox();
  const config = () => awsClient(ConfigServiceClient, 'us-east-1');

  it('pages DescribeConfigRules 25 at a time, every rule once', async () => {
    const rules = account().state.regions['us-east-1'].config.rules;
    for (let i = 0; i < 30; i++)
      rules.push({ ...structuredClone(rules[0]), rule: { ...rules[0].rule, ConfigRuleName: `extra-${i}` } });
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await config().send(new DescribeConfigRulesCommand({ NextToken: token }));
      expect(page.ConfigRules!.length).toBeLessThanOrEqual(25);
      names.push(...page.ConfigRules!.map((r) => r.ConfigRuleName!));
      token = page.NextToken;
    } while (token);
    expect(names).toHaveLength(40);
    expect(new Set(names).size).toBe(40);
  });

  it('filters compliance by type and rejects unknown rules', async () => {
    const out = await config().send(new DescribeComplianceByConfigRuleCommand({ ComplianceTypes: ['NON_COMPLIANT'] }));
    expect(out.ComplianceByConfigRules!.map((c) => c.ConfigRuleName).sort()).toEqual([
      'access-keys-rotated',
      'ec2-volume-inuse-check',
      'eip-attached',
      'encrypted-volumes',
      'iam-user-unused-credentials-check',
    ]);
    expect(out.ComplianceByConfigRules![0].Compliance!.ComplianceContributorCount!.CappedCount).toBeGreaterThan(0);
    const error = await errorOf(
      config().send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['no-such-rule'] })),
    );
    expect(error).toBeInstanceOf(NoSuchConfigRuleException);
  });

  it('an evaluation shows in progress on the next status read, then completed', async () => {
    await config().send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['encrypted-volumes'] }));
    const status = async () =>
      (await config().send(new DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['encrypted-volumes'] })))
        .ConfigRulesEvaluationStatus![0];
    const running = await status();
    expect(running.LastSuccessfulInvocationTime).toEqual(NOW);
    expect(running.LastSuccessfulEvaluationTime!.getTime()).toBeLessThan(NOW.getTime());
    expect((await status()).LastSuccessfulEvaluationTime).toEqual(NOW);
    const tooMany = Array.from({ length: 26 }, (_, i) => `r${i}`);
    expect(
      (await errorOf(config().send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: tooMany })))).name,
    ).toBe('ValidationException');
  });
});

describe('SNS, EventBridge, SSM, Secrets Manager, STS', () => {
  const account = useSandbox();

  it('SNS publishes to known topics only and keeps the messages', async () => {
    const sns = awsClient(SNSClient, 'us-east-1');
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:idp-autopilot-dev-notifications';
    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn: topicArn, Subject: 'Cleanup done', Message: 'ok' }),
    );
    expect(account().state.regions['us-east-1'].sns.messages).toEqual([
      { MessageId, TopicArn: topicArn, Subject: 'Cleanup done', Message: 'ok', Timestamp: NOW.toISOString() },
    ]);
    const missing = await errorOf(sns.send(new PublishCommand({ TopicArn: `${topicArn}-nope`, Message: 'x' })));
    expect(missing.name).toBe('NotFoundException');
    expect((await errorOf(sns.send(new PublishCommand({ TopicArn: topicArn, Message: '' })))).name).toBe(
      'InvalidParameterException',
    );
    const topics = await sns.send(new ListTopicsCommand({}));
    expect(topics.Topics).toHaveLength(3);
  });

  it('EventBridge PutEvents keeps accepted events as the audit trail and fails bad entries alone', async () => {
    const events = awsClient(EventBridgeClient, 'us-east-1');
    const out = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'idp.autopilot',
            DetailType: 'Autopilot Action',
            Detail: JSON.stringify({ action: 'DeleteVolume' }),
          },
          { Source: 'idp.autopilot', DetailType: 'Autopilot Action', Detail: 'not json' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries![0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries![1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(account().events({ source: 'idp.autopilot' })).toEqual([
      expect.objectContaining({
        EventId: out.Entries![0].EventId,
        Region: 'us-east-1',
        EventBusName: 'default',
        detail: { action: 'DeleteVolume' },
      }),
    ]);
  });

  it('SSM returns SecureStrings decrypted only WithDecryption and answers unknown names with ParameterNotFound', async () => {
    const ssm = awsClient(SSMClient, 'us-east-1');
    const name = '/idp-autopilot/slack-webhook-url';
    const plain = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    expect(plain.Parameter).toMatchObject({
      Type: 'SecureString',
      Value: 'https://hooks.slack.com/services/TSANDBOX/BSANDBOX/sandbox',
    });
    expect(plain.Parameter!.LastModifiedDate).toBeInstanceOf(Date);
    const cipher = await ssm.send(new GetParameterCommand({ Name: name }));
    expect(cipher.Parameter!.Value).not.toContain('hooks.slack.com');
    const error = await errorOf(ssm.send(new GetParameterCommand({ Name: '/idp-autopilot/missing' })));
    expect(error.name).toBe('ParameterNotFound');
    expect(error).toBeInstanceOf(ParameterNotFound);
    const both = await ssm.send(
      new GetParametersCommand({
        Names: [name, '/idp-autopilot/pagerduty-routing-key', '/nope'],
        WithDecryption: true,
      }),
    );
    expect(both.Parameters).toHaveLength(2);
    expect(both.InvalidParameters).toEqual(['/nope']);
  });

  it('Secrets Manager keeps versions with AWSCURRENT/AWSPREVIOUS', async () => {
    const sm = awsClient(SecretsManagerClient, 'us-east-1');
    const created = await sm.send(new CreateSecretCommand({ Name: 'idp/test', SecretString: 'v1' }));
    const put = await sm.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretString: 'v2' }));
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'idp/test' }))).SecretString).toBe('v2');
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'idp/test', VersionStage: 'AWSPREVIOUS' }));
    expect(previous).toMatchObject({ SecretString: 'v1', VersionId: created.VersionId });
    expect(previous.CreatedDate).toBeInstanceOf(Date);
    const missing = await errorOf(sm.send(new GetSecretValueCommand({ SecretId: 'idp/none' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((await errorOf(sm.send(new CreateSecretCommand({ Name: 'idp/test', SecretString: 'x' })))).name).toBe(
      'ResourceExistsException',
    );
  });

  it('STS names the sandbox account', async () => {
    const id = await awsClient(STSClient, 'us-east-1').send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe('123456789012');
    expect(id.Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\//);
  });
});

// Shared arrangements for the traffic-shift tests: the services ALB of the seed (sandbox/seed/estate/
// elbv2-services.yaml), runs on a fresh sandbox account, and reading back what a run left: the rule's weights, the
// listener's rules, the locks, the run record and the report.
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { type RunOptions, runPlaybook } from '../../cli/runner.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { readBack } from '../support/sandbox.ts';

export type Loose = Record<string, any>;

export const BUCKET = 'idp-autopilot-dev-reports-123456789012';
const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
export const LISTENER = `${PREFIX}:listener/app/idp-services-alb/6a7b8c9d0e1f2a3b/2c3d4e5f6a7b8c9d`;
export const LOAD_BALANCER = 'app/idp-services-alb/6a7b8c9d0e1f2a3b';
export const AUTH = {
  ruleArn: `${PREFIX}:listener-rule/app/idp-services-alb/6a7b8c9d0e1f2a3b/2c3d4e5f6a7b8c9d/a1b2c3d4e5f60718`,
  blueTargetGroupArn: `${PREFIX}:targetgroup/idp-auth-blue/3c4d5e6f7a8b9c0d`,
  greenTargetGroupArn: `${PREFIX}:targetgroup/idp-auth-green/4d5e6f7a8b9c0d1e`,
};
export const DOCS = {
  ruleArn: `${PREFIX}:listener-rule/app/idp-services-alb/6a7b8c9d0e1f2a3b/2c3d4e5f6a7b8c9d/b2c3d4e5f6071829`,
  blueTargetGroupArn: `${PREFIX}:targetgroup/idp-docs-blue/5e6f7a8b9c0d1e2f`,
  greenTargetGroupArn: `${PREFIX}:targetgroup/idp-docs-green/6f7a8b9c0d1e2f3a`,
};
export const SEARCH = {
  ruleArn: `${PREFIX}:listener-rule/app/idp-services-alb/6a7b8c9d0e1f2a3b/2c3d4e5f6a7b8c9d/c3d4e5f60718293a`,
  blueTargetGroupArn: `${PREFIX}:targetgroup/idp-search-blue/7a8b9c0d1e2f3a4b`,
  greenTargetGroupArn: `${PREFIX}:targetgroup/idp-search-green/8b9c0d1e2f3a4b5c`,
};

export const shift = (account: SandboxAccount, input: object, options: Partial<RunOptions> = {}) =>
  runPlaybook({ playbook: 'traffic-shift', input, account, skipWaits: true, ...options });

/** The weights of a rule's forward action, by target group name. */
export async function weightsOf(account: SandboxAccount, ruleArn: string): Promise<Record<string, number>> {
  return readBack(account, async () => {
    const described = await awsClient(ElasticLoadBalancingV2Client, 'us-east-1').send(
      new DescribeRulesCommand({ RuleArns: [ruleArn] }),
    );
    const groups = described.Rules?.[0]?.Actions?.find((a) => a.Type === 'forward')?.ForwardConfig?.TargetGroups ?? [];
    return Object.fromEntries(groups.map((g) => [g.TargetGroupArn!.split('/')[1], g.Weight!]));
  });
}

/** The listener's rules that carry an http-header condition (a canary's header rule). */
export async function headerRules(account: SandboxAccount) {
  return readBack(account, async () => {
    const described = await awsClient(ElasticLoadBalancingV2Client, 'us-east-1').send(
      new DescribeRulesCommand({ ListenerArn: LISTENER }),
    );
    return (described.Rules ?? []).filter((rule) => rule.Conditions?.some((c) => c.Field === 'http-header'));
  });
}

async function keysUnder(account: SandboxAccount, prefix: string): Promise<string[]> {
  return readBack(account, async () => {
    const listed = await awsClient(S3Client, 'us-east-1').send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }),
    );
    return (listed.Contents ?? []).map((object) => object.Key!);
  });
}

export const lockKeys = (account: SandboxAccount) => keysUnder(account, 'locks/');

export async function readJson(account: SandboxAccount, key: string): Promise<Loose> {
  return readBack(account, async () => {
    const object = await awsClient(S3Client, 'us-east-1').send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return JSON.parse(await object.Body!.transformToString());
  });
}

/** The JSON report of the last traffic-shift run. */
export async function lastReport(account: SandboxAccount): Promise<Loose> {
  const keys = (await keysUnder(account, 'reports/traffic-shift/')).filter((key) => key.endsWith('.json')).sort();
  return readJson(account, keys.at(-1)!);
}

export const snsMessages = (account: SandboxAccount) =>
  account.callsTo('SNS', 'Publish').map((call) => call.input as { Subject: string; Message: string });

/** A target group's state record (to arrange target health or metrics). */
export const targetGroupNamed = (account: SandboxAccount, name: string) =>
  account.region('us-east-1').elbv2.targetGroups.find((group) => group.TargetGroupName === name)!;

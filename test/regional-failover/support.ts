// Shared arrangements of the regional-failover tests: runs on a sandbox account, topology variants, what was sent.
import { runPlaybook } from '../../cli/runner.ts';
import { type Config, loadStageConfig } from '../../functions/playbooks.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';

export const SECONDARY_ARN = 'arn:aws:rds:us-west-2:123456789012:cluster:idp-aurora-secondary';
export const WEST_ALB = 'idp-prod-alb-2390584411.us-west-2.elb.amazonaws.com';

export interface RunOptions {
  approval?: 'approve' | 'reject';
  config?: Config;
  region?: string;
}

export const run = (account: SandboxAccount, input: object, options: RunOptions = {}) =>
  runPlaybook({ playbook: 'regional-failover', input, account, skipWaits: true, ...options });

/** The dev config with the regional-failover block changed. */
export function configWith(change: (block: Record<string, unknown>) => void): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  change(config.playbooks.regionalFailover as unknown as Record<string, unknown>);
  return config;
}

export const messages = (account: SandboxAccount, region = 'us-east-1') =>
  account.state.regions[region].sns.messages.map((m) => ({ subject: m.Subject ?? '', text: m.Message }));

/** The lag the secondary's metric reports from now on (ms). */
export function lagOf(account: SandboxAccount, ms: number): void {
  const metric = account.state.regions['us-west-2'].cloudwatch.metrics.find(
    (m) => m.MetricName === 'AuroraGlobalDBReplicationLag',
  )!;
  metric.spike = { value: ms, sinceMinutesAgo: 30 };
  metric.jitter = 0;
}

export const apiRecord = (account: SandboxAccount) =>
  account.state.global.route53.hostedZones[0].records.find((r) => r.Name === 'api.idp.example.com.');

export const writerOf = (account: SandboxAccount) =>
  Object.values(account.state.regions)
    .flatMap((region) => region.rds.clusters)
    .find((c) => c.GlobalClusterIdentifier === 'idp-aurora-global' && c.Role === 'primary')?.DBClusterIdentifier;

/** Calls that change something in the estate (not reads, notifications, reports, audit or the failover lock). */
export const changes = (account: SandboxAccount) =>
  account.calls
    .filter((c) => !/^(Describe|List|Get|Head)/.test(c.operation))
    .filter((c) => !['Publish', 'PutEvents', 'PutObject', 'PostWebhook', 'Enqueue', 'GET'].includes(c.operation))
    .filter((c) => !String((c.input as { Key?: string }).Key ?? '').startsWith('locks/'))
    .map((c) => `${c.service}:${c.operation}`);

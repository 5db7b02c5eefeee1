// Shared arrangements for the revoke-/restore-credentials tests: the sample events, runs on a sandbox account,
// and reading back what a run left (IAM state, reports, messages).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPlaybook } from '../../cli/runner.ts';
import { type Config, loadStageConfig } from '../../functions/playbooks.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import type { UserWithPolicies } from '../../sandbox/services/iam/common.ts';

export const REPORTS_BUCKET = 'idp-autopilot-dev-reports-123456789012';
export const DENY_POLICY = 'idp-autopilot-deny-all';

export type Event = Record<string, any>;

export function sampleEvent(name: string): Event {
  return JSON.parse(readFileSync(join(projectRoot, 'events/guardduty', `${name}.json`), 'utf8'));
}

export interface RunExtra {
  dryRun?: boolean;
  config?: Config;
}

export const run = (account: SandboxAccount, playbook: string, input: object, extra: RunExtra = {}) =>
  runPlaybook({ playbook, input, account, skipWaits: true, ...extra });

export const revoke = (account: SandboxAccount, input: object, extra: RunExtra = {}) =>
  run(account, 'revoke-credentials', input, extra);

export const restore = (account: SandboxAccount, input: object, extra: RunExtra = {}) =>
  run(account, 'restore-credentials', input, extra);

/** The dev stage with dry runs' notices sent to SNS (notifications.dryRuns): what a dry run would say is readable. */
export function dryRunsToSns(): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  config.notifications.dryRuns = true;
  return config;
}

export function user(account: SandboxAccount, userName: string): UserWithPolicies {
  const found = account.state.global.iam.users.find((candidate) => candidate.UserName === userName);
  if (!found) throw new Error(`no user ${userName} in the seed`);
  return found;
}

export function keyStatuses(account: SandboxAccount, userName: string): Record<string, string> {
  return Object.fromEntries(user(account, userName).accessKeys.map((key) => [key.AccessKeyId, key.Status as string]));
}

export function roleInlinePolicies(account: SandboxAccount, roleName: string): Record<string, string> {
  const role = account.state.global.iam.roles.find((candidate) => candidate.RoleName === roleName) as
    | { inlinePolicies?: Record<string, string> }
    | undefined;
  return role?.inlinePolicies ?? {};
}

/** Subjects and texts of the SNS messages sent so far. */
export function messages(account: SandboxAccount): { subject: string; text: string }[] {
  return account.callsTo('SNS', 'Publish').map((call) => {
    const input = call.input as { Subject: string; Message: string };
    return { subject: input.Subject, text: input.Message };
  });
}

/** The JSON reports a playbook wrote, oldest first. */
export function reports(account: SandboxAccount, playbook: string): Event[] {
  const objects = account.state.global.s3.buckets[REPORTS_BUCKET]?.objects ?? {};
  return Object.values(objects)
    .filter((object) => object.Key.startsWith(`reports/${playbook}/`) && object.Key.endsWith('.json'))
    .sort((a, b) => a.LastModified.localeCompare(b.LastModified) || a.Key.localeCompare(b.Key))
    .map((object) => JSON.parse(Buffer.from(object.BodyBase64, 'base64').toString('utf8')));
}

export function auditRecords(account: SandboxAccount): { action: string; outcome: string; detail?: Event }[] {
  return account
    .events({ source: 'idp.autopilot' })
    .map((event) => event.detail as { action: string; outcome: string });
}

/** Names of the states entered, and AWS calls made, in order ("state:Wait grace period", "call:IAM.DeleteAccessKey"). */
export function timeline(result: Awaited<ReturnType<typeof runPlaybook>>): string[] {
  return result.trace.flatMap((entry) => {
    if (entry.kind === 'state' && entry.event === 'entered') return [`state:${entry.state}`];
    if (entry.kind === 'call') return [`call:${entry.service}.${entry.operation}`];
    return [];
  });
}

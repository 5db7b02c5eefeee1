// Shared arrangements for the incident-alert tests: the sample alarm events, runs on a sandbox account with the
// clock fixed where the events happened, and what a run sent (SNS messages, PagerDuty events, reports).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { vi } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

export type Loose = Record<string, any>;

export const ALARM_ARN = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:idp-prod-api-5xx';
export const ALARM_FILE = '01-idp-prod-api-5xx-alarm';
export const OK_FILE = '02-idp-prod-api-5xx-ok';
export const OTHER_FILE = '03-other-team-alarm-not-idp';
/** The OK sample's transition; the seed puts the ALARM 25 minutes before the sandbox's "now". */
export const OK_AT = '2026-11-26T09:00:00.210Z';
export const ALARM_AT = '2026-11-26T08:35:00.115Z';

export function sampleEvent(name: string): Loose {
  return JSON.parse(readFileSync(join(projectRoot, 'events/cloudwatch', `${name}.json`), 'utf8'));
}

/** A fresh account seeded at `at` (the process clock is fixed there, shared by sandbox and handlers). */
export function accountAt(at: string, options: Parameters<typeof freshAccount>[0] = {}): SandboxAccount {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  return freshAccount(options);
}

export const run = (account: SandboxAccount, input: object, dryRun = false) =>
  runPlaybook({ playbook: 'incident-alert', input, account, skipWaits: true, dryRun });

export function snsMessages(account: SandboxAccount): { Subject: string; Message: string }[] {
  return account.callsTo('SNS', 'Publish').map((call) => call.input as { Subject: string; Message: string });
}

export function pagerDutyEvents(account: SandboxAccount): Loose[] {
  return account.callsTo('PagerDuty').map((call) => call.input as Loose);
}

export async function reportKeys(account: SandboxAccount): Promise<string[]> {
  return readBack(account, async () => {
    const listed = await awsClient(S3Client, 'us-east-1').send(
      new ListObjectsV2Command({ Bucket: 'idp-autopilot-dev-reports-123456789012', Prefix: 'reports/incident-alert/' }),
    );
    return (listed.Contents ?? []).map((object) => object.Key!);
  });
}

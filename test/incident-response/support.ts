// Shared arrangements for the incident-response tests: the sample alarm events, runs on a sandbox account with the
// clock fixed where the events happened, and what a run left behind (messages by template, PagerDuty events, the
// incident record, the open-incident index, reports).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { vi } from 'vitest';
import { type RunOptions, runPlaybook } from '../../cli/runner.ts';
import type { IncidentRecord } from '../../functions/incident-response/model/record.ts';
import { type Config, loadStageConfig } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

export type Loose = Record<string, any>;

export const BUCKET = 'idp-autopilot-dev-reports-123456789012';
export const ALARM = '01-idp-prod-api-5xx-alarm';
export const REPEAT = '02-idp-prod-api-5xx-alarm-repeat';
export const OK = '03-idp-prod-api-5xx-ok';
export const OTHER = '04-other-team-alarm-not-idp';
export const COMPOSITE = '05-idp-prod-platform-down-composite-alarm';
export const MATH = '06-idp-high-error-rate-math-alarm';
export const CPU_ALARM = '07-idp-api-cpu-high-alarm';
export const CPU_OK = '08-idp-api-cpu-high-ok';
export const CPU_FLAP = '09-idp-api-cpu-high-alarm-flap';
export const MEMORY_ALARM = '10-idp-api-memory-high-alarm';
export const MEMORY_INSUFFICIENT = '11-idp-api-memory-high-insufficient-data';
export const MEMORY_OK = '12-idp-api-memory-high-ok-after-insufficient-data';
/** When the 5xx sample's ALARM happened (the seed puts its spike at "now"). */
export const ALARM_AT = '2026-11-26T08:35:00.115Z';

export function sampleEvent(name: string): Loose {
  return JSON.parse(readFileSync(join(projectRoot, 'events/cloudwatch', `${name}.json`), 'utf8'));
}

export function auditEvent(): Loose {
  return JSON.parse(readFileSync(join(projectRoot, 'events/autopilot/01-contain-instance-detach-action.json'), 'utf8'));
}

/** A fresh account seeded at `at` (the process clock is fixed there, shared by sandbox and handlers). */
export function accountAt(at: string, options: Parameters<typeof freshAccount>[0] = {}): SandboxAccount {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  return freshAccount(options);
}

/** The dev config with `change` applied to incident-response's block (mitigations, war room, cadence...). */
export function devConfig(change: (block: Loose) => void = () => {}): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  change(config.playbooks.incidentResponse as Loose);
  return config;
}

let executions = 0;

/** One execution (each with its own name: the fixed test clock would give two runs the same one). */
export const run = (
  account: SandboxAccount,
  input: object,
  options: Partial<Pick<RunOptions, 'approval' | 'config' | 'dryRun'>> = {},
) => {
  executions += 1;
  const executionName = `incident-response-test-${executions}`;
  return runPlaybook({ playbook: 'incident-response', input, account, skipWaits: true, executionName, ...options });
};

export interface Sent {
  Subject: string;
  Message: string;
}

export function snsMessages(account: SandboxAccount, heading?: string): Sent[] {
  return account
    .callsTo('SNS', 'Publish')
    .map((call) => call.input as Sent)
    .filter((message) => !heading || message.Message.startsWith(heading));
}

export const alerts = (account: SandboxAccount) => snsMessages(account, '🚨 SERVICE DISRUPTION ALERT');
export const updates = (account: SandboxAccount) => snsMessages(account, '📊 SERVICE DISRUPTION UPDATE');
export const restores = (account: SandboxAccount) => snsMessages(account, '✅ SERVICE RESTORED');

export function pagerDutyEvents(account: SandboxAccount): Loose[] {
  return account.callsTo('PagerDuty').map((call) => call.input as Loose);
}

async function readJson<T>(account: SandboxAccount, key: string): Promise<T | undefined> {
  return readBack(account, async () => {
    try {
      const object = await awsClient(S3Client, 'us-east-1').send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return JSON.parse(await object.Body!.transformToString()) as T;
    } catch {
      return undefined;
    }
  });
}

export const record = async (account: SandboxAccount, id: string) =>
  (await readJson<IncidentRecord>(account, `incidents/records/${id}.json`))!;

export const openIndexEntry = (account: SandboxAccount, id: string) =>
  readJson<Loose>(account, `incidents/open/${id}.json`);

export async function text(account: SandboxAccount, key: string): Promise<string> {
  return readBack(account, async () => {
    const object = await awsClient(S3Client, 'us-east-1').send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return object.Body!.transformToString();
  });
}

export async function keysUnder(account: SandboxAccount, prefix: string): Promise<string[]> {
  return readBack(account, async () => {
    const listed = await awsClient(S3Client, 'us-east-1').send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }),
    );
    return (listed.Contents ?? []).map((object) => object.Key!);
  });
}

/** The timeline kinds of an incident, in order. */
export const kinds = (incident: IncidentRecord) => incident.timeline.map((entry) => entry.kind);

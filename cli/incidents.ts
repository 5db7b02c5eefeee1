// `autopilot ack INC-…` (acknowledge an incident: runs incident-response with {"acknowledge", "by"}, as the console
// would) and `autopilot incidents` (open and recent incidents: severity, age, acknowledged by, next update due),
// on the sandbox account (default) or live.
import { userInfo } from 'node:os';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { INCIDENT_ID } from '../functions/incident-response/intake/input.ts';
import { formatDuration } from '../functions/incident-response/model/clock.ts';
import { type IncidentRecord, RECORDS_PREFIX } from '../functions/incident-response/model/record.ts';
import { nextDue } from '../functions/incident-response/model/schedule.ts';
import { awsClient } from '../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../sandbox/account.ts';
import { installSandbox } from '../sandbox/intercept.ts';
import { withSandboxLock } from '../sandbox/lock.ts';
import { loadAccount, saveAccount } from '../sandbox/store.ts';
import { SERVICE } from '../serverless/service.ts';
import { lockWaitMs, OUT_DIR, SANDBOX_FILE } from './commands.ts';
import { type CliOptions, UsageError } from './options.ts';
import { summarizeRun } from './print.ts';
import { loadPlaybooks, runPlaybook } from './runner.ts';
import { formatTraceEntry } from './trace.ts';

type Write = (line: string) => void;

/** Incidents resolved longer ago than this are not "recent". */
const RECENT_DAYS = 7;

async function onTarget<T>(options: CliOptions, work: (account?: SandboxAccount) => Promise<T>, save: boolean) {
  if (options.live) return work(undefined);
  // Locked from load to save like every sandbox run, so a concurrent run neither loses this one's change nor is lost.
  return withSandboxLock(
    SANDBOX_FILE,
    async (assertHeld) => {
      const account = loadAccount(SANDBOX_FILE, { outDir: OUT_DIR, latencyMs: options.latencyMs, retryDelays: 'none' });
      // A refusal (thrown before anything ran) leaves the sandbox file as it was.
      const result = await work(account);
      if (save) {
        assertHeld();
        saveAccount(account, SANDBOX_FILE);
      }
      return result;
    },
    { waitMs: lockWaitMs() },
  );
}

/** The stage's reports bucket in the target account (the sandbox's, or the caller's live). */
async function reportsBucket(stage: string, home: string, account?: SandboxAccount): Promise<string> {
  const accountId =
    account?.accountId ?? (await awsClient(STSClient, home).send(new GetCallerIdentityCommand({}))).Account!;
  return `${SERVICE}-${stage}-reports-${accountId}`;
}

/** Whether the incident's record exists (HeadObject on incidents/records/<id>.json; 404 = no such incident). */
async function incidentExists(bucket: string, home: string, id: string): Promise<boolean> {
  try {
    await awsClient(S3Client, home).send(new HeadObjectCommand({ Bucket: bucket, Key: `${RECORDS_PREFIX}${id}.json` }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return false;
    throw error;
  }
}

/** `autopilot ack INC-YYYYMMDD-NNN [--by NAME]`: acknowledges the incident (escalation stops, updates go on). */
export async function ackCommand(options: CliOptions, write: Write): Promise<number> {
  const [id] = options.args;
  if (!id || !INCIDENT_ID.test(id)) throw new UsageError('ack: name an incident, e.g. autopilot ack INC-20261126-001');
  const by = options.by ?? userInfo().username;
  if (!by.trim()) throw new UsageError('--by: name who acknowledges, e.g. --by alice');
  const { config, stage } = loadPlaybooks(options);
  const home = options.region ?? config.regions[0];
  return onTarget(
    options,
    async (account) => {
      const uninstall = account ? installSandbox(account) : undefined;
      try {
        const bucket = await reportsBucket(stage, home, account);
        if (!(await incidentExists(bucket, home, id)))
          throw new UsageError(`ack: no incident ${id} in ${bucket} (autopilot incidents lists them)`);
      } finally {
        uninstall?.();
      }
      const result = await runPlaybook({
        playbook: 'incident-response',
        input: { acknowledge: id, by, ...(options.dryRun ? { dryRun: true } : {}) },
        stage: options.stage,
        configFile: options.configFile,
        region: options.region,
        account,
        live: options.live,
        skipWaits: true,
        onTrace: options.json || options.quiet ? undefined : (entry) => write(formatTraceEntry(entry)),
      });
      if (options.json) write(JSON.stringify({ status: result.status, output: result.output, error: result.error }));
      else for (const line of summarizeRun(result)) write(line);
      return result.status === 'SUCCEEDED' ? 0 : 1;
    },
    true,
  );
}

/** One row of `autopilot incidents`. */
export interface IncidentRow {
  id: string;
  severity: string;
  status: string;
  alarm: string;
  age: string;
  acknowledgedBy: string;
  nextUpdate: string;
}

/** Open incidents first (oldest first), then those resolved within RECENT_DAYS (newest first). */
export function incidentRows(records: IncidentRecord[], now: Date): IncidentRow[] {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const open = records.filter((r) => r.status === 'open').sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const recent = records
    .filter((r) => r.status === 'resolved' && (r.resolvedAt ?? '') >= since)
    .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  return [...open, ...recent].map((r) => ({
    id: r.id,
    severity: r.severity,
    status: r.status === 'open' ? `open (${r.alarmState})` : 'resolved',
    alarm: `${r.source.alarmName} (${r.source.region})`,
    age:
      r.status === 'open'
        ? formatDuration(r.firstOpenedAt, now.toISOString())
        : `${formatDuration(r.firstOpenedAt, r.restoredAt ?? r.resolvedAt ?? r.openedAt)} (resolved)`,
    acknowledgedBy: r.acknowledged?.by ?? (r.status === 'open' ? '-' : 'nobody'),
    nextUpdate: r.status === 'open' ? nextDue(r.schedule) : '-',
  }));
}

async function readRecords(bucket: string, region: string): Promise<IncidentRecord[]> {
  const s3 = awsClient(S3Client, region);
  const records: IncidentRecord[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: RECORDS_PREFIX, ContinuationToken }));
    for (const object of page.Contents ?? []) {
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key! }));
      records.push(JSON.parse((await body.Body?.transformToString()) ?? '{}') as IncidentRecord);
    }
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return records;
}

/** `autopilot incidents [--json]`: open and recent incidents from the records in the reports bucket. */
export async function incidentsCommand(options: CliOptions, write: Write): Promise<number> {
  const { config, stage } = loadPlaybooks(options);
  const home = options.region ?? config.regions[0];
  return onTarget(
    options,
    async (account) => {
      const uninstall = account ? installSandbox(account) : undefined;
      try {
        const rows = incidentRows(
          await readRecords(await reportsBucket(stage, home, account), home),
          account?.now() ?? new Date(),
        );
        if (options.json) write(JSON.stringify(rows, null, 2));
        else if (!rows.length) write(`no open incidents, none resolved in the last ${RECENT_DAYS} days`);
        else {
          const head = ['incident', 'sev', 'status', 'alarm', 'age', 'acknowledged by', 'next update due'];
          const table = [
            head,
            ...rows.map((r) => [r.id, r.severity, r.status, r.alarm, r.age, r.acknowledgedBy, r.nextUpdate]),
          ];
          const widths = head.map((_, column) => Math.max(...table.map((row) => row[column].length)));
          for (const row of table)
            write(
              row
                .map((cell, column) => cell.padEnd(widths[column]))
                .join('  ')
                .trimEnd(),
            );
        }
        return 0;
      } finally {
        uninstall?.();
      }
    },
    false,
  );
}

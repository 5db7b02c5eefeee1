import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount, SandboxOptions } from '../../sandbox/account.ts';
import { homeOnlyConfig } from '../support/accounts.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const BUCKET = 'idp-autopilot-dev-reports-123456789012';
const EC2 = 'Amazon Elastic Compute Cloud - Compute';

/** A sandbox seeded at `now` (60 days of history up to the day before, the EC2 spike over its last 4 days). */
function accountAt(now: string, options: SandboxOptions = {}): SandboxAccount {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(now));
  return freshAccount(options);
}
afterEach(() => vi.useRealTimers());

const s3 = () => awsClient(S3Client, 'us-east-1');

async function reportFiles(account: SandboxAccount): Promise<Record<string, string>> {
  return readBack(account, async () => {
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/cost-report/' }));
    const files: Record<string, string> = {};
    for (const { Key } of listed.Contents ?? []) {
      const object = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key }));
      files[Key!] = await object.Body!.transformToString();
    }
    return files;
  });
}

async function reportJson(account: SandboxAccount) {
  const files = await reportFiles(account);
  const key = Object.keys(files).find((name) => name.endsWith('.json'));
  return JSON.parse(files[key!]);
}

const messages = (account: SandboxAccount) =>
  Object.values(account.state.regions).flatMap((region) => region.sns.messages);

describe('cost-report on the sandbox', () => {
  it('writes the HTML, CSV and JSON report to the bucket and sends a summary linking to it', async () => {
    const account = accountAt('2026-11-18T07:00:00Z');
    const config = loadStageConfig({ stage: 'dev' });
    config.playbooks.costReport.monthlyBudgetUsd = 50_000;

    const result = await runPlaybook({ playbook: 'cost-report', input: {}, account, config, skipWaits: true });

    expect(result.status).toBe('SUCCEEDED');
    const files = await reportFiles(account);
    const keys = Object.keys(files).sort();
    expect(keys.map((key) => key.replace(/[^/]+\.(\w+)$/, '*.$1'))).toEqual([
      'reports/cost-report/2026-11-18/*.csv',
      'reports/cost-report/2026-11-18/*.html',
      'reports/cost-report/2026-11-18/*.json',
    ]);
    expect(files[keys[1]]).toContain('<svg');
    expect(files[keys[0]].split('\n')[0]).toBe('date,service,record_type,amount_usd,estimated,provisional');
    const report = JSON.parse(files[keys[2]]);
    expect(report.plan.period).toEqual({ start: '2026-11-01', end: '2026-11-18' });
    const [message] = messages(account);
    expect(message.Subject).toMatch(
      /^\[SEV4\] AWS spend November 2026 to date: [\d,]+ USD, projected [\d,]+ USD \(budget 50,000 USD\)$/,
    );
    expect(message.Message).toContain(encodeURIComponent(keys[1]));
  });

  it('shows the spike as the top mover and as an anomaly, and counts the Cost Explorer requests it paid for', async () => {
    const account = accountAt('2026-11-18T07:00:00Z');

    await runPlaybook({ playbook: 'cost-report', input: {}, account, skipWaits: true });

    const report = await reportJson(account);
    expect(report.movers.sameDaysLastMonth[0]).toMatchObject({ service: EC2 });
    expect(report.movers.sameDaysLastMonth[0].change).toBeGreaterThan(500);
    expect(report.anomalies.items[0]).toMatchObject({ service: EC2, start: '2026-11-14', end: '2026-11-17' });
    const ceCalls = account.callsTo('CostExplorer');
    expect(ceCalls.every((call) => call.region === 'us-east-1')).toBe(true);
    expect(report.costExplorer).toEqual({ requests: ceCalls.length, costUsd: ceCalls.length / 100, atLeast: false });
    expect(account.callsTo('CostExplorer', 'GetCostForecast')).toHaveLength(1);
    expect(account.callsTo('CostExplorer', 'GetAnomalies')).toHaveLength(1);
  });

  it('sends a budget alert when the projected month exceeds the budget', async () => {
    const account = accountAt('2026-11-18T07:00:00Z');
    const config = loadStageConfig({ stage: 'dev' });
    config.playbooks.costReport.monthlyBudgetUsd = 10_000;

    const result = await runPlaybook({ playbook: 'cost-report', input: {}, account, config, skipWaits: true });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportJson(account);
    expect(report.budget).toMatchObject({ budgetUsd: 10_000, exceeded: true });
    const [message] = messages(account);
    expect(message.Message).toContain('🚨 SERVICE DISRUPTION ALERT [SEV3]');
    expect(message.Subject).toMatch(
      /^\[SEV3\] Budget alert: November 2026 projected at [\d,]+ USD, over the 10,000 USD budget$/,
    );
    expect(account.callsTo('PagerDuty')).toEqual([]);
  });

  it('reports the whole previous month on the 1st and asks for no forecast', async () => {
    const account = accountAt('2026-12-01T07:00:00Z');

    const result = await runPlaybook({ playbook: 'cost-report', input: {}, account, skipWaits: true });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportJson(account);
    expect(report.plan).toMatchObject({
      month: '2026-11',
      complete: true,
      period: { start: '2026-11-01', end: '2026-12-01' },
    });
    expect(report.days).toHaveLength(30);
    expect(report.forecast).toMatchObject({ status: 'skipped' });
    expect(report.projection.projectedUsd).toBe(report.totals.spend);
    expect(account.callsTo('CostExplorer', 'GetCostForecast')).toEqual([]);
    // The spend query (the dev stage's spend-by-account query runs beside it).
    const usage = account
      .callsTo('CostExplorer', 'GetCostAndUsage')
      .find((call) => JSON.stringify(call.input).includes('"SERVICE"'))!;
    expect(usage.input).toMatchObject({ TimePeriod: { Start: '2026-10-01', End: '2026-12-01' } });
  });

  it('says what a finished month came to, never "projected", when it went over the budget', async () => {
    const account = accountAt('2026-12-01T07:00:00Z');
    const lowBudget = structuredClone(loadStageConfig({ stage: 'dev' }));
    lowBudget.playbooks.costReport.monthlyBudgetUsd = 1000;

    const result = await runPlaybook({
      playbook: 'cost-report',
      input: {},
      account,
      skipWaits: true,
      config: lowBudget,
    });

    expect(result.status).toBe('SUCCEEDED');
    const [alert] = account.callsTo('SNS', 'Publish').map((call) => (call.input as { Subject: string }).Subject);
    expect(alert).toMatch(/Budget alert: November 2026 came to [\d,]+ USD, over the 1,000 USD budget/);
    const files = await reportFiles(account);
    const html = files[Object.keys(files).find((name) => name.endsWith('.html'))!];
    expect(html).toContain('Budget alert:');
    expect(html).not.toContain('is projected at');
  });

  it('still writes a report that names the Cost Explorer error when GetCostAndUsage fails', async () => {
    const account = accountAt('2026-11-18T07:00:00Z', {
      faults: [
        {
          service: 'CostExplorer',
          operation: 'GetCostAndUsage',
          error: 'AccessDeniedException',
          message: 'not authorized to perform: ce:GetCostAndUsage',
        },
      ],
    });
    // One account: with members the fault also fails the spend-by-account query (test/cost-report/accounts.test.ts).
    const config = homeOnlyConfig();

    const result = await runPlaybook({ playbook: 'cost-report', input: {}, account, config, skipWaits: true });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportJson(account);
    expect(report.failedSteps).toEqual([
      {
        step: 'GetCostAndUsage',
        error: 'AccessDeniedException',
        message: 'not authorized to perform: ce:GetCostAndUsage',
      },
    ]);
    expect(report.anomalies.items.length).toBeGreaterThan(0);
    const html = Object.entries(await reportFiles(account)).find(([key]) => key.endsWith('.html'))![1];
    expect(html).toContain('GetCostAndUsage failed: AccessDeniedException');
    expect(html).toContain('unknown (Cost Explorer error)');
    expect(html).not.toContain('within budget');
    const [message] = messages(account);
    expect(message.Subject).toBe(
      '[SEV3] Cost report for November 2026 incomplete: Cost Explorer error (AccessDeniedException)',
    );
  });

  it('says so when the month asked for has no cost data', async () => {
    const account = accountAt('2026-11-18T07:00:00Z');

    const result = await runPlaybook({
      playbook: 'cost-report',
      input: { month: '2026-05' },
      account,
      skipWaits: true,
    });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportJson(account);
    expect(report.totals.spend).toBe(0);
    expect(report.projection).toBeNull();
    expect(messages(account)[0].Subject).toBe('[SEV4] No AWS cost data for May 2026');
    expect(report.notes).toContain(
      'No spend data: Cost Explorer returned no cost from 2026-04-01 to 2026-06-01 (end exclusive): nothing was spent in May 2026 or the month before.',
    );
  });

  it('names a service that appeared mid-month', async () => {
    const account = accountAt('2026-11-18T07:00:00Z');
    for (const day of ['12', '13', '14', '15', '16', '17']) {
      account.state.global.costExplorer.daily.push({
        date: `2026-11-${day}`,
        service: 'Amazon Bedrock',
        recordType: 'Usage',
        amount: 35,
      });
    }

    await runPlaybook({ playbook: 'cost-report', input: {}, account, skipWaits: true });

    const report = await reportJson(account);
    expect(report.newServices).toEqual([{ service: 'Amazon Bedrock', since: '2026-11-12' }]);
    expect(report.notes).toContain('Amazon Bedrock appeared mid-month: first charge on 2026-11-12.');
  });

  it("adds up the savings the month's nightly-cleanup runs realised", async () => {
    const account = accountAt('2026-11-18T07:00:00Z');
    await readBack(account, () =>
      s3().send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'reports/nightly-cleanup/2026-11-03/nightly-cleanup-1.json',
          Body: JSON.stringify({ dryRun: false, totals: { realisedMonthlySavingsUsd: 61.4 }, items: [] }),
        }),
      ),
    );

    await runPlaybook({ playbook: 'cost-report', input: {}, account, skipWaits: true });

    const report = await reportJson(account);
    expect(report.savings).toMatchObject({ status: 'ok', reportsCounted: 1, realisedMonthlySavingsUsd: 61.4 });
  });

  it('fails a run for a month that has not started, after telling the channels', async () => {
    const account = accountAt('2026-11-18T07:00:00Z');

    const result = await runPlaybook({
      playbook: 'cost-report',
      input: { month: '2027-01' },
      account,
      skipWaits: true,
    });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('InvalidInputError');
    expect(account.callsTo('CostExplorer')).toEqual([]);
    const [message] = messages(account);
    expect(message.Subject).toBe('[SEV4] Cost report failed: InvalidInputError');
    expect(message.Message).toContain('AUTOPILOT INPUT REJECTED');
    expect(message.Message).toContain('2027-01 has not started yet');
  });
});

import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { type Config, loadStageConfig } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { HOME, homeOnlyConfig, SANDBOX_DEV, STAGING } from '../support/accounts.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

// The seed (sandbox/seed/estate/costs.yaml): the home account is the organization's management account; staging's
// EC2 spend jumped yesterday (x5), the home account's EC2 spike runs over the last 4 days (flat day over day).
const BUCKET = 'idp-autopilot-dev-reports-123456789012';
const NOW = '2026-11-18T07:00:00Z';

function accountAt(now = NOW): SandboxAccount {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(now));
  return freshAccount();
}
afterEach(() => vi.useRealTimers());

/** The dev stage (members staging and sandbox-dev) with `change` applied. */
function devConfig(change: (config: Config) => void = () => {}): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  change(config);
  return config;
}

async function reportFiles(account: SandboxAccount): Promise<{ json: any; html: string }> {
  const s3 = () => awsClient(S3Client, 'us-east-1');
  return readBack(account, async () => {
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/cost-report/' }));
    const read = async (suffix: string) => {
      const key = listed.Contents!.find((object) => object.Key!.endsWith(suffix))!.Key!;
      return (await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();
    };
    return { json: JSON.parse(await read('.json')), html: await read('.html') };
  });
}

const run = (account: SandboxAccount, config: Config) =>
  runPlaybook({ playbook: 'cost-report', input: {}, account, config, skipWaits: true });

const messages = (account: SandboxAccount) =>
  Object.values(account.state.regions).flatMap((region) => region.sns.messages);

const linkedAccountQueries = (account: SandboxAccount) =>
  account
    .callsTo('CostExplorer', 'GetCostAndUsage')
    .filter((call) => JSON.stringify((call.input as { GroupBy?: unknown }).GroupBy).includes('LINKED_ACCOUNT'));

describe('cost-report across the accounts of an organization', () => {
  it('names the account a day-over-day spike came from, in the report, its table and the summary', async () => {
    const account = accountAt();

    const result = await run(account, devConfig());

    expect(result.status).toBe('SUCCEEDED');
    const { json, html } = await reportFiles(account);
    expect(json.accounts.spike).toMatchObject({ id: STAGING, name: 'staging' });
    expect(json.accounts.spike.change).toBeGreaterThan(200);
    expect(json.notes).toContainEqual(
      expect.stringMatching(
        /^Amazon Elastic Compute Cloud - Compute spike on 2026-11-17: most of the day-over-day increase .* came from staging \(210987654321\), \+[\d,.]+ USD\.$/,
      ),
    );
    // Sorted by spend, names from Cost Explorer (the organization's names), shares adding up to the whole.
    expect(json.accounts.rows.map((row: any) => [row.id, row.name])).toEqual([
      [HOME, 'idp-prod'],
      [STAGING, 'staging'],
      [SANDBOX_DEV, 'sandbox-dev'],
    ]);
    const shares = json.accounts.rows.reduce((sum: number, row: any) => sum + row.share, 0);
    expect(shares).toBeCloseTo(1, 3);
    // The management account sees every linked account: the spend by service is the sum over the accounts.
    expect(json.accounts.total.spend).toBeCloseTo(json.totals.spend, 0);
    expect(html).toContain('<h2>Spend by account</h2>');
    expect(html).toContain('<tr class="bad"><td>staging (210987654321)</td>');
    const [message] = messages(account);
    expect(message.Message).toContain('Spend by account: idp-prod (123456789012)');
    expect(message.Message).toMatch(/Top account mover 2026-11-17 vs day before: staging \(210987654321\) \+/);
    expect(message.Message).toContain('most of the day-over-day increase');
  });

  it('asks Cost Explorer exactly once more than a stage without other accounts, and counts it', async () => {
    const alone = accountAt();
    await run(alone, homeOnlyConfig());
    const many = accountAt();

    await run(many, devConfig());

    const calls = (account: SandboxAccount) => account.callsTo('CostExplorer');
    expect(calls(many).length).toBe(calls(alone).length + 1);
    expect(linkedAccountQueries(many)).toHaveLength(1);
    expect(linkedAccountQueries(many)[0].input).toMatchObject({
      TimePeriod: { Start: '2026-10-31', End: '2026-11-18' },
      Granularity: 'DAILY',
      GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
    });
    const { json } = await reportFiles(many);
    expect(json.costExplorer).toEqual({
      requests: calls(many).length,
      costUsd: calls(many).length / 100,
      atLeast: false,
    });
  });

  it('makes no linked-account request and says nothing about accounts when the stage has none', async () => {
    const account = accountAt();

    const result = await run(account, homeOnlyConfig());

    expect(result.status).toBe('SUCCEEDED');
    expect(linkedAccountQueries(account)).toEqual([]);
    const { json, html } = await reportFiles(account);
    expect(json).not.toHaveProperty('accounts');
    expect(html).not.toContain('Spend by account');
    expect(messages(account)[0].Message).not.toContain('Spend by account');
  });

  it('reports, without failing, that the management account cannot be read when its member role cannot be assumed', async () => {
    const account = accountAt();

    const result = await run(
      account,
      devConfig((config) => {
        config.accounts.managementAccountId = SANDBOX_DEV;
      }),
    );

    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('CostExplorer')).toEqual([]);
    const { json, html } = await reportFiles(account);
    expect(json.failedSteps.map((step: any) => [step.step, step.error])).toEqual([
      ['GetCostAndUsage', 'MemberAccessError'],
      ['GetCostForecast', 'MemberAccessError'],
      ['GetAnomalies', 'MemberAccessError'],
      ['GetCostAndUsage by linked account', 'MemberAccessError'],
    ]);
    // One note for the one cause, naming the account; no request was sent, so none is counted.
    const [note] = json.notes;
    expect(note).toMatch(
      /^GetCostAndUsage, GetCostForecast, GetAnomalies, GetCostAndUsage by linked account failed: MemberAccessError: cannot act in account 345678901234/,
    );
    expect(json.costExplorer).toEqual({ requests: 0, costUsd: 0, atLeast: false });
    expect(json.accounts).toMatchObject({ status: 'error' });
    expect(html).toContain('cannot act in account 345678901234');
    expect(messages(account)[0].Subject).toBe(
      '[SEV3] Cost report for November 2026 incomplete: Cost Explorer error (MemberAccessError)',
    );
  });

  it("reads a management account elsewhere through its member role, seeing that account's costs", async () => {
    const account = accountAt();
    const staging = account.state.global.costExplorer.daily.filter(
      (rec) => rec.account === STAGING && rec.date >= '2026-11-01' && rec.date < '2026-11-18',
    );

    const result = await run(
      account,
      devConfig((config) => {
        config.accounts.managementAccountId = STAGING;
      }),
    );

    expect(result.status).toBe('SUCCEEDED');
    const assumed = account.callsTo('STS', 'AssumeRole').map((call) => call.input as Record<string, string>);
    expect(assumed.length).toBeGreaterThan(0);
    expect(assumed.every((input) => input.RoleArn === `arn:aws:iam::${STAGING}:role/idp-autopilot-member`)).toBe(true);
    expect(assumed[0].RoleSessionName).toBe(result.executionArn.split(':').at(-1));
    const { json } = await reportFiles(account);
    // A member account's Cost Explorer sees its own costs only.
    expect(json.failedSteps).toEqual([]);
    expect(json.accounts.rows.map((row: any) => row.id)).toEqual([STAGING]);
    expect(json.totals.spend).toBeCloseTo(
      staging.reduce((sum, rec) => sum + rec.amount, 0),
      1,
    );
  });
});

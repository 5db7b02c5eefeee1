// Persistence of the account between runs, the seed's relative dates, and the Slack/PagerDuty fetch sandbox.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSnapshotsCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { SandboxAccount } from '../../sandbox/account.ts';
import { installFetchSandbox } from '../../sandbox/http.ts';
import { installSandbox } from '../../sandbox/intercept.ts';
import { loadAccount, resetAccount, saveAccount } from '../../sandbox/store.ts';
import { daysAgo, NOW } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sandbox store', () => {
  let uninstall: (() => void) | undefined;
  afterEach(() => uninstall?.());

  it('seeds a missing file, and state changes survive save and load', async () => {
    const file = join(dir, 'state', 'sandbox.json');
    const account = loadAccount(file, { now: () => NOW });
    expect(existsSync(file)).toBe(false);
    uninstall = installSandbox(account);
    await awsClient(EC2Client).send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-01c10000000000011'] })); // completes it
    saveAccount(account, file);
    uninstall();

    const reloaded = loadAccount(file);
    expect(reloaded.state).toEqual(JSON.parse(JSON.stringify(account.state)));
    uninstall = installSandbox(reloaded);
    const out = await awsClient(EC2Client).send(
      new DescribeSnapshotsCommand({ SnapshotIds: ['snap-01c10000000000011'] }),
    );
    expect(out.Snapshots![0].State).toBe('completed');
    expect(reloaded.calls).toHaveLength(1); // calls belong to one process, not to the saved state

    const reset = resetAccount(file, { now: () => NOW });
    expect(
      reset.state.regions['us-east-1'].ec2.snapshots.find((s) => s.SnapshotId === 'snap-01c10000000000011')?.State,
    ).toBe('pending');
    expect(loadAccount(file).state).toEqual(reset.state);
  });

  it('resolves the seed relative to now, so ages do not drift', async () => {
    const account = SandboxAccount.fromSeed({ now: () => NOW });
    uninstall = installSandbox(account);
    const out = await awsClient(EC2Client).send(new DescribeVolumesCommand({ VolumeIds: ['vol-01b20000000000001'] }));
    expect(out.Volumes![0].CreateTime).toEqual(daysAgo(200));
    const exemptUntil =
      out.Volumes && account.state.regions['us-east-1'].ec2.volumes.find((v) => v.VolumeId === 'vol-01b20000000000006');
    expect(exemptUntil?.Tags).toContainEqual({
      Key: 'autopilot:exempt',
      Value: daysAgo(10).toISOString().slice(0, 10),
    });
  });
});

describe('fetch sandbox', () => {
  const outDir = join(dir, 'out');
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('answers Slack webhooks and PagerDuty events, records and writes them', async () => {
    const account = SandboxAccount.fromSeed({ outDir, now: () => NOW });
    restore = installFetchSandbox(account);
    const slack = await fetch('https://hooks.slack.com/services/TSANDBOX/BSANDBOX/sandbox', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Cleanup finished' }),
    });
    expect(slack.status).toBe(200);
    expect(await slack.text()).toBe('ok');
    const event = {
      routing_key: 'R0SANDBOXPAGERDUTYROUTINGKEY0001',
      event_action: 'trigger',
      payload: { summary: 'GuardDuty HIGH', source: 'idp', severity: 'critical' },
    };
    const pd = await fetch('https://events.pagerduty.com/v2/enqueue', { method: 'POST', body: JSON.stringify(event) });
    expect(pd.status).toBe(202);
    const body = (await pd.json()) as { status: string; dedup_key: string };
    expect(body).toMatchObject({ status: 'success' });
    expect(body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    const invalid = await fetch('https://events.pagerduty.com/v2/enqueue', {
      method: 'POST',
      body: JSON.stringify({ ...event, routing_key: 'short' }),
    });
    expect(invalid.status).toBe(400);
    expect(account.callsTo('Slack')).toEqual([
      {
        service: 'Slack',
        operation: 'PostWebhook',
        region: 'global',
        endpoint: 'hooks.slack.com',
        input: { text: 'Cleanup finished' },
        at: NOW.toISOString(),
      },
    ]);
    expect(account.callsTo('PagerDuty').map((c) => c.errorCode)).toEqual([undefined, 'invalid event']);
    const slackLines = readFileSync(join(outDir, 'slack', 'messages.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(slackLines[0]).payload).toEqual({ text: 'Cleanup finished' });
    const pdLines = readFileSync(join(outDir, 'pagerduty', 'events.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(pdLines).toHaveLength(1);
    await expect(fetch('https://example.com/')).rejects.toThrow(/not allowed in the sandbox/);
  });

  it('restores the original fetch and keeps posts in memory without outDir', async () => {
    const original = globalThis.fetch;
    const account = SandboxAccount.fromSeed({});
    restore = installFetchSandbox(account);
    expect(globalThis.fetch).not.toBe(original);
    await fetch('https://hooks.slack.com/services/T/B/x', { method: 'POST', body: '{"text":"hi"}' });
    expect(account.calls).toHaveLength(1);
    restore();
    restore = undefined;
    expect(globalThis.fetch).toBe(original);
  });
});

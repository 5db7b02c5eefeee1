import type { Address, Snapshot, Volume } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import {
  judgeAddress,
  judgeSnapshot,
  judgeVolume,
  type RulesContext,
  type SnapshotUsage,
} from '../../functions/nightly-cleanup/model/classify.ts';
import {
  addressMonthlyUsd,
  snapshotMonthlyUsd,
  volumeMonthlyUsd,
} from '../../functions/nightly-cleanup/model/pricing.ts';
import { exemptionOf, markOf } from '../../functions/nightly-cleanup/model/tags.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';

const NOW = new Date('2026-11-01T06:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const settings = loadStageConfig({ stage: 'dev' }).playbooks.nightlyCleanup;
const ctx: RulesContext = {
  region: 'us-east-1',
  now: NOW,
  snapshotAgeDays: 90,
  minAgeDays: 7,
  prices: settings.prices,
  exemptionTag: 'autopilot:exempt',
  protectedTagKeys: ['kubernetes.io/created-for/pvc/name'],
};
const tags = (entries: Record<string, string>) => Object.entries(entries).map(([Key, Value]) => ({ Key, Value }));
const noUsage: SnapshotUsage = { images: new Map(), launchTemplates: new Map() };

describe('the exemption tag', () => {
  it('exempts for good with true, until the end of an ISO date, until an instant with a timestamp', () => {
    expect(exemptionOf(tags({ 'autopilot:exempt': 'TRUE' }), 'autopilot:exempt', NOW).exempt).toBe(true);
    expect(exemptionOf(tags({ 'autopilot:exempt': '2026-11-01' }), 'autopilot:exempt', NOW).exempt).toBe(true);
    expect(exemptionOf(tags({ 'autopilot:exempt': '2026-10-31' }), 'autopilot:exempt', NOW).exempt).toBe(false);
    expect(exemptionOf(tags({ 'autopilot:exempt': '2026-11-01T05:00:00Z' }), 'autopilot:exempt', NOW).exempt).toBe(
      false,
    );
    expect(exemptionOf(tags({ 'autopilot:exempt': '2026-11-01T07:00:00Z' }), 'autopilot:exempt', NOW).exempt).toBe(
      true,
    );
    expect(exemptionOf(tags({ 'autopilot:exempt': 'false' }), 'autopilot:exempt', NOW).exempt).toBe(false);
  });

  it('keeps a resource whose exemption value it cannot read, saying so', () => {
    const exemption = exemptionOf(tags({ 'autopilot:exempt': 'until the audit' }), 'autopilot:exempt', NOW);
    expect(exemption).toEqual({ exempt: true, detail: expect.stringContaining('neither true nor an ISO date') });
  });
});

describe('the mark', () => {
  it('is due from the first instant of its date and pending before', () => {
    expect(markOf(tags({ 'autopilot:delete-after': '2026-11-01' }), NOW)).toEqual({
      state: 'due',
      deleteAfter: '2026-11-01',
    });
    expect(markOf(tags({ 'autopilot:delete-after': '2026-11-02' }), NOW)).toEqual({
      state: 'pending',
      deleteAfter: '2026-11-02',
    });
    expect(markOf(tags({ 'autopilot:delete-after': 'soon' }), NOW)).toEqual({ state: 'invalid', value: 'soon' });
    expect(markOf(undefined, NOW)).toEqual({ state: 'none' });
  });
});

describe('volume rules', () => {
  const volume = (extra: Partial<Volume>): Volume => ({
    VolumeId: 'vol-0123456789abcdef0',
    State: 'available',
    Size: 100,
    VolumeType: 'gp3',
    CreateTime: daysAgo(30),
    ...extra,
  });

  it('takes an unattached volume older than the minimum age', () => {
    expect(judgeVolume(volume({}), ctx)).toEqual({ kind: 'qualifies' });
  });

  it('leaves attached, exempt, CloudFormation, Kubernetes and young volumes, each with its reason', () => {
    expect(judgeVolume(volume({ State: 'in-use', Attachments: [{ InstanceId: 'i-1' }] }), ctx)).toMatchObject({
      kind: 'not-candidate',
      reason: 'in-use',
      detail: 'attached to i-1',
    });
    expect(judgeVolume(volume({ Tags: tags({ 'autopilot:exempt': 'true' }) }), ctx)).toMatchObject({
      reason: 'exempt',
    });
    expect(judgeVolume(volume({ Tags: tags({ 'aws:cloudformation:stack-name': 'legacy' }) }), ctx)).toMatchObject({
      reason: 'cloudformation',
      detail: 'managed by stack legacy',
    });
    expect(judgeVolume(volume({ Tags: tags({ 'kubernetes.io/created-for/pvc/name': 'data-0' }) }), ctx)).toMatchObject({
      reason: 'protected-tag',
    });
    expect(judgeVolume(volume({ CreateTime: daysAgo(3) }), ctx)).toMatchObject({ reason: 'younger-than-min-age' });
  });
});

describe('snapshot rules', () => {
  const snapshot = (extra: Partial<Snapshot>): Snapshot => ({
    SnapshotId: 'snap-0123456789abcdef0',
    State: 'completed',
    VolumeSize: 50,
    StartTime: daysAgo(120),
    ...extra,
  });

  it('takes a completed snapshot older than snapshotAgeDays and ignores younger ones without listing them', () => {
    expect(judgeSnapshot(snapshot({}), noUsage, ctx)).toEqual({ kind: 'qualifies' });
    expect(judgeSnapshot(snapshot({ StartTime: daysAgo(89) }), noUsage, ctx)).toMatchObject({ kind: 'not-candidate' });
    expect(judgeSnapshot(snapshot({ State: 'pending' }), noUsage, ctx)).toMatchObject({ kind: 'not-candidate' });
  });

  it('skips snapshots of AMIs, launch templates, AWS Backup and Data Lifecycle Manager', () => {
    const usage: SnapshotUsage = {
      images: new Map([['snap-0123456789abcdef0', ['ami-1 (disabled)']]]),
      launchTemplates: new Map([['snap-0fedcba9876543210', ['lt-1:v2']]]),
    };
    expect(judgeSnapshot(snapshot({}), usage, ctx)).toMatchObject({
      reason: 'used-by-ami',
      detail: 'ami-1 (disabled)',
    });
    expect(judgeSnapshot(snapshot({ SnapshotId: 'snap-0fedcba9876543210' }), usage, ctx)).toMatchObject({
      reason: 'used-by-launch-template',
    });
    expect(
      judgeSnapshot(snapshot({ Description: 'This snapshot is created by the AWS Backup service.' }), noUsage, ctx),
    ).toMatchObject({ reason: 'aws-backup' });
    expect(
      judgeSnapshot(snapshot({ Tags: tags({ 'aws:dlm:lifecycle-policy-id': 'policy-1' }) }), noUsage, ctx),
    ).toMatchObject({
      reason: 'data-lifecycle-manager',
    });
  });

  it('applies minAgeDays to snapshots only where it is stricter than snapshotAgeDays', () => {
    expect(judgeSnapshot(snapshot({ StartTime: daysAgo(100) }), noUsage, { ...ctx, minAgeDays: 180 })).toMatchObject({
      kind: 'skipped',
      reason: 'younger-than-min-age',
    });
  });
});

describe('Elastic IP rules', () => {
  const address = (extra: Partial<Address>): Address => ({
    AllocationId: 'eipalloc-0123456789abcdef0',
    PublicIp: '203.0.113.7',
    PublicIpv4Pool: 'amazon',
    ...extra,
  });

  it('takes an address without association and leaves associated, PTR, service-managed and BYOIP ones', () => {
    expect(judgeAddress(address({}), undefined, ctx)).toEqual({ kind: 'qualifies' });
    expect(judgeAddress(address({ AssociationId: 'eipassoc-1' }), undefined, ctx)).toMatchObject({
      reason: 'associated',
    });
    expect(judgeAddress(address({}), { ptrRecord: 'mail.example.com.' }, ctx)).toMatchObject({ reason: 'reverse-dns' });
    expect(judgeAddress(address({}), { pendingUpdate: 'mx.example.com.' }, ctx)).toMatchObject({ reason: 'locked' });
    expect(judgeAddress(address({ ServiceManaged: 'alb' }), undefined, ctx)).toMatchObject({
      reason: 'service-managed',
    });
    expect(judgeAddress(address({ PublicIpv4Pool: 'ipv4pool-ec2-1' }), undefined, ctx)).toMatchObject({
      reason: 'byoip',
    });
  });
});

describe('estimated monthly savings', () => {
  it('prices volumes by type, snapshots by tier and an idle IPv4 address by the hour', () => {
    expect(volumeMonthlyUsd(settings.prices, 500, 'gp2')).toBe(50);
    expect(volumeMonthlyUsd(settings.prices, 100, 'gp3')).toBe(8);
    expect(volumeMonthlyUsd(settings.prices, 100, 'unknown-type')).toBe(5);
    expect(snapshotMonthlyUsd(settings.prices, 200, 'standard')).toBe(10);
    expect(snapshotMonthlyUsd(settings.prices, 200, 'archive')).toBe(2.5);
    expect(addressMonthlyUsd(settings.prices)).toBe(3.65);
  });
});

import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlarmTransition } from '../../functions/incident-response/intake/input.ts';
import { applyTransition } from '../../functions/incident-response/intake/transition.ts';
import { takeIncidentId } from '../../functions/incident-response/model/registry.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { readBack } from '../support/sandbox.ts';
import {
  ALARM,
  ALARM_AT,
  accountAt,
  alerts,
  BUCKET,
  CPU_ALARM,
  CPU_FLAP,
  CPU_OK,
  kinds,
  openIndexEntry,
  record,
  run,
  sampleEvent,
} from './support.ts';

afterEach(() => vi.useRealTimers());

const at = (iso: string) => vi.setSystemTime(new Date(iso));
const settings = loadStageConfig({ stage: 'dev' }).playbooks.incidentResponse;

describe('incident-response: flapping and incident numbers', () => {
  it('reopens the same incident when the alarm flaps back to ALARM within the flap window', async () => {
    const account = accountAt('2026-11-26T08:20:00.303Z');
    await run(account, sampleEvent(CPU_ALARM));
    at('2026-11-26T08:30:00.290Z');
    await run(account, sampleEvent(CPU_OK));
    expect(await openIndexEntry(account, 'INC-20261126-001')).toBeUndefined();
    at('2026-11-26T08:38:00.319Z');

    const flap = await run(account, sampleEvent(CPU_FLAP));

    expect(flap.output).toMatchObject({ route: 'reopen' });
    const incident = await record(account, 'INC-20261126-001');
    expect(incident).toMatchObject({ status: 'open', openings: 2, firstOpenedAt: '2026-11-26T08:20:00.303Z' });
    expect(kinds(incident)).toContain('reopened');
    expect(incident.timeline.find((entry) => entry.kind === 'reopened')?.text).toBe(
      'Reopened: the alarm flapped back to ALARM 8 min after recovering (flap window 30 min)',
    );
    expect(alerts(account).map((alert) => alert.Subject)).toEqual([
      '[SEV3] INC-20261126-001 idp-api-cpu-high is in ALARM (us-east-1)',
      '[SEV3] Reopened: INC-20261126-001 idp-api-cpu-high is in ALARM (us-east-1)',
    ]);
    expect(await openIndexEntry(account, 'INC-20261126-001')).toMatchObject({ id: 'INC-20261126-001' });
  });

  it('reopens correctly when the pointer still says open after a resolve that died half-way', async () => {
    const account = accountAt('2026-11-26T08:20:00.303Z');
    await run(account, sampleEvent(CPU_ALARM));
    const key = 'incidents/by-alarm/us-east-1/idp-api-cpu-high.json';
    const bucket = account.state.global.s3.buckets[BUCKET];
    const openPointer = structuredClone(bucket.objects[key]);
    at('2026-11-26T08:30:00.290Z');
    await run(account, sampleEvent(CPU_OK));
    bucket.objects[key] = openPointer; // the resolve wrote the record, never the pointer
    at('2026-11-26T08:38:00.319Z');

    const flap = await run(account, sampleEvent(CPU_FLAP));

    expect(flap.output).toMatchObject({ route: 'reopen' });
    expect((await record(account, 'INC-20261126-001')).openings).toBe(2);
  });

  it('opens a new incident, the next number of the day, when the alarm fires again after the flap window', async () => {
    const account = accountAt('2026-11-26T08:20:00.303Z');
    await run(account, sampleEvent(CPU_ALARM));
    at('2026-11-26T08:30:00.290Z');
    await run(account, sampleEvent(CPU_OK));
    const late = sampleEvent(CPU_FLAP);
    late.id = 'c0ffee00-0000-4000-8000-000000000001';
    late.detail.state.timestamp = '2026-11-26T09:30:00.319+0000';
    at('2026-11-26T09:30:00.319Z');

    const result = await run(account, late);

    expect(result.output).toMatchObject({ route: 'open' });
    expect((await record(account, 'INC-20261126-002')).source.alarmName).toBe('idp-api-cpu-high');
    expect((await record(account, 'INC-20261126-001')).status).toBe('resolved');
  });

  it('numbers incidents per day in the configured time zone', async () => {
    const account = accountAt(ALARM_AT);
    const late = sampleEvent(ALARM);
    late.detail.state.timestamp = '2026-11-26T23:30:00.000+0000';
    at('2026-11-26T23:30:00.000Z');
    const tokyo = structuredClone(loadStageConfig({ stage: 'dev' }));
    tokyo.playbooks.incidentResponse.timeZone = 'Asia/Tokyo';

    await run(account, late, { config: tokyo });

    expect(await openIndexEntry(account, 'INC-20261127-001')).toMatchObject({ source: 'idp-prod-api-5xx' });
  });

  it('gives concurrent openings distinct numbers without gaps', async () => {
    const account = accountAt(ALARM_AT);
    const ids = await readBack(account, () => {
      const store = { s3: awsClient(S3Client, 'us-east-1'), bucket: BUCKET };
      return Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((name) =>
          takeIncidentId(store, '20261126', { executionId: `exec-${name}`, alarmName: `alarm-${name}` }),
        ),
      );
    });
    expect([...ids].sort()).toEqual(['001', '002', '003', '004', '005'].map((n) => `INC-20261126-${n}`));
    // A retry of an execution finds the number it took.
    const again = await readBack(account, () =>
      takeIncidentId({ s3: awsClient(S3Client, 'us-east-1'), bucket: BUCKET }, '20261126', {
        executionId: 'exec-c',
        alarmName: 'alarm-c',
      }),
    );
    expect(again).toBe(ids[2]);
  });

  it('opens one incident when two executions take the same ALARM at once; the other retries and finds it open', async () => {
    const account = accountAt(ALARM_AT);
    const transition: AlarmTransition = {
      eventId: 'e',
      alarmName: 'idp-prod-api-5xx',
      alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:idp-prod-api-5xx',
      region: 'us-east-1',
      kind: 'metric',
      state: 'ALARM',
      at: ALARM_AT,
      triggeringAlarms: [],
    };
    const results = await readBack(account, () => {
      const context = (executionId: string) => ({
        store: { s3: awsClient(S3Client, 'us-east-1'), bucket: BUCKET },
        settings,
        executionId,
        now: new Date(ALARM_AT),
        severity: { severity: 'SEV2' as const, because: 'test' },
      });
      return Promise.allSettled([
        applyTransition(transition, context('one')),
        applyTransition(transition, context('two')),
      ]);
    });
    const opened = results.filter((r) => r.status === 'fulfilled' && r.value.route === 'open');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(opened).toHaveLength(1);
    expect(refused.map((r) => (r as PromiseRejectedResult).reason.name)).toEqual(['TransientAwsError']);
    expect(await openIndexEntry(account, 'INC-20261126-002')).toBeUndefined();
  });
});

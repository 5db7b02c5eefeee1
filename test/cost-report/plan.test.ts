import { describe, expect, it } from 'vitest';
import { planCostReport } from '../../functions/cost-report/plan/plan.ts';
import { InvalidInputError } from '../../functions/shared/errors/errors.ts';

const at = (iso: string) => new Date(iso);

describe('cost-report plan', () => {
  it('reports the month to date with End exclusive, the same days of last month and a forecast from today', () => {
    const plan = planCostReport({}, 'UTC', at('2026-03-18T07:00:00Z'));

    expect(plan.month).toBe('2026-03');
    expect(plan.complete).toBe(false);
    expect(plan.period).toEqual({ start: '2026-03-01', end: '2026-03-18' });
    expect(plan.comparison).toEqual({ start: '2026-02-01', end: '2026-02-18' });
    expect(plan.query).toEqual({ start: '2026-02-01', end: '2026-03-18' });
    expect(plan.forecast).toEqual({ start: '2026-03-18', end: '2026-04-01' });
    expect(plan.anomalies).toEqual({ start: '2026-03-11', end: '2026-03-18' });
    expect(plan.provisionalFrom).toBe('2026-03-16');
    expect(plan.savingsPrefix).toBe('reports/nightly-cleanup/2026-03-');
  });

  it('reports the whole previous month on the 1st, where the runbook call had Start equal to End', () => {
    const plan = planCostReport({}, 'UTC', at('2026-03-01T07:00:00Z'));

    expect(plan.month).toBe('2026-02');
    expect(plan.complete).toBe(true);
    expect(plan.period).toEqual({ start: '2026-02-01', end: '2026-03-01' });
    expect(plan.comparison).toEqual({ start: '2026-01-01', end: '2026-02-01' });
    expect(plan.query).toEqual({ start: '2026-01-01', end: '2026-03-01' });
    expect(plan.forecast).toBeNull();
    expect(plan.forecastSkipped).toContain('February 2026 is over');
    expect(plan.scope).toContain('whole of February 2026');
  });

  it('compares with at most the whole previous month when it is shorter', () => {
    const plan = planCostReport({}, 'UTC', at('2026-03-31T07:00:00Z'));

    expect(plan.period).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(plan.comparison).toEqual({ start: '2026-02-01', end: '2026-03-01' });
    expect(plan.forecast).toEqual({ start: '2026-03-31', end: '2026-04-01' });
  });

  it('reports a past month asked for by hand as a whole, without forecast', () => {
    const plan = planCostReport({ month: '2025-12' }, 'UTC', at('2026-03-18T07:00:00Z'));

    expect(plan.period).toEqual({ start: '2025-12-01', end: '2026-01-01' });
    expect(plan.comparison).toEqual({ start: '2025-11-01', end: '2025-12-01' });
    expect(plan.forecast).toBeNull();
  });

  it('asks Cost Explorer nothing about the current month on its 1st when asked by hand', () => {
    const plan = planCostReport({ month: '2026-03' }, 'UTC', at('2026-03-01T07:00:00Z'));

    expect(plan.period).toEqual({ start: '2026-03-01', end: '2026-03-01' });
    expect(plan.query).toBeNull();
    expect(plan.forecast).toEqual({ start: '2026-03-01', end: '2026-04-01' });
    expect(plan.scope).toContain('no complete day yet');
  });

  it('rejects a month that has not started', () => {
    expect(() => planCostReport({ month: '2026-04' }, 'UTC', at('2026-03-18T07:00:00Z'))).toThrow(InvalidInputError);
  });

  it('takes today from the configured time zone: already the 1st in Berlin reports the previous month', () => {
    const plan = planCostReport({}, 'Europe/Berlin', at('2026-03-31T23:30:00Z'));

    expect(plan.today).toBe('2026-04-01');
    expect(plan.month).toBe('2026-03');
    expect(plan.complete).toBe(true);
  });

  it('skips the forecast when the month has already ended in UTC, the day Cost Explorer forecasts from', () => {
    const plan = planCostReport({}, 'America/Los_Angeles', at('2026-04-01T03:00:00Z'));

    expect(plan.today).toBe('2026-03-31');
    expect(plan.month).toBe('2026-03');
    expect(plan.forecast).toBeNull();
    expect(plan.forecastSkipped).toContain('already ended in UTC');
  });

  it('forecasts from the UTC day when the configured time zone is still on the day before', () => {
    const plan = planCostReport({}, 'America/Los_Angeles', at('2026-03-18T03:00:00Z'));

    expect(plan.today).toBe('2026-03-17');
    expect(plan.period.end).toBe('2026-03-17');
    expect(plan.forecast).toEqual({ start: '2026-03-18', end: '2026-04-01' });
  });
});

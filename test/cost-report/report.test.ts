import { describe, expect, it } from 'vitest';
import { analyzeCosts } from '../../functions/cost-report/report/analyze.ts';
import { buildCostReport } from '../../functions/cost-report/report/report.ts';
import { summarize } from '../../functions/cost-report/usage/read.ts';
import { flat, midMarch, resultsFrom } from './fixtures.ts';

const settings = { monthlyBudgetUsd: 5000, topMovers: 5 };
const reportSettings = (budget?: number) => ({
  schedule: { enabled: true, cron: 'cron(0 7 * * ? *)', timezone: 'UTC' },
  monthlyBudgetUsd: budget,
  budgetAlertSeverity: 'SEV3' as const,
  chartTopServices: 8,
  topMovers: 5,
  minAnomalyImpactUsd: 1,
});

describe('cost-report analysis', () => {
  it('shows credits and refunds apart from spend instead of netting them', () => {
    const { plan, readings } = midMarch([
      { date: '2026-03-05', service: 'Amazon EC2', recordType: 'Credit', amount: -50 },
      { date: '2026-03-06', service: 'Amazon S3', recordType: 'Refund', amount: -7.5 },
      { date: '2026-03-06', service: 'Tax', recordType: 'Tax', amount: 12 },
    ]);

    const analysis = analyzeCosts(plan, readings, settings);

    expect(analysis.totals.spend).toBe(17 * 110 + 12);
    expect(analysis.totals.credits).toBe(-50);
    expect(analysis.totals.refunds).toBe(-7.5);
    expect(analysis.totals.net).toBe(17 * 110 + 12 - 57.5);
    expect(analysis.recordTypes.map((row) => row.recordType).sort()).toEqual(['Credit', 'Refund', 'Tax', 'Usage']);
  });

  it('projects the month as spend to date plus the forecast and compares it with the budget', () => {
    const { plan, readings } = midMarch([], 3500);

    const analysis = analyzeCosts(plan, readings, settings);

    expect(analysis.projection?.projectedUsd).toBe(17 * 110 + 3500);
    expect(analysis.budget).toMatchObject({ budgetUsd: 5000, exceeded: true, overByUsd: 17 * 110 + 3500 - 5000 });
  });

  it('names a service that appears mid-month and ranks it as a mover against the same days of last month', () => {
    const { plan, readings } = midMarch(flat('2026-03-12', '2026-03-18', { 'Amazon Bedrock': 40 }));

    const analysis = analyzeCosts(plan, readings, settings);

    expect(analysis.newServices).toEqual([{ service: 'Amazon Bedrock', since: '2026-03-12' }]);
    expect(analysis.notes).toContain('Amazon Bedrock appeared mid-month: first charge on 2026-03-12.');
    expect(analysis.movers.sameDaysLastMonth[0]).toMatchObject({
      service: 'Amazon Bedrock',
      from: 0,
      to: 240,
      changePct: null,
    });
  });

  it('ranks day-over-day movers for the last reported day and marks the last two days provisional', () => {
    const { plan, readings } = midMarch([{ date: '2026-03-17', service: 'Amazon EC2', amount: 150 }]);

    const analysis = analyzeCosts(plan, readings, settings);

    expect(analysis.movers.dayOverDay).toMatchObject({ date: '2026-03-17', previousDate: '2026-03-16' });
    expect(analysis.movers.dayOverDay?.movers[0]).toMatchObject({ service: 'Amazon EC2', change: 150, changePct: 1.5 });
    expect(analysis.days.filter((day) => day.provisional).map((day) => day.date)).toEqual(['2026-03-16', '2026-03-17']);
  });

  it('merges a day whose groups Cost Explorer split across two pages', () => {
    const { plan } = midMarch();
    const [first] = resultsFrom([
      { date: '2026-03-10', service: 'Amazon EC2', amount: 100 },
      { date: '2026-03-10', service: 'Amazon S3', amount: 10 },
    ]);
    const pageOne = { ...first, Groups: first.Groups?.slice(0, 1) };
    const pageTwo = { ...first, Groups: first.Groups?.slice(1) };

    const reading = summarize([pageOne, pageTwo], plan);

    const day = reading.days.find((entry) => entry.date === '2026-03-10');
    expect(day?.amounts.map(([service, , amount]) => [reading.services[service], amount])).toEqual([
      ['Amazon EC2', 100],
      ['Amazon S3', 10],
    ]);
  });

  it('says which Cost Explorer call failed and what is missing, instead of failing', () => {
    const { plan, readings } = midMarch();
    const failed = {
      status: 'error' as const,
      error: { Error: 'AccessDeniedException', Cause: 'not authorized to perform ce:GetCostAndUsage' },
    };

    const analysis = analyzeCosts(plan, { ...readings, spend: failed }, settings);

    expect(analysis.failedSteps).toEqual([
      {
        step: 'GetCostAndUsage',
        error: 'AccessDeniedException',
        message: 'not authorized to perform ce:GetCostAndUsage',
      },
    ]);
    expect(analysis.notes[0]).toContain('GetCostAndUsage failed: AccessDeniedException');
    expect(analysis.projection).toBeNull();
    expect(analysis.costExplorer).toEqual({ requests: 3, costUsd: 0.03, atLeast: true });
  });

  it('reads the error message out of a Lambda error cause', () => {
    const { plan, readings } = midMarch();
    const cause = JSON.stringify({
      errorType: 'ValidationException',
      errorMessage: 'Start date (and hour) should be before end date (and hour)',
    });

    const analysis = analyzeCosts(
      plan,
      { ...readings, forecast: { status: 'error', error: { Error: 'ValidationException', Cause: cause } } },
      settings,
    );

    expect(analysis.failedSteps[0].message).toBe('Start date (and hour) should be before end date (and hour)');
  });
});

describe('cost-report files and notice', () => {
  it('writes an HTML page with an inline SVG chart stacked by service, provisional days hatched', () => {
    const { plan, readings } = midMarch();

    const { html } = buildCostReport(plan, readings, reportSettings(20000));

    expect(html).toContain('<svg');
    expect(html).toContain('<pattern id="provisional"');
    expect(html.match(/fill="url\(#provisional\)"/g)).toHaveLength(3); // two days + the legend swatch
    expect(html).toContain('Amazon EC2');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('writes one CSV line per day, service and record type, flagging provisional days', () => {
    const { plan, readings } = midMarch([
      { date: '2026-03-05', service: 'Amazon EC2', recordType: 'Credit', amount: -50 },
    ]);

    const { csv } = buildCostReport(plan, readings, reportSettings(20000));

    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('date,service,record_type,amount_usd,estimated,provisional');
    expect(lines).toContain('2026-03-05,Amazon EC2,Credit,-50.000000,false,false');
    expect(lines).toContain('2026-03-17,Amazon S3,Usage,10.000000,false,true');
    expect(lines).toHaveLength(1 + 17 * 2 + 1);
  });

  it('sends an alert at the configured severity when the projection exceeds the budget', () => {
    const { plan, readings } = midMarch([], 3500);

    const { notice } = buildCostReport(plan, readings, reportSettings(5000));

    expect(notice.kind).toBe('alert');
    expect(notice.severity).toBe('SEV3');
    expect(notice.title).toBe('Budget alert: March 2026 projected at 5,370 USD, over the 5,000 USD budget');
  });

  it('sends a plain summary with the month to date when within budget', () => {
    const { plan, readings } = midMarch([], 1500);

    const { notice } = buildCostReport(plan, readings, reportSettings(20000));

    expect(notice).toMatchObject({ kind: 'report', severity: 'SEV4' });
    expect(notice.title).toBe('AWS spend March 2026 to date: 1,870 USD, projected 3,370 USD (budget 20,000 USD)');
    expect(notice.facts?.['Cost Explorer requests']).toBe('3 (0.03 USD)');
  });
});

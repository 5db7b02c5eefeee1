// Builds the report files (JSON facts, HTML with the chart, CSV of every daily amount) and the notice.

import type { CostReportSettings } from '../config.ts';
import type { CostPlan } from '../plan/plan.ts';
import { analyzeCosts, type CostAnalysis, isFailure, type Readings } from './analyze.ts';
import { type CostNotice, costNotice } from './notice.ts';
import { renderCsv, renderHtml } from './render.ts';
import { spendLines } from './spend.ts';

export interface CostReportFiles {
  analysis: CostAnalysis;
  json: unknown;
  html: string;
  csv: string;
  notice: CostNotice;
}

/** The services the chart and the daily table show one by one; one leftover service is shown rather than "Other". */
export function topServicesOf(analysis: CostAnalysis, count: number): string[] {
  const names = analysis.services.filter((row) => row.spend > 0).map((row) => row.service);
  return names.length <= count + 1 ? names : names.slice(0, count);
}

export function buildCostReport(plan: CostPlan, readings: Readings, settings: CostReportSettings): CostReportFiles {
  const analysis = analyzeCosts(plan, readings, settings);
  const topServices = topServicesOf(analysis, settings.chartTopServices);
  const spend = isFailure(readings.spend) ? undefined : readings.spend;
  return {
    analysis,
    json: { playbook: 'cost-report', ...analysis },
    html: renderHtml(analysis, topServices),
    csv: renderCsv(analysis, spendLines(plan, spend)),
    notice: costNotice(analysis, settings.budgetAlertSeverity),
  };
}

// Green and blue over a bake, from CloudWatch (one GetMetricData, one-minute periods): requests and 5XX answers summed
// (AWS/ApplicationELB RequestCount and HTTPCode_Target_5XX_Count per target group, Sum; a minute without 5XX has no
// datapoint: zero), and TargetResponseTime p99 of the worst minute (p99 of each minute; a conservative p99 of the
// bake). The window is the bake that just ended: whole minutes up to now.
import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Plan, Side } from '../model/plan.ts';

/** One side's numbers over the window. */
export interface SideNumbers {
  requests: number;
  errors5xx: number;
  /** errors5xx / requests; undefined without requests. */
  rate5xx?: number;
  /** The worst minute's TargetResponseTime p99, in milliseconds; undefined without data. */
  p99Ms?: number;
}

export interface Window {
  start: string;
  end: string;
  seconds: number;
}

const MINUTE = 60_000;

/** The whole minutes of the last `seconds` before `now` (at least one minute). */
export function windowOf(now: Date, seconds: number): Window {
  const end = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const start = Math.min(end - MINUTE, Math.floor((now.getTime() - seconds * 1000) / MINUTE) * MINUTE);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString(), seconds: (end - start) / 1000 };
}

function queries(plan: Plan, side: Side, prefix: string): MetricDataQuery[] {
  const Dimensions = [
    { Name: 'TargetGroup', Value: side.dimension },
    { Name: 'LoadBalancer', Value: plan.loadBalancer },
  ];
  const metric = (Id: string, MetricName: string, Stat: string): MetricDataQuery => ({
    Id: `${prefix}${Id}`,
    MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName, Dimensions }, Period: 60, Stat },
    ReturnData: true,
  });
  return [
    metric('Requests', 'RequestCount', 'Sum'),
    metric('Errors', 'HTTPCode_Target_5XX_Count', 'Sum'),
    metric('P99', 'TargetResponseTime', 'p99'),
  ];
}

/** Reads both sides over the window (GetMetricData, NextToken paging). */
export async function readSides(
  client: CloudWatchClient,
  plan: Plan,
  window: Window,
): Promise<{ green: SideNumbers; blue: SideNumbers }> {
  const values = new Map<string, number[]>();
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: [...queries(plan, plan.green, 'green'), ...queries(plan, plan.blue, 'blue')],
        StartTime: new Date(window.start),
        EndTime: new Date(window.end),
        NextToken,
      }),
    );
    for (const result of page.MetricDataResults ?? []) {
      values.set(result.Id ?? '', [...(values.get(result.Id ?? '') ?? []), ...(result.Values ?? [])]);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  const side = (prefix: string): SideNumbers => {
    const requests = Math.round(sum(values.get(`${prefix}Requests`)));
    const errors5xx = Math.round(sum(values.get(`${prefix}Errors`)));
    const p99 = values.get(`${prefix}P99`) ?? [];
    return {
      requests,
      errors5xx,
      ...(requests ? { rate5xx: errors5xx / requests } : {}),
      ...(p99.length ? { p99Ms: Math.round(Math.max(...p99) * 1000) } : {}),
    };
  };
  return { green: side('green'), blue: side('blue') };
}

const sum = (list: number[] = []) => list.reduce((total, value) => total + value, 0);

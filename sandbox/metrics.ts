// The test knob on an ALB target group's CloudWatch metrics: what GetMetricData then reports per minute for it
// (RequestCount, HTTPCode_Target_5XX_Count, TargetResponseTime), e.g. a green target group that degrades or gets too
// few requests to judge. The seed declares the same generators (sandbox/seed/estate/cloudwatch-svc.yaml).
import type { SandboxAccount } from './account.ts';
import type { MetricRec } from './state.ts';

export interface TargetGroupTraffic {
  /** Requests per minute. */
  requestsPerMinute?: number;
  /** 5XX answers per minute. */
  errorsPerMinute?: number;
  /** TargetResponseTime in milliseconds. */
  responseMs?: number;
}

/** `arn:...:targetgroup/<name>/<id>` -> the TargetGroup dimension value `targetgroup/<name>/<id>`. */
export const targetGroupDimension = (arn: string) => arn.slice(arn.indexOf('targetgroup/'));

/**
 * Sets the per-minute generators of a target group's metrics in `region` (steady: no jitter, no spike); creates them
 * when the seed has none. `loadBalancer` is the LoadBalancer dimension (`app/<name>/<id>`).
 */
export function setTargetGroupTraffic(
  account: SandboxAccount,
  where: { region: string; targetGroupArn: string; loadBalancer: string },
  traffic: TargetGroupTraffic,
): void {
  const metrics = account.region(where.region).cloudwatch.metrics;
  const dimensions = [
    { Name: 'TargetGroup', Value: targetGroupDimension(where.targetGroupArn) },
    { Name: 'LoadBalancer', Value: where.loadBalancer },
  ];
  const set = (MetricName: string, Unit: string, baseline: number | undefined) => {
    if (baseline === undefined) return;
    const same = (metric: MetricRec) =>
      metric.Namespace === 'AWS/ApplicationELB' &&
      metric.MetricName === MetricName &&
      metric.Dimensions.some((d) => d.Name === 'TargetGroup' && d.Value === dimensions[0].Value);
    const kept = metrics.filter((metric) => !same(metric));
    kept.push({ Namespace: 'AWS/ApplicationELB', MetricName, Dimensions: dimensions, Unit, baseline, jitter: 0 });
    metrics.splice(0, metrics.length, ...kept);
  };
  set('RequestCount', 'Count', traffic.requestsPerMinute);
  set('HTTPCode_Target_5XX_Count', 'Count', traffic.errorsPerMinute);
  set('TargetResponseTime', 'Seconds', traffic.responseMs === undefined ? undefined : traffic.responseMs / 1000);
}

// GetAnomalies for the last 7 days (Cost Anomaly Detection's monitors, all of them): every anomaly whose last
// day falls in the window and whose total impact reaches the configured minimum. Paginated by NextPageToken.
import { type Anomaly, type CostExplorerClient, GetAnomaliesCommand } from '@aws-sdk/client-cost-explorer';
import type { CostPlan } from '../plan/plan.ts';

export interface CostAnomaly {
  id: string;
  start?: string;
  end?: string;
  /** The monitored dimension value (the service for a services monitor). */
  dimension?: string;
  service?: string;
  region?: string;
  usageType?: string;
  totalImpactUsd: number;
  maxImpactUsd: number;
  impactPercentage?: number;
  actualSpendUsd?: number;
  expectedSpendUsd?: number;
  score?: number;
  feedback?: string;
}

export interface AnomalyReading {
  status: 'ok';
  requests: number;
  window: { start: string; end: string };
  anomalies: CostAnomaly[];
}

const day = (date: string | undefined) => date?.slice(0, 10);

export function toCostAnomaly(anomaly: Anomaly): CostAnomaly {
  const cause = anomaly.RootCauses?.[0];
  return {
    id: anomaly.AnomalyId ?? '',
    start: day(anomaly.AnomalyStartDate),
    end: day(anomaly.AnomalyEndDate),
    dimension: anomaly.DimensionValue,
    service: cause?.Service ?? anomaly.DimensionValue,
    region: cause?.Region,
    usageType: cause?.UsageType,
    totalImpactUsd: anomaly.Impact?.TotalImpact ?? anomaly.Impact?.MaxImpact ?? 0,
    maxImpactUsd: anomaly.Impact?.MaxImpact ?? 0,
    impactPercentage: anomaly.Impact?.TotalImpactPercentage,
    actualSpendUsd: anomaly.Impact?.TotalActualSpend,
    expectedSpendUsd: anomaly.Impact?.TotalExpectedSpend,
    score: anomaly.AnomalyScore?.MaxScore,
    feedback: anomaly.Feedback,
  };
}

export async function readAnomalies(
  client: CostExplorerClient,
  plan: CostPlan,
  minImpactUsd: number,
): Promise<AnomalyReading> {
  const anomalies: CostAnomaly[] = [];
  let requests = 0;
  let NextPageToken: string | undefined;
  do {
    const page = await client.send(
      new GetAnomaliesCommand({
        DateInterval: { StartDate: plan.anomalies.start, EndDate: plan.anomalies.end },
        ...(minImpactUsd > 0
          ? { TotalImpact: { NumericOperator: 'GREATER_THAN_OR_EQUAL', StartValue: minImpactUsd } }
          : {}),
        NextPageToken,
      }),
    );
    requests += 1;
    anomalies.push(...(page.Anomalies ?? []).map(toCostAnomaly));
    NextPageToken = page.NextPageToken;
  } while (NextPageToken);
  anomalies.sort((a, b) => b.totalImpactUsd - a.totalImpactUsd);
  return { status: 'ok', requests, window: plan.anomalies, anomalies };
}

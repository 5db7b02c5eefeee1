// Pre-check: the replication lag (the runbook: below 1000 ms), from the CloudWatch metric of the secondary cluster
// in the secondary region (GetMetricData, one-minute maxima of the last minutes). Its last reading is the estimated
// data loss of an unplanned failover; no reading at all is a problem for a planned one.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { type Problem, refusal, result } from '../checks.ts';
import { RegionalFailover } from '../config.ts';
import { topologyOf } from '../topology.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({}),
  run: async (_input, { config, now }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const { database } = settings;
    const check = 'replication lag';
    const problems: Problem[] = [];
    const found: string[] = [];
    let lastLagMs: number | null = null;
    let lastAt: string | null = null;
    try {
      const end = now();
      const answer = await awsClient(CloudWatchClient, secondaryRegion).send(
        new GetMetricDataCommand({
          StartTime: new Date(end.getTime() - database.lagWindowMinutes * 60_000),
          EndTime: end,
          ScanBy: 'TimestampDescending',
          MetricDataQueries: [
            {
              Id: 'lag',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/RDS',
                  MetricName: database.lagMetric,
                  Dimensions: [{ Name: 'DBClusterIdentifier', Value: database.secondaryClusterId }],
                },
                Period: 60,
                Stat: 'Maximum',
              },
            },
          ],
        }),
      );
      const series = answer.MetricDataResults?.[0];
      // AuroraBinlogReplicaLag is in seconds; the other two in milliseconds.
      const scale = database.lagMetric === 'AuroraBinlogReplicaLag' ? 1000 : 1;
      if (series?.Values?.length) {
        lastLagMs = Math.round(series.Values[0] * scale);
        lastAt = series.Timestamps?.[0]?.toISOString() ?? null;
        const highest = Math.round(Math.max(...series.Values) * scale);
        found.push(
          `${database.lagMetric} of ${database.secondaryClusterId}: last ${lastLagMs} ms at ${lastAt}, highest ${highest} ms in ${database.lagWindowMinutes} min`,
        );
        if (lastLagMs >= database.maxLagMs) {
          problems.push({
            check,
            text: `replication lag ${lastLagMs} ms, at or above the limit of ${database.maxLagMs} ms`,
            blocks: 'planned',
          });
        }
      } else {
        problems.push({
          check,
          text: `no ${database.lagMetric} reading in the last ${database.lagWindowMinutes} min`,
          blocks: 'planned',
        });
      }
    } catch (error) {
      problems.push({ check, text: `lag metric not readable: ${refusal(error)}`, blocks: 'planned' });
    }
    return { ...result(check, found, problems), lastLagMs, lastAt };
  },
});

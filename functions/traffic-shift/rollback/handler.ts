import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { failureNotice } from '../../shared/notify/refusal.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { TrafficShift } from '../config.ts';
import type { Judgement } from '../judge/judge.ts';
import { judgementText } from '../judge/judge.ts';
import type { Plan } from '../model/plan.ts';
import type { RunRecord } from '../model/record.ts';
import { type Outcome, renderReport } from '../model/report.ts';
import { rollBack } from './rollback.ts';

// The whole execution state ($) when a Catch, a failed judgement or a restore sent it here: what prepare returned
// (absent when it failed), the last judgement, the caught error; and the execution input as it came.
const Input = z.object({
  input: z.record(z.string(), z.unknown()).optional(),
  state: z.looseObject({
    prepared: z
      .looseObject({
        kind: z.enum(['shift', 'restore']),
        plan: z.custom<Plan>((value) => typeof value === 'object' && value !== null),
        owner: z.object({ Id: z.string(), Name: z.string() }).optional(),
        stopped: z.object({ name: z.string(), status: z.string() }).optional(),
      })
      .optional(),
    judge: z.looseObject({ verdict: z.string(), judgement: z.custom<Judgement>() }).optional(),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  }),
});

export const handler = makeHandler({
  playbook: 'traffic-shift',
  config: { trafficShift: TrafficShift },
  input: Input,
  run: async ({ input, state }, ctx) => {
    const { config, runtime, execution, audit, now } = ctx;
    const { prepared, judge, error } = state;
    const failedJudgement = !error && judge?.verdict === 'fail' ? judge.judgement : undefined;
    const reason = failedJudgement
      ? failedJudgement.reasons.join('; ')
      : prepared?.kind === 'restore'
        ? `${prepared.stopped?.name} was ${prepared.stopped?.status}`
        : causeMessage(error?.Cause) || error?.Error || 'unknown error';
    let outcome: Outcome = 'refused';
    let record: RunRecord | undefined;
    if (prepared && !prepared.plan.dryRun) {
      const restoring = prepared.kind === 'restore';
      outcome = restoring ? 'restored' : 'rolled-back';
      record = await rollBack(
        prepared.plan,
        prepared.owner ?? execution,
        restoring ? 'restored' : 'rolled-back',
        reason,
        {
          elbv2: awsClient(ElasticLoadBalancingV2Client, prepared.plan.region),
          s3: awsClient(S3Client, config.regions[0]),
          bucket: runtime.reportsBucket,
          audit,
          now: now(),
        },
      );
    }
    const { report, html, notice, title } = renderReport({
      outcome,
      plan: prepared?.plan,
      record,
      reason,
      failedJudgement,
      actions: record?.actions ?? audit.records,
      severity: outcome === 'refused' ? 'SEV4' : config.playbooks.trafficShift.rollbackSeverity,
      request: input,
    });
    // Input refused at run time (an unconfigured service, an unknown rule) is rejected input: SNS only, SEV4.
    const sent = outcome === 'refused' && error ? failureNotice(notice, error) : notice;
    const published = await publishReport('traffic-shift', { json: report, html }, sent, ctx);
    const cause = JSON.stringify({
      summary: title,
      ...(failedJudgement ? {} : { reason }),
      ...(failedJudgement ? { judgement: judgementText(failedJudgement), numbers: failedJudgement } : {}),
      ...(error ? { error: error.Error } : {}),
    });
    return {
      outcome,
      summary: title,
      error: outcome === 'refused' ? (error?.Error ?? 'TrafficShiftRefused') : 'TrafficShiftRolledBack',
      cause: cause.slice(0, 32_000),
      ...published,
    };
  },
});

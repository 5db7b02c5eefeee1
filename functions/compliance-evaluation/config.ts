// compliance-evaluation's block under `playbooks.complianceEvaluation` in config/*.yml.
import * as z from 'zod';
import { scheduleWithDefault } from '../shared/config/primitives.ts';

export const ComplianceEvaluation = z.strictObject({
  schedule: scheduleWithDefault('cron(0 1 * * ? *)'),
  /** Only rules whose name starts with one of these; empty means every rule in the region. */
  ruleNamePrefixes: z.array(z.string().min(1)).default([]),
  /** How long the state machine waits for evaluations before reading compliance. */
  evaluationWaitSeconds: z.number().int().min(0).max(3600).default(120),
  /** Reading compliance is retried this many times while evaluations are still running. */
  maxPolls: z.number().int().min(1).max(20).default(5),
});

/** The block with its defaults applied. */
export type ComplianceEvaluationSettings = z.output<typeof ComplianceEvaluation>;

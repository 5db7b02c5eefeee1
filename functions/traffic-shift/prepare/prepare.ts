// The first step of a shift: the plan from the input, the lock on the rule (a second shift of the same rule is
// refused, naming the running execution), the runbook's prerequisites, the rule saved for rollback in the run
// record. A failed check lets go of the lock at once: nothing was changed. A dry run takes no lock and writes no
// record, but says whether a shift is running.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { S3Client } from '@aws-sdk/client-s3';
import { acquireLock, activeLocks, lockedMessage, releaseLock } from '../../shared/claims/locks.ts';
import { writeRunRecord } from '../../shared/claims/records.ts';
import type { GlobalConfig } from '../../shared/config/config.ts';
import { AutopilotError } from '../../shared/errors/errors.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import type { TrafficShiftSettings } from '../config.ts';
import { canaryPriority } from '../model/canary.ts';
import type { Plan } from '../model/plan.ts';
import type { RunRecord } from '../model/record.ts';
import { readRule } from '../model/rule.ts';
import { checkGreenHealth, checkGuardAlarms, checkRule, PreCheckFailedError, type PreChecks } from './checks.ts';
import { type ManualInput, planOf } from './input.ts';

/** Another execution holds the lock on the rule; nothing was changed. */
export class TargetLockedError extends AutopilotError {}

export interface PrepareDeps {
  elbv2: ElasticLoadBalancingV2Client;
  cloudwatch: CloudWatchClient;
  s3: S3Client;
  bucket: string;
  execution: ExecutionRef;
  now: Date;
}

/**
 * The plan of a shift with the rule saved, the lock held and the prerequisites checked.
 * @throws TargetLockedError naming the execution that holds the rule, PreCheckFailedError, ResourceNotFoundError,
 * InvalidInputError; nothing was changed (the lock is let go again).
 */
export async function prepareShift(
  input: ManualInput,
  settings: TrafficShiftSettings,
  config: GlobalConfig,
  recordKey: string,
  deps: PrepareDeps,
): Promise<{ plan: Plan; checks: PreChecks }> {
  const draft = planOf(input, settings, config, recordKey);
  if (draft.dryRun) {
    const running = await activeLocks(deps.s3, deps.bucket, { now: deps.now, playbooks: ['traffic-shift'] });
    const holder = running.find((lock) => lock.target === draft.lockTarget);
    if (holder) throw new TargetLockedError(lockedMessage(holder));
  } else {
    const lock = await acquireLock(deps.s3, deps.bucket, {
      target: draft.lockTarget,
      playbook: 'traffic-shift',
      executionId: deps.execution.Id,
      executionName: deps.execution.Name,
      ttlSeconds: draft.lockTtlSeconds,
      now: deps.now,
    });
    if (!lock.acquired) throw new TargetLockedError(lockedMessage(lock.holder));
  }
  try {
    const rule = await readRule(deps.elbv2, draft.ruleArn);
    const plan: Plan = {
      ...draft,
      savedActions: rule.Actions ?? [],
      ruleConditions: (rule.Conditions ?? []) as Plan['ruleConditions'],
      ruleIsDefault: Boolean(rule.IsDefault),
      rulePriority: rule.Priority ?? 'default',
    };
    const blueShare = checkRule(rule, plan);
    const greenTargets = await checkGreenHealth(deps.elbv2, plan);
    const alarms = await checkGuardAlarms(deps.cloudwatch, plan);
    if (plan.mode === 'canary' && (await canaryPriority(deps.elbv2, plan)) === undefined) {
      throw new PreCheckFailedError(`no free rule priority before ${plan.ruleArn} for the canary's header rule`);
    }
    if (!plan.dryRun) {
      const record: RunRecord = {
        executionId: deps.execution.Id,
        executionName: deps.execution.Name,
        startedAt: deps.now.toISOString(),
        status: 'shifting',
        plan,
        judgements: [],
        actions: [],
      };
      await writeRunRecord(deps.s3, deps.bucket, plan.recordKey, record);
    }
    return { plan, checks: { greenTargets, alarms, blueShare } };
  } catch (error) {
    if (!draft.dryRun) await releaseLock(deps.s3, deps.bucket, draft.lockTarget, deps.execution.Id);
    throw error;
  }
}

// Mitigations attached to the incident's alarm (config `mitigations`): those without approval run when the incident
// opens; those that need one (a regional failover always) go back to the state machine, which asks a human (task
// token) and calls again with the answer. Each action runs at most once per incident (a claim per action), its
// outcome lands on the timeline and in the audit trail, and a failing one never stops the others or the incident.
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { capacityLockTarget } from '../../shared/capacity/targets.ts';
import { claimFor } from '../../shared/claims/claims.ts';
import { acquireLock, lockedMessage, releaseLock } from '../../shared/claims/locks.ts';
import type { Recorder } from '../../shared/instance/steps.ts';
import type { IncidentResponseSettings } from '../config.ts';
import { actionsFor, describeAction, type MitigationAction, needsApproval, playbookOf } from '../model/mitigations.ts';
import { WORK_PREFIX } from '../model/record.ts';
import { addLine, type Store, updateRecord } from '../model/store.ts';
import { scaleOut, setCircuitBreaker, startPlaybook } from './actions.ts';

export interface MitigateDeps {
  store: Store;
  autoscaling: (region: string) => AutoScalingClient;
  ssm: (region: string) => SSMClient;
  sfn: SFNClient;
  settings: IncidentResponseSettings;
  home: string;
  account: string;
  stage: string;
  execution: { Id: string; Name: string };
  recorder: Recorder;
  now: () => Date;
}

/** One approval the state machine must ask for. */
export interface PendingMitigation {
  incidentId: string;
  index: number;
  summary: string;
  approvalSeconds: number;
}

const stateMachineArn = (deps: MitigateDeps, playbook: string) =>
  `arn:aws:states:${deps.home}:${deps.account}:stateMachine:idp-autopilot-${deps.stage}-${playbook}`;

async function perform(action: MitigationAction, incidentId: string, deps: MitigateDeps, dryRun: boolean) {
  switch (action.type) {
    case 'scale-out': {
      const region = action.region ?? deps.home;
      const target = capacityLockTarget('asg', region, action.autoScalingGroup);
      if (dryRun) return scaleOut(deps.autoscaling(region), action.autoScalingGroup, action.increaseBy, true);
      const lock = await acquireLock(deps.store.s3, deps.store.bucket, {
        target,
        playbook: 'incident-response',
        executionId: deps.execution.Id,
        executionName: deps.execution.Name,
        ttlSeconds: 300,
        now: deps.now(),
      });
      if (!lock.acquired) return { changed: false, text: `not scaled: ${lockedMessage(lock.holder)}` };
      try {
        return await scaleOut(deps.autoscaling(region), action.autoScalingGroup, action.increaseBy, false);
      } finally {
        await releaseLock(deps.store.s3, deps.store.bucket, target, deps.execution.Id);
      }
    }
    case 'circuit-breaker':
      return setCircuitBreaker(deps.ssm(action.region ?? deps.home), action.parameter, action.value, dryRun);
    default: {
      const playbook = playbookOf(action)!;
      const name = `${incidentId}-${playbook}`.slice(0, 80);
      return startPlaybook(deps.sfn, stateMachineArn(deps, playbook), name, action.input, dryRun);
    }
  }
}

/** Runs action `index` once per incident (a claim), records it; the timeline line says what happened. */
export async function runAction(
  incidentId: string,
  index: number,
  action: MitigationAction,
  deps: MitigateDeps,
  context: { dryRun: boolean; approvedBy?: string },
): Promise<string> {
  const claim = `${WORK_PREFIX}${incidentId}/mitigation-${index}.json`;
  if (
    !context.dryRun &&
    !(await claimFor(deps.store.s3, deps.store.bucket, claim, { executionId: deps.execution.Id }))
  ) {
    return `${describeAction(action)}: already run for ${incidentId}`;
  }
  const planned = {
    action: `incident-response:${action.type}`,
    resource: describeAction(action),
    region: action.type === 'scale-out' || action.type === 'circuit-breaker' ? (action.region ?? deps.home) : deps.home,
    detail: { incidentId, ...(context.approvedBy ? { approvedBy: context.approvedBy } : {}) },
  };
  let text: string;
  try {
    const result = await perform(action, incidentId, deps, context.dryRun);
    deps.recorder.note({
      ...planned,
      outcome: context.dryRun ? 'dry-run' : result.changed ? 'done' : 'skipped',
      detail: { ...planned.detail, result: result.text },
    });
    text = `${context.approvedBy ? `approved by ${context.approvedBy}: ` : ''}${result.text}`;
  } catch (error) {
    const { name, message } = error as Error;
    deps.recorder.note({ ...planned, outcome: 'failed', detail: { ...planned.detail, error: `${name}: ${message}` } });
    text = `${describeAction(action)} failed: ${name}: ${message}`;
  }
  if (!context.dryRun) {
    await updateRecord(deps.store, incidentId, (r) => {
      addLine(r, { kind: 'mitigation', text: `Mitigation: ${text}` }, deps.now());
      return true;
    });
  }
  return text;
}

/** Starts the automatic mitigations of the incident's alarm; returns what ran and what waits for approval. */
export async function startMitigations(
  incidentId: string,
  alarmName: string,
  deps: MitigateDeps,
  dryRun: boolean,
): Promise<{ done: string[]; pending: PendingMitigation[] }> {
  const done: string[] = [];
  const pending: PendingMitigation[] = [];
  const actions = actionsFor(deps.settings, alarmName);
  for (const [index, action] of actions.entries()) {
    if (needsApproval(action) && !dryRun) {
      pending.push({
        incidentId,
        index,
        summary: describeAction(action),
        approvalSeconds: deps.settings.mitigationApprovalSeconds,
      });
      continue;
    }
    done.push(await runAction(incidentId, index, action, deps, { dryRun }));
  }
  return { done, pending };
}

/** Records that an approval-gated mitigation was not approved (rejected, timed out, or the request failed). */
export async function refuseAction(incidentId: string, action: MitigationAction, why: string, deps: MitigateDeps) {
  const text = `${describeAction(action)} not started: ${why}`;
  deps.recorder.note({
    action: `incident-response:${action.type}`,
    resource: describeAction(action),
    region: deps.home,
    outcome: 'skipped',
    detail: { incidentId, why },
  });
  await updateRecord(deps.store, incidentId, (r) => {
    addLine(r, { kind: 'mitigation', text: `Mitigation: ${text}` }, deps.now());
    return true;
  });
  return text;
}

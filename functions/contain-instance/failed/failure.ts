// When any step of contain-instance fails (bad input, an unknown instance, an AWS error, a verification that finds
// anything but the isolation group, an approval nobody answered): one alert that says what failed and everything
// that was done before it, the claim on the instance let go (so the next finding or a re-run can finish the job;
// every step is idempotent), and the report. A failure after the gate pages: the instance may be half-contained.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import type { CaseInfo } from '../../shared/instance/case.ts';
import { allActions } from '../../shared/instance/render.ts';
import type { Notice } from '../../shared/notify/message.ts';
import type { GateResult } from '../gate/gate.ts';
import type { ContainSteps } from '../report/summarize.ts';

export interface FailedRun {
  input?: Record<string, unknown>;
  gate?: GateResult & { actions?: AuditRecord[] };
  steps?: ContainSteps;
  error: { Error?: string; Cause?: string };
}

/** The containment steps in order, as the state machine runs them. */
const STEP_ORDER: { key: keyof ContainSteps; label: string }[] = [
  { key: 'capture', label: 'capture evidence' },
  { key: 'protect', label: 'protect evidence' },
  // These three run in one Parallel state: when it fails, none of their results is kept.
  { key: 'snapshot', label: 'forensic snapshots, take out of service or prepare isolation groups' },
  { key: 'detach', label: 'take out of service' },
  { key: 'prepare', label: 'prepare isolation groups' },
  { key: 'isolate', label: 'network isolation' },
  { key: 'credentials', label: 'replace credentials' },
  { key: 'verify', label: 'verify isolation' },
];

/** The first step without a result is the one that failed (the gate, when there is no case yet). */
export function failedStep(run: FailedRun): string {
  if (run.error.Error === 'States.Timeout') return 'wait for approval (nobody answered in time)';
  if (!run.gate) return 'gate (input and instance checks)';
  const steps = run.steps ?? {};
  return STEP_ORDER.find((step) => !steps[step.key])?.label ?? 'report';
}

/** The instance the run was about, from the gate or, when the gate failed, from the raw input. */
export function subjectOf(run: FailedRun): string {
  if (run.gate) return run.gate.case.instanceId;
  const input = run.input as {
    instanceId?: unknown;
    detail?: { resource?: { instanceDetails?: { instanceId?: unknown } } };
  };
  const id = input?.instanceId ?? input?.detail?.resource?.instanceDetails?.instanceId;
  return typeof id === 'string' ? id : 'an unidentified instance';
}

export function summarizeFailure(run: FailedRun) {
  const steps = run.steps ?? {};
  const theCase: CaseInfo | undefined = run.gate?.case;
  const actions = allActions(run.gate, ...STEP_ORDER.map((step) => steps[step.key]));
  const done = actions.filter((action) => action.outcome === 'done');
  const where = failedStep(run);
  const message = causeMessage(run.error.Cause) || run.error.Error || 'unknown error';
  const badInput = !run.gate && ['InvalidInputError', 'ResourceNotFoundError'].includes(run.error.Error ?? '');
  const instance = subjectOf(run);
  const title = badInput
    ? `contain-instance refused its input for ${instance}: ${message}`
    : `Containment of ${instance} FAILED at ${where}`;
  const facts: Record<string, string | number> = {
    ...(theCase ? { Case: theCase.caseId } : {}),
    Instance: instance,
    'Failed at': where,
    Error: `${run.error.Error ?? 'Error'}: ${message}`.slice(0, 500),
    'Done before the failure': done.length
      ? done
          .map((a) => `${a.action} ${a.resource}`)
          .join('; ')
          .slice(0, 1500)
      : 'nothing',
    ...(theCase?.finding ? { Finding: `${theCase.finding.type} (${theCase.finding.id})` } : {}),
  };
  const notice: Omit<Notice, 'playbook' | 'link'> = {
    kind: badInput ? 'rejected' : 'alert',
    // Bad input changed nothing; anything later may have left the instance half-contained: page.
    severity: badInput ? 'SEV4' : 'SEV1',
    title,
    impact: badInput
      ? 'Nothing was changed'
      : `${instance} may be only partly contained (${done.length} action(s) done)`,
    status: badInput
      ? 'Fix the input and start again'
      : 'Containment failed: act by hand or fix and re-run (every step is idempotent)',
    facts,
    dedupKey: theCase?.caseId,
  };
  const report = {
    playbook: 'contain-instance',
    outcome: 'failed',
    caseId: theCase?.caseId,
    instanceId: instance,
    failedAt: where,
    error: run.error,
    case: theCase,
    actions,
  };
  return { report, notice, title, facts, actions };
}

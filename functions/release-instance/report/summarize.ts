// The release report and its notice: the runbook's "resolved" template when the instance is back, an alert when a
// release failed half-way (what was restored, what was not), a plain report for dry runs and rejections.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import type { CaseInfo } from '../../shared/instance/case.ts';
import { casePage } from '../../shared/instance/render.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { failureNotice } from '../../shared/notify/refusal.ts';
import { describeStep, type ReleasePlan } from '../plan/model.ts';

export type ReleaseOutcome = 'released' | 'dry-run' | 'nothing' | 'rejected' | 'failed';

export interface ReleaseRun {
  outcome: 'released' | 'decided' | 'rejected' | 'failed';
  input?: Record<string, unknown>;
  plan?: ReleasePlan & { actions?: AuditRecord[] };
  restore?: { restored: number; actions?: AuditRecord[] };
  error?: { Error?: string; Cause?: string };
}

export function outcomeOf(run: ReleaseRun): ReleaseOutcome {
  if (run.outcome === 'failed' || run.outcome === 'rejected') return run.outcome;
  if (run.outcome === 'decided') return 'nothing';
  return run.plan?.case.dryRun ? 'dry-run' : 'released';
}

export function summarizeRelease(run: ReleaseRun, finalActions: AuditRecord[]) {
  const outcome = outcomeOf(run);
  const plan = run.plan;
  const theCase: Partial<CaseInfo> = plan?.case ?? {
    instanceId: String(run.input?.instanceId ?? 'an unidentified instance'),
  };
  const actions = [...(plan?.actions ?? []), ...(run.restore?.actions ?? []), ...finalActions];
  const steps = (plan?.steps ?? []).map(describeStep);
  const error = run.error ? `${run.error.Error ?? 'Error'}: ${causeMessage(run.error.Cause)}` : undefined;
  const title = {
    released: `Instance ${theCase.instanceId} released from ${theCase.caseId}: back in service`,
    'dry-run': `Dry run: releasing ${theCase.instanceId} would make ${steps.length} change(s)`,
    nothing: `Release of ${theCase.instanceId}: ${plan?.why ?? 'nothing to do'}`,
    rejected: `Release of ${theCase.instanceId} rejected: it stays contained`,
    failed: `Release of ${theCase.instanceId} FAILED`,
  }[outcome];
  const facts: Record<string, string | number | undefined> = {
    Case: theCase.caseId,
    Instance: theCase.instanceId,
    Reason: theCase.reason,
    Evidence: plan?.evidence ? `${plan.evidence.uri} (SHA-256 ${plan.evidence.sha256})` : undefined,
    Restored: steps.join('; ') || undefined,
    Error: error,
    'Done before the failure':
      outcome === 'failed'
        ? actions
            .filter((a) => a.outcome === 'done')
            .map((a) => `${a.action} ${a.resource}`)
            .join('; ') || 'nothing'
        : undefined,
  };
  const shown = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
  const report = {
    playbook: 'release-instance',
    outcome,
    caseId: theCase.caseId,
    case: theCase,
    plan,
    error: run.error,
    actions,
  };
  const html = casePage(title, plan?.why ?? error ?? '', facts, actions);
  const base = { title, facts: shown, dedupKey: theCase.caseId };
  const notices: Record<ReleaseOutcome, Omit<Notice, 'playbook' | 'link'> | undefined> = {
    released: {
      ...base,
      kind: 'resolved',
      severity: 'SEV3',
      rootCause: 'see the case report of containment',
      nextSteps: 'Post-mortem; the forensic snapshots and the evidence stay in place',
    },
    'dry-run': { ...base, kind: 'report', severity: 'SEV4', status: 'Dry run: nothing changed' },
    nothing: undefined,
    rejected: { ...base, kind: 'update', severity: 'SEV4', status: 'Release rejected: the instance stays contained' },
    failed: failureNotice(
      {
        ...base,
        kind: 'alert',
        severity: plan ? 'SEV2' : 'SEV3',
        impact: plan ? `${theCase.instanceId} may be partly restored` : 'Nothing was changed',
        status: 'Release failed: fix and re-run (it restores only what still differs)',
      },
      plan ? undefined : run.error,
    ),
  };
  return { outcome, report, html, title, notice: notices[outcome] };
}

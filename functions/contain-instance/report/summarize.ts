// Turns a contain-instance run into the case report (JSON + HTML) and the one notice a human reads: the runbook's
// incident alert for a containment (SEV from the GuardDuty severity), an update for a newer finding on a contained
// instance or a rejected approval, a plain report for dry runs, samples and skips. Repeats get no notice.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import { severityLabel } from '../../shared/guardduty/finding.ts';
import { releaseHint } from '../../shared/instance/case.ts';
import { allActions, casePage } from '../../shared/instance/render.ts';
import type { Notice } from '../../shared/notify/message.ts';
import type { Captured } from '../capture/capture.ts';
import type { NotDetached } from '../detach/detach.ts';
import type { GateResult } from '../gate/gate.ts';
import type { Isolation } from '../isolate/isolate.ts';
import type { VpcGroups } from '../prepare/groups.ts';
import type { Snapshots } from '../snapshot/snapshot.ts';
import type { Verified } from '../verify/verify.ts';

type Step<T = object> = (T & { actions?: AuditRecord[] }) | undefined;

export interface ContainSteps {
  capture?: Step<Captured>;
  protect?: Step<{ changed: string[] }>;
  snapshot?: Step<Snapshots>;
  detach?: Step<{ detachedFrom?: string; notDetached?: NotDetached; deregisteredFrom: string[] }>;
  prepare?: Step<{ groups: VpcGroups[] }>;
  isolate?: Step<Isolation>;
  credentials?: Step<{ profile?: { from: string; to: string }; revokedRoles: string[] }>;
  verify?: Step<Verified>;
}

export type Outcome = 'contained' | 'dry-run' | 'sample' | 'skipped' | 'repeat' | 'update' | 'rejected';

export interface ContainRun {
  outcome: Outcome;
  gate: GateResult & { actions?: AuditRecord[] };
  steps?: ContainSteps;
  /** rejected: the approval step's error (who, why). */
  approvalError?: { Error?: string; Cause?: string };
  /** Records of this (last) step: tags, markers. */
  finalActions: AuditRecord[];
}

export function outcomeOf(gate: GateResult, requested: 'contained' | 'decided' | 'rejected'): Outcome {
  if (requested === 'rejected') return 'rejected';
  if (requested === 'contained') return gate.case.dryRun ? 'dry-run' : 'contained';
  return (
    ({ skip: 'skipped', sample: 'sample', repeat: 'repeat', update: 'update' } as Record<string, Outcome>)[
      gate.decision
    ] ?? 'skipped'
  );
}

function describeInstance(gate: GateResult): string {
  const name = gate.evidence?.tags.Name;
  const account = gate.case.accountId ? ` in account ${gate.case.accountId}` : '';
  return `${gate.case.instanceId}${name ? ` (${name})` : ''}${account}`;
}

function findingFacts(gate: GateResult): Record<string, string | number> {
  const finding = gate.case.finding;
  if (!finding) return { Request: `by hand: ${gate.case.reason}` };
  return {
    Finding: `${finding.type} (${finding.id})`,
    'GuardDuty severity': `${finding.severity} ${severityLabel(finding.severity)}`,
    ...(finding.count ? { Occurrences: finding.count } : {}),
  };
}

function impactOf(gate: GateResult, steps: ContainSteps): string {
  const parts = [`${describeInstance(gate)} in ${gate.case.region} isolated`];
  if (steps.detach?.detachedFrom)
    parts.push(`detached from Auto Scaling group ${steps.detach.detachedFrom} (a replacement is launching)`);
  const held = steps.detach?.notDetached;
  if (held) parts.push(`NOT taken out of service: ${held.nextStep}`);
  if (steps.detach?.deregisteredFrom.length)
    parts.push(`deregistered from ${steps.detach.deregisteredFrom.length} target group(s)`);
  const to = steps.credentials?.profile?.to;
  if (to?.startsWith('(none'))
    parts.push('instance profile removed (the configured quarantine profile is missing: fix the deployment)');
  else if (to) parts.push(`instance profile replaced by ${to}`);
  return parts.join('; ');
}

export function summarizeContainment(run: ContainRun) {
  const { gate, outcome } = run;
  const steps = run.steps ?? {};
  const theCase = gate.case;
  const actions = [
    ...allActions(
      gate,
      steps.capture,
      steps.protect,
      steps.snapshot,
      steps.detach,
      steps.prepare,
      steps.isolate,
      steps.credentials,
      steps.verify,
    ),
    ...run.finalActions,
  ];
  const snapshots = steps.snapshot?.snapshots ?? [];
  const facts: Record<string, string | number | undefined> = {
    Case: theCase.caseId,
    Instance: describeInstance(gate),
    ...(theCase.accountId ? { Account: theCase.accountId } : {}),
    Region: theCase.region,
    ...findingFacts(gate),
    Decision: `${outcome}: ${gate.why}`,
    'Blast radius': gate.risks.map((risk) => risk.text).join('; ') || 'none found',
    Evidence: steps.capture ? `${steps.capture.uri} (SHA-256 ${steps.capture.sha256})` : undefined,
    Snapshots: snapshots.map((s) => `${s.snapshotId} (${s.volumeId})`).join(', ') || undefined,
    'Isolation groups': steps.isolate?.groups.map((g) => `${g.vpcId}: ${g.isolationGroupId}`).join(', '),
    'Elastic IPs disassociated': steps.isolate?.disassociatedAddresses.join(', ') || undefined,
    Credentials: steps.credentials?.profile
      ? `${steps.credentials.profile.from} -> ${steps.credentials.profile.to}`
      : undefined,
    'Role sessions revoked': steps.credentials?.revokedRoles.join(', ') || undefined,
    Verified: steps.verify
      ? steps.verify.verified
        ? 'only the isolation group on every ENI'
        : 'not checked (dry run)'
      : undefined,
    'Existing case': gate.existingCase ? `${gate.existingCase.caseId} (${gate.existingCase.state})` : undefined,
    Release: outcome === 'contained' ? releaseHint(theCase.instanceId, theCase.caseId) : undefined,
  };
  const title = {
    contained: `EC2 instance ${describeInstance(gate)} contained: ${theCase.finding?.type ?? theCase.reason}`,
    'dry-run': `Dry run: containing ${describeInstance(gate)} would take ${actions.filter((a) => a.outcome === 'dry-run').length} action(s)`,
    sample: `GuardDuty sample finding ${theCase.finding?.type ?? ''}: nothing contained`,
    skipped: `Not contained: ${theCase.instanceId}: ${gate.why}`,
    repeat: `Repeat of case ${gate.existingCase?.caseId ?? theCase.caseId} on ${theCase.instanceId}: nothing done again`,
    update: `New finding on contained instance ${theCase.instanceId}: ${theCase.finding?.type ?? theCase.reason}`,
    rejected: `Containment of ${describeInstance(gate)} rejected: NOT contained`,
  }[outcome];
  const report = {
    playbook: 'contain-instance',
    caseId: theCase.caseId,
    outcome,
    dryRun: theCase.dryRun,
    why: gate.why,
    case: theCase,
    risks: gate.risks,
    existingCase: gate.existingCase,
    evidence: steps.capture && { uri: steps.capture.uri, sha256: steps.capture.sha256, bytes: steps.capture.bytes },
    snapshots,
    outOfService: steps.detach && {
      autoScalingGroup: steps.detach.detachedFrom,
      ...(steps.detach.notDetached ? { notDetached: steps.detach.notDetached } : {}),
      targetGroups: steps.detach.deregisteredFrom,
    },
    isolation: steps.isolate && {
      groups: steps.isolate.groups,
      networkInterfaces: steps.isolate.networkInterfaces,
      disassociatedAddresses: steps.isolate.disassociatedAddresses,
    },
    credentials: steps.credentials && {
      profile: steps.credentials.profile,
      revokedRoles: steps.credentials.revokedRoles,
    },
    verification: steps.verify && {
      verified: steps.verify.verified,
      networkInterfaces: steps.verify.networkInterfaces,
    },
    approval: run.approvalError,
    actions,
  };
  // Under the title: what was done to the instance, or why nothing was (never the bare decision).
  const summary = outcome === 'contained' ? impactOf(gate, steps) : gate.why;
  const html = casePage(title, summary, facts, actions);
  return { report, html, title, notice: noticeOf(run, title, facts, steps) };
}

function noticeOf(
  run: ContainRun,
  title: string,
  facts: Record<string, string | number | undefined>,
  steps: ContainSteps,
): Omit<Notice, 'playbook' | 'link'> | undefined {
  const { gate, outcome } = run;
  const theCase = gate.case;
  const shown = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
  const base = { title, facts: shown, dedupKey: gate.existingCase?.caseId ?? theCase.caseId };
  switch (outcome) {
    case 'contained':
      return {
        ...base,
        kind: 'alert',
        severity: theCase.severity,
        impact: impactOf(gate, steps),
        status: steps.detach?.notDetached
          ? `Isolated but NOT taken out of service (${steps.detach.notDetached.lifecycleState}): act on the lifecycle hook`
          : 'Contained: forensic snapshots started, evidence stored; investigating',
        nextUpdate: 'In 15 minutes',
      };
    case 'update':
      return {
        ...base,
        kind: 'update',
        severity: theCase.severity,
        status: `Still contained under case ${gate.existingCase?.caseId}`,
      };
    case 'rejected':
      return {
        ...base,
        kind: 'update',
        severity: theCase.severity,
        status: 'Approval rejected: NOT contained',
        workaround: 'Contain by hand if the risk changes',
      };
    case 'dry-run':
      return { ...base, kind: 'report', severity: 'SEV4', status: 'Dry run: nothing changed' };
    case 'sample':
      return { ...base, kind: 'report', severity: 'SEV4', status: 'Sample finding: notify only' };
    case 'skipped':
      return gate.notify
        ? { ...base, kind: 'alert', severity: gate.refused ? 'SEV2' : 'SEV3', status: `Not contained: ${gate.why}` }
        : undefined;
    case 'repeat':
      return undefined;
  }
}

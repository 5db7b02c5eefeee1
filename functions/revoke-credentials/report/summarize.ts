// Turns a revoke-credentials run (its plan, each step's result, or the error that stopped it) into the report and
// the one notice a human reads. A repeat that changed nothing (every step already done) writes its report but sends
// no second message.

import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { RevokePlan } from '../../shared/credentials/model.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import { incidentSeverity } from '../../shared/guardduty/finding.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { failureNotice } from '../../shared/notify/refusal.ts';
import { actionsTable } from '../../shared/reports/actions.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';

interface StepResult {
  actions?: AuditRecord[];
  [key: string]: unknown;
}

export interface RevokeRun {
  plan?: RevokePlan;
  deactivation?: StepResult;
  denyPolicy?: StepResult;
  replacement?: StepResult & { secretName?: string; secretArn?: string; newAccessKeyId?: string };
  deletion?: StepResult & { deleted?: boolean; reason?: string };
  sessions?: StepResult & { revokedBefore?: string };
  error?: { Error?: string; Cause?: string };
  dryRun?: boolean;
  /** The execution input, for naming the subject when the run failed before it had a plan. */
  userName?: string;
  roleName?: string;
  accessKeyId?: string;
  detail?: { resource?: { accessKeyDetails?: { userName?: string; accessKeyId?: string } } };
  /** What reading IAM back found changed against the plan (a step can change IAM and fail before it records it). */
  readBack?: { changes: AuditRecord[]; error?: string };
}

export type RunOutcome = 'revoked' | 'already-done' | 'dry-run' | 'notify-only' | 'failed';

function subject(plan: RevokePlan | undefined, run: RevokeRun): string {
  if (!plan) {
    const named = run.detail?.resource?.accessKeyDetails ?? run;
    const { userName, accessKeyId } = named;
    const who = run.roleName ? `role ${run.roleName}` : userName ? `IAM user ${userName}` : 'the requested credentials';
    return accessKeyId ? `access key ${accessKeyId} (${who})` : who;
  }
  if (plan.finding?.sample) return 'a sample principal';
  if (plan.roleName) return `role ${plan.roleName}`;
  if (plan.userName)
    return plan.accessKeyId ? `access key ${plan.accessKeyId} of ${plan.userName}` : `IAM user ${plan.userName}`;
  return plan.userType === 'Root' ? 'the root user' : `a ${plan.userType ?? 'unknown'} principal`;
}

function nextSteps(plan: RevokePlan | undefined, outcome: RunOutcome, replaced: boolean): string[] {
  if (!plan || outcome === 'failed')
    return ['Read the error, fix the input or the account, and start the playbook again (it is idempotent)'];
  if (plan.finding?.sample) return ['None: GuardDuty sample findings describe no real principal'];
  const steps: string[] = [];
  if (plan.accessKeyId) {
    steps.push(
      `Review what the key did: aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=${plan.accessKeyId}`,
    );
  }
  if (plan.userType === 'Root') {
    steps.push(
      'Sign in as root: change the password, delete root access keys, make sure MFA is on, review account contacts',
    );
  }
  if (plan.persistenceSuspects.length)
    steps.push('Check the possible persistence listed above; delete what nobody recognises');
  if (plan.awsQuarantinePolicies.length)
    steps.push('AWS attached a quarantine policy: it stays until the AWS Support case is closed');
  if (plan.kind === 'role-sessions') {
    steps.push(
      'Find where the role credentials leaked from (instance, task, function) and contain it; new sessions still work',
    );
  }
  if (replaced) {
    steps.push(
      `The replacement key in Secrets Manager works once the deny-all policy is gone: run restore-credentials {"userName": "${plan.userName}"}`,
    );
  } else if (plan.kind === 'user-key' || plan.kind === 'user-deny') {
    steps.push(
      `False positive? Run restore-credentials {"userName": "${plan.userName}"${plan.kind === 'user-key' ? `, "accessKeyId": "${plan.accessKeyId}"` : ''}}`,
    );
  }
  return steps;
}

function buildReport(run: RevokeRun) {
  const { plan, error } = run;
  const recorded = [run.deactivation, run.denyPolicy, run.replacement, run.deletion, run.sessions].flatMap(
    (step) => step?.actions ?? [],
  );
  const isRecorded = (change: AuditRecord) =>
    recorded.some((action) => action.action === change.action && action.outcome === 'done');
  const actions: AuditRecord[] = [
    ...recorded,
    ...(run.readBack?.changes ?? []).filter((change) => !isRecorded(change)),
  ];
  const changed = actions.filter((action) => action.outcome === 'done');
  const wouldChange = actions.filter((action) => action.outcome === 'dry-run');
  const dryRun = plan?.dryRun ?? run.dryRun ?? false;
  const outcome: RunOutcome = error
    ? 'failed'
    : plan?.kind === 'notify-only'
      ? 'notify-only'
      : dryRun
        ? 'dry-run'
        : changed.length
          ? 'revoked'
          : 'already-done';
  const who = subject(plan, run);
  const report = {
    playbook: 'revoke-credentials',
    outcome,
    dryRun,
    subject: who,
    reason: plan?.reason,
    finding: plan?.finding,
    mode: plan?.mode,
    key: plan?.key,
    otherKeys: plan?.otherKeys ?? [],
    loginProfile: plan?.loginProfile,
    persistenceSuspects: plan?.persistenceSuspects ?? [],
    awsQuarantinePoliciesLeftInPlace: plan?.awsQuarantinePolicies ?? [],
    role: plan?.role && {
      ...plan.role,
      principalsSharingIt: plan.role.trustedPrincipals.length + plan.role.instanceProfiles.length,
    },
    replacement: run.replacement && {
      secretName: run.replacement.secretName,
      newAccessKeyId: run.replacement.newAccessKeyId,
    },
    deletion: run.deletion && { deleted: run.deletion.deleted, reason: run.deletion.reason },
    sessionsRevokedBefore: run.sessions?.revokedBefore,
    error: error && { error: error.Error, cause: causeMessage(error.Cause) },
    ...(run.readBack?.error ? { stateAfterFailure: `could not be read back: ${run.readBack.error}` } : {}),
    actions,
    nextSteps: nextSteps(plan, outcome, Boolean(run.replacement?.newAccessKeyId && plan?.steps.attachDenyPolicy)),
  };
  return { report, changed, wouldChange };
}

type Report = ReturnType<typeof buildReport>['report'];

export function summarizeRevocation(run: RevokeRun) {
  const { report, changed, wouldChange } = buildReport(run);
  return { report, html: renderHtml(report), notice: noticeFor(run, report, changed, wouldChange) };
}

function facts(report: Report): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (report.finding) {
    out.Finding = `${report.finding.type} (severity ${report.finding.severity}, seen ${report.finding.count ?? 1}x)`;
    if (report.finding.remoteIp) out['Caller IP'] = report.finding.remoteIp;
  }
  if (report.role) {
    out['Principals sharing the role'] =
      `${report.role.principalsSharingIt} (${[...report.role.trustedPrincipals, ...report.role.instanceProfiles.map((p) => `instance profile ${p}`)].join('; ')})`;
  }
  if (report.sessionsRevokedBefore) out['Sessions issued before'] = report.sessionsRevokedBefore;
  if (report.otherKeys.length)
    out["User's other keys (untouched)"] = report.otherKeys.map((k) => `${k.accessKeyId} ${k.status}`).join(', ');
  if (report.persistenceSuspects.length) out['Possible persistence'] = report.persistenceSuspects.join('; ');
  if (report.awsQuarantinePoliciesLeftInPlace.length)
    out['AWS quarantine (left in place)'] = report.awsQuarantinePoliciesLeftInPlace.join(', ');
  if (report.replacement?.secretName)
    out['Replacement key stored in'] = `Secrets Manager ${report.replacement.secretName}`;
  return out;
}

function noticeFor(
  run: RevokeRun,
  report: Report,
  changed: AuditRecord[],
  wouldChange: AuditRecord[],
): Omit<Notice, 'playbook' | 'link'> | undefined {
  const plan = run.plan;
  const dedupKey = `revoke-credentials:${plan?.accessKeyId ?? plan?.roleName ?? plan?.userName ?? plan?.finding?.id ?? 'unknown'}`;
  const list = (records: AuditRecord[]) =>
    records
      .map(
        (record) =>
          `${record.action} ${String(record.detail?.accessKeyId ?? record.detail?.policyName ?? record.detail?.roleName ?? record.resource)}`,
      )
      .join('; ');
  switch (report.outcome) {
    case 'failed':
      return failureNotice(
        {
          kind: 'alert',
          severity: 'SEV2',
          title: `revoke-credentials failed for ${report.subject}: ${report.error?.error ?? 'error'}`,
          impact: 'The credentials may still be usable',
          status: `Needs a human: ${report.error?.cause ?? ''}`.slice(0, 500),
          facts: { ...facts(report), 'Changed before the failure': changed.length ? list(changed) : 'nothing' },
          dedupKey,
        },
        run.error,
      );
    case 'notify-only':
      return {
        kind: plan?.finding?.sample ? 'report' : 'alert',
        severity: plan?.finding?.sample
          ? 'SEV4'
          : plan?.refused
            ? 'SEV2'
            : plan?.userType === 'Root'
              ? 'SEV1'
              : plan?.finding
                ? incidentSeverity(plan.finding.severity)
                : 'SEV3',
        title: `${plan?.finding?.sample ? 'Sample finding' : 'Not revoked'}: ${report.finding?.type ?? 'request'} for ${report.subject}`,
        status: `No change: ${report.reason}`,
        facts: facts(report),
        dedupKey,
      };
    case 'dry-run':
      return {
        kind: 'report',
        severity: 'SEV4',
        title: `Dry run: would revoke ${report.subject} (${wouldChange.length} action(s))`,
        status: `Would do: ${list(wouldChange) || 'nothing (already revoked)'}`,
        facts: facts(report),
      };
    case 'already-done':
      return undefined;
    case 'revoked':
      return {
        kind: 'alert',
        severity: plan?.finding ? incidentSeverity(plan.finding.severity) : 'SEV3',
        title: `${whatWasDone(plan, report, changed)}${report.finding ? ` after ${report.finding.type}` : ' (by hand)'}`,
        impact: `Whatever used ${report.subject} is denied from now on`,
        status: `Contained: ${list(changed)}`,
        nextSteps: report.nextSteps.join(' | '),
        facts: facts(report),
        dedupKey,
      };
  }
}

/**
 * The title of a revocation: only what the run's own actions did (a console session key, ASIA…, cannot be
 * deactivated: its user is denied instead, and the title says so).
 */
function whatWasDone(plan: RevokePlan | undefined, report: Report, changed: { action: string }[]): string {
  const did = (action: string) => changed.some((item) => item.action === action);
  const user = plan?.userName ?? 'the user';
  const done = [
    did('iam:CreateAccessKey') && `Rotated access key ${plan?.accessKeyId} of ${user}`,
    !did('iam:CreateAccessKey') &&
      did('iam:UpdateAccessKey') &&
      `Deactivated access key ${plan?.accessKeyId} of ${user}`,
    did('iam:PutUserPolicy') && `Denied IAM user ${user} everything`,
    did('iam:PutRolePolicy') &&
      `Revoked the sessions of role ${plan?.roleName} issued before ${report.sessionsRevokedBefore ?? 'now'}`,
  ].filter((part): part is string => Boolean(part));
  return done.length ? done.join('; ') : `Changed ${report.subject}`;
}

function renderHtml(report: Report): string {
  const list = (items: string[]) =>
    items.length ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '<p>None.</p>';
  return htmlPage(
    `revoke-credentials: ${report.subject}`,
    `<p>Outcome: <strong>${escapeHtml(report.outcome)}</strong>${report.reason ? ` (${escapeHtml(report.reason)})` : ''}${report.error ? `: ${escapeHtml(report.error.cause)}` : ''}</p>
     ${report.finding ? `<p>Finding ${escapeHtml(report.finding.type)}, severity ${escapeHtml(report.finding.severity)}, id ${escapeHtml(report.finding.id)}</p>` : ''}
     <h2>Actions</h2>${actionsTable(report.actions)}
     <h2>Possible persistence</h2>${list(report.persistenceSuspects)}
     <h2>Next steps</h2>${list(report.nextSteps)}`,
  );
}

// Step 1 and 2 of contain-instance: decide whether to act (sample findings, exempt or gone instances, repeats of
// a case already handled, a newer finding on an instance already contained), claim the instance atomically, read
// its metadata and weigh the blast radius. Reads are two parallel rounds; the claim rides along with round two.
import type { Instance } from '@aws-sdk/client-ec2';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { S3Client } from '@aws-sdk/client-s3';
import { judgeAccount } from '../../shared/accounts/judge.ts';
import { MemberAccessError } from '../../shared/aws/accounts.ts';
import { exists } from '../../shared/claims/claims.ts';
import { type CaseInfo, type CaseState, keys, TAG } from '../../shared/instance/case.ts';
import { type Claim, claimInstance, takeOverClaim } from '../../shared/instance/claims.ts';
import type { ContainConfig } from '../../shared/instance/config.ts';
import type { InstanceEvidence, IsolationPlan } from '../../shared/instance/evidence.ts';
import { type ReadClients, readInstanceInTwoSteps } from '../../shared/instance/read.ts';
import type { Recorder } from '../../shared/instance/steps.ts';
import { releaseClaim } from '../../shared/instance/unclaim.ts';
import { blastRadius, needsApproval, type Risk } from './blast-radius.ts';
import type { ParsedInput } from './input.ts';

export type Decision = 'contain' | 'approval' | 'skip' | 'sample' | 'repeat' | 'update';

export interface GateResult {
  decision: Decision;
  /** Why, in one line (also in the audit record and the report). */
  why: string;
  case: CaseInfo;
  /** skip: whether a human should hear about it (exempt or vanished instance) or not (a finding the rule would not match). */
  notify: boolean;
  /** skip: refused (a finding about an account this playbook does not act in): the notice is SEV2, not SEV3. */
  refused?: boolean;
  /** repeat/update: the case that holds the instance and its state. */
  existingCase?: { caseId: string; state: CaseState | 'containing' };
  evidence?: InstanceEvidence;
  plan?: IsolationPlan;
  risks: Risk[];
  approvalRequired: boolean;
  approvalTimeoutSeconds: number;
}

export interface GateDeps {
  clients: ReadClients;
  s3: S3Client;
  bucket: string;
  config: ContainConfig;
  executionId: string;
  now: Date;
  recorder: Recorder;
  /** Set on the re-check after a human approved. */
  approval?: { approved: boolean; by?: string };
  /** The account this deployment runs in (an instance elsewhere is acted in only in a configured member account). */
  homeAccountId: string;
  /** AWS Organizations, to recognise an account under the configured OUs. */
  organizations?: () => OrganizationsClient;
}

/** Beyond the approval timeout, how long a claim may sit before it counts as left behind by a dead run. */
const STALE_MARGIN_SECONDS = 900;

const tagOf = (instance: Instance, key: string) => instance.Tags?.find((tag) => tag.Key === key)?.Value;

/** The exemption tag holds "true" or an ISO date until which the exemption lasts. */
function exemptionOf(instance: Instance, config: ContainConfig, now: Date): string | undefined {
  if (config.playbooks.containInstance.exemptInstanceIds.includes(instance.InstanceId!)) {
    return 'listed in containInstance.exemptInstanceIds';
  }
  const value = tagOf(instance, config.exemptionTag);
  if (value === undefined) return undefined;
  if (value.trim().toLowerCase() === 'true') return `tagged ${config.exemptionTag}=true`;
  const until = Date.parse(value);
  if (!Number.isNaN(until) && until > now.getTime()) return `tagged ${config.exemptionTag} until ${value}`;
  return undefined;
}

export async function gate(parsed: ParsedInput, deps: GateDeps): Promise<GateResult> {
  const settings = deps.config.playbooks.containInstance;
  let theCase = parsed.case;
  const base = {
    case: theCase,
    notify: false,
    risks: [] as Risk[],
    approvalRequired: false,
    approvalTimeoutSeconds: settings.approvalTimeoutSeconds,
  };
  const gateRecord = (outcome: 'skipped' | 'already-done', why: string, detail: Record<string, unknown> = {}) =>
    deps.recorder.note({
      action: 'autopilot:ContainInstance',
      resource: theCase.instanceId,
      region: theCase.region,
      outcome,
      detail: { caseId: theCase.caseId, findingId: theCase.finding?.id, why, ...detail },
    });

  if (parsed.kind === 'sample') {
    const why = 'GuardDuty sample finding: notify only';
    gateRecord('skipped', why);
    return { ...base, decision: 'sample', why, notify: true };
  }
  if (parsed.kind === 'refused') {
    gateRecord('skipped', parsed.why);
    return { ...base, decision: 'skip', why: parsed.why, notify: true, refused: true };
  }
  if (parsed.kind === 'not-matched') {
    gateRecord('skipped', parsed.why);
    return { ...base, decision: 'skip', why: parsed.why };
  }
  if (theCase.accountId) {
    // An instance id names an instance only within its account: act there, through its member role, or not at all.
    const verdict = await judgeAccount(deps.config, deps.homeAccountId, theCase.accountId, deps.organizations);
    if (verdict.kind !== 'act') {
      const why =
        verdict.kind === 'exempt'
          ? `account ${theCase.accountId} (${verdict.account.name}) is exempt: not acted on`
          : `account ${theCase.accountId} is not one of this deployment's accounts (config accounts): not acted on`;
      gateRecord('skipped', why);
      theCase = { ...theCase, severity: 'SEV2' };
      return { ...base, case: theCase, decision: 'skip', why, notify: true, refused: verdict.kind === 'unknown' };
    }
  }

  let reading: Awaited<ReturnType<typeof readInstanceInTwoSteps>>;
  try {
    reading = await readInstanceInTwoSteps(deps.clients, {
      instanceId: theCase.instanceId,
      region: theCase.region,
      caseId: theCase.caseId,
      groupNames: { isolation: settings.isolationGroupName, untrack: settings.untrackGroupName },
      now: deps.now,
    });
  } catch (error) {
    if (!(error instanceof MemberAccessError)) throw error;
    const why = `${error.message}: not acted on (deploy the member role there: npm run package writes its template)`;
    gateRecord('skipped', why);
    theCase = { ...theCase, severity: 'SEV2' };
    return { ...base, case: theCase, decision: 'skip', why, notify: true, refused: true };
  }
  const { instance } = reading;
  const state = instance.State?.Name ?? 'unknown';
  if (state === 'terminated' || state === 'shutting-down') {
    const why = `instance is ${state}: nothing left to contain (its volumes are gone unless DeleteOnTermination was off)`;
    gateRecord('skipped', why);
    return { ...base, decision: 'skip', why, notify: true };
  }
  const exempt = exemptionOf(instance, deps.config, deps.now);
  if (exempt) {
    gateRecord('skipped', `exempt: ${exempt}`);
    return { ...base, decision: 'skip', why: `exempt: ${exempt}`, notify: true };
  }

  const taggedCase = tagOf(instance, TAG.case);
  const taggedState = tagOf(instance, TAG.state) as CaseState | undefined;
  if (taggedCase === theCase.caseId && taggedState !== 'failed') {
    const why = `repeat of case ${taggedCase} (${taggedState ?? 'contained'}): nothing done again`;
    gateRecord('already-done', why);
    return {
      ...base,
      decision: 'repeat',
      why,
      existingCase: { caseId: taggedCase, state: taggedState ?? 'contained' },
    };
  }
  if (taggedCase && taggedState === 'contained') {
    const why = `already contained under case ${taggedCase}: finding recorded in that case`;
    gateRecord('already-done', why, { existingCaseId: taggedCase });
    return { ...base, decision: 'update', why, existingCase: { caseId: taggedCase, state: 'contained' } };
  }
  let adopted: string | undefined;
  if (taggedCase && taggedState === 'failed' && taggedCase !== theCase.caseId) {
    // A containment that failed half-way is finished under its own case: its evidence is the state before it
    // began, which a new case capturing the half-isolated instance now would get wrong.
    adopted = `continues case ${taggedCase}, whose containment failed half-way (new trigger: ${theCase.finding?.id ?? 'by hand'})`;
    theCase = { ...theCase, caseId: taggedCase };
    base.case = theCase;
  }

  const claim: Claim = {
    caseId: theCase.caseId,
    executionId: deps.executionId,
    findingId: theCase.finding?.id,
    claimedAt: deps.now.toISOString(),
  };
  const [reading2, claiming] = await Promise.allSettled([
    reading.finish(theCase.caseId),
    theCase.dryRun
      ? Promise.resolve({ owned: true as const })
      : deps.recorder.act(
          {
            action: 's3:PutObject',
            resource: `s3://${deps.bucket}/${keys.claim(theCase.region, theCase.instanceId, theCase.accountId)}`,
            region: deps.config.regions[0],
            detail: { caseId: theCase.caseId, purpose: 'claim the instance for this case (conditional write)' },
          },
          () => claimInstance(deps.s3, deps.bucket, theCase.region, theCase.instanceId, claim, theCase.accountId),
        ),
  ]);
  if (claiming.status === 'rejected') throw claiming.reason;
  const claimed = claiming.value;
  if (reading2.status === 'rejected') {
    // Do not leave the instance claimed by a run that is about to fail.
    if (claimed?.owned && !theCase.dryRun) {
      await releaseClaim(
        deps.s3,
        deps.bucket,
        theCase.region,
        theCase.instanceId,
        (h) => h.executionId === deps.executionId,
        theCase.accountId,
      );
    }
    throw reading2.reason;
  }
  const full = reading2.value;
  if (claimed && !claimed.owned) {
    const holder = claimed.holder;
    // A run waits at most approvalTimeoutSeconds for a human and then minutes to contain; a claim older than that
    // (and no contained tag on the instance, checked above) belongs to a run that died: take it over.
    const staleAfterMs = (settings.approvalTimeoutSeconds + STALE_MARGIN_SECONDS) * 1000;
    if (deps.now.getTime() - Date.parse(holder.claimedAt) > staleAfterMs) {
      await deps.recorder.act(
        {
          action: 's3:PutObject',
          resource: `s3://${deps.bucket}/${keys.claim(theCase.region, theCase.instanceId, theCase.accountId)}`,
          region: deps.config.regions[0],
          detail: { caseId: theCase.caseId, purpose: 'take over a stale claim', staleClaim: holder },
        },
        () =>
          takeOverClaim(
            deps.s3,
            deps.bucket,
            theCase.region,
            theCase.instanceId,
            claim,
            claimed.etag,
            theCase.accountId,
          ),
      );
    } else if (holder.caseId === theCase.caseId) {
      const why = `duplicate delivery: execution ${holder.executionId} is already handling case ${holder.caseId}`;
      gateRecord('already-done', why);
      return { ...base, decision: 'repeat', why, existingCase: { caseId: holder.caseId, state: 'containing' } };
    } else {
      const why = `instance held by case ${holder.caseId}: finding recorded in that case`;
      gateRecord('already-done', why, { existingCaseId: holder.caseId });
      return { ...base, decision: 'update', why, existingCase: { caseId: holder.caseId, state: 'containing' } };
    }
  }

  const risks = blastRadius(full.evidence, settings);
  const approved = deps.approval?.approved === true;
  const approvalRequired = needsApproval(risks, settings) && !approved;
  const result = { ...base, evidence: full.evidence, plan: full.plan, risks, approvalRequired };
  if (approved) {
    deps.recorder.note({
      action: 'autopilot:Approval',
      resource: theCase.instanceId,
      region: theCase.region,
      outcome: 'done',
      detail: { caseId: theCase.caseId, approvedBy: deps.approval?.by ?? 'unknown', risks: risks.map((r) => r.text) },
    });
  }
  if (approvalRequired && theCase.dryRun) {
    deps.recorder.note({
      action: 'autopilot:Approval',
      resource: theCase.instanceId,
      region: theCase.region,
      outcome: 'dry-run',
      detail: { caseId: theCase.caseId, why: 'would wait for a human approval', risks: risks.map((r) => r.text) },
    });
    return { ...result, decision: 'contain', why: 'dry run: would wait for approval, then contain' };
  }
  if (approvalRequired) {
    if (await exists(deps.s3, deps.bucket, keys.notice(theCase.caseId, 'rejected'))) {
      // The claim taken above is this run's: let it go, the case stays as the human left it.
      await releaseClaim(
        deps.s3,
        deps.bucket,
        theCase.region,
        theCase.instanceId,
        (h) => h.executionId === deps.executionId,
        theCase.accountId,
      );
      const why = `a human already rejected containing ${theCase.instanceId} for case ${theCase.caseId}: not asked again`;
      gateRecord('already-done', why);
      return {
        ...result,
        approvalRequired: false,
        decision: 'repeat',
        why,
        existingCase: { caseId: theCase.caseId, state: 'rejected' },
      };
    }
    return { ...result, decision: 'approval', why: `waiting for approval: ${risks.map((r) => r.text).join('; ')}` };
  }
  const listed = risks.map((r) => r.text).join('; ');
  const why = !risks.length
    ? 'no blast-radius risk found: no approval needed'
    : approved
      ? `contain, approved by ${deps.approval?.by ?? 'unknown'} despite: ${listed}`
      : `contain despite: ${listed}`;
  return { ...result, decision: 'contain', why: adopted ? `${why}; ${adopted}` : why };
}

// Enabling the CIS benchmark where config says `cis.enable: true` (Security Hub and each check are billed):
// EnableSecurityHub without its default standards (only what config names is turned on), then BatchEnableStandards
// for the missing standards, then GetEnabledStandards to read back what Security Hub now shows. Idempotent: a hub
// enabled meanwhile (ResourceConflictException) counts as already done; a standard already subscribed is not asked
// for again. A dry run sends nothing and records what it would do. New standards start PENDING and report their
// first results hours later: the report says so.
import {
  BatchEnableStandardsCommand,
  EnableSecurityHubCommand,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { VerificationFailedError } from '../../shared/errors/errors.ts';
import type { StandardState } from '../model/readings.ts';
import { standardStates, standardsArn } from '../model/standards.ts';

/** What the read step found missing in a region, and whether this is a dry run. */
export interface EnableRequest {
  region: string;
  account: string;
  hubEnabled: boolean;
  /** Ids of the configured standards not subscribed. */
  missingStandards: string[];
  dryRun: boolean;
}

/** What enabling did in a region, read back from Security Hub. */
export interface EnableResult {
  region: string;
  /** What Security Hub shows afterwards (a dry run: what it showed before). */
  standards: StandardState[];
  enabledHub: boolean;
  enabledStandards: string[];
  /** A dry run: what it would have enabled (Security Hub itself when `hub`). */
  wouldEnable?: { hub: boolean; standards: string[] };
}

async function enableHub(client: SecurityHubClient, audit: AuditTrail, request: EnableRequest): Promise<boolean> {
  const { region, account, dryRun } = request;
  const resource = `arn:aws:securityhub:${region}:${account}:hub/default`;
  let outcome: 'done' | 'already-done' | 'dry-run' = dryRun ? 'dry-run' : 'done';
  if (!dryRun) {
    try {
      await client.send(
        new EnableSecurityHubCommand({ EnableDefaultStandards: false, ControlFindingGenerator: 'SECURITY_CONTROL' }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ResourceConflictException') throw error;
      outcome = 'already-done';
    }
  }
  await audit.record({
    action: 'securityhub:EnableSecurityHub',
    resource,
    region,
    outcome,
    detail: { enableDefaultStandards: false, controlFindingGenerator: 'SECURITY_CONTROL' },
  });
  return outcome === 'done';
}

/** Enables what is missing in the region. @throws VerificationFailedError when a standard is still not subscribed. */
export async function enableCisStandards(
  client: SecurityHubClient,
  audit: AuditTrail,
  request: EnableRequest,
): Promise<EnableResult> {
  const { region, missingStandards, dryRun } = request;
  const enabledHub = request.hubEnabled ? false : await enableHub(client, audit, request);
  if (missingStandards.length) {
    const arns = missingStandards.map((id) => standardsArn(region, id));
    if (!dryRun) {
      await client.send(
        new BatchEnableStandardsCommand({
          StandardsSubscriptionRequests: arns.map((StandardsArn) => ({ StandardsArn })),
        }),
      );
    }
    await audit.record({
      action: 'securityhub:BatchEnableStandards',
      resource: `arn:aws:securityhub:${region}:${request.account}:hub/default`,
      region,
      outcome: dryRun ? 'dry-run' : 'done',
      detail: { standardsArns: arns },
    });
  }
  if (dryRun) {
    const wouldEnable = { hub: !request.hubEnabled, standards: missingStandards };
    return { region, standards: [], enabledHub: false, enabledStandards: [], wouldEnable };
  }
  const standards = (await standardStates(client, region, missingStandards)) ?? [];
  const stillMissing = missingStandards.filter(
    (id) => (standards.find((s) => s.id === id)?.status ?? 'NOT_ENABLED') === 'NOT_ENABLED',
  );
  if (stillMissing.length) {
    throw new VerificationFailedError(
      `Security Hub in ${region} does not show ${stillMissing.join(', ')} after BatchEnableStandards`,
    );
  }
  return { region, standards, enabledHub, enabledStandards: missingStandards };
}

// Picks what a run restores: for each vault and resource type, the newest completed recovery point (or, with
// selection "random", one drawn from the completed points of the window, seeded by the execution so a retry draws
// the same), then checks it as the runbook's `describe-recovery-point` does: status, encryption, age against the RPO.
// A type whose newest point is too old violates the RPO; a type never backed up in a vault is only noted.
import { createHash } from 'node:crypto';
import {
  type BackupClient,
  DescribeRecoveryPointCommand,
  ListRecoveryPointsByBackupVaultCommand,
  type RecoveryPointByBackupVault,
} from '@aws-sdk/client-backup';
import type { Isolation, ResourceType, VerifyBackupsSettings } from '../config.ts';

/** One recovery point a run restores (a Map item): small, everything the later steps need. */
export interface Candidate {
  /** Short id of this test in this run: names its restored resource. */
  id: string;
  region: string;
  vault: string;
  resourceType: ResourceType;
  recoveryPointArn: string;
  resourceArn: string;
  createdAt: string;
  ageHours: number;
  encrypted: boolean;
}

/** A check that did not pass (RPO, encryption, status) or a type nothing was restored for, with why. */
export interface Finding {
  region: string;
  vault: string;
  resourceType?: ResourceType;
  recoveryPointArn?: string;
  kind: 'rpo' | 'encryption' | 'status' | 'not-backed-up' | 'no-isolation' | 'vault';
  problem: boolean;
  text: string;
}

export interface VaultSelection {
  candidates: Candidate[];
  findings: Finding[];
}

/** Every recovery point of the vault (ListRecoveryPointsByBackupVault, every page). */
export async function listPoints(backup: BackupClient, vault: string): Promise<RecoveryPointByBackupVault[]> {
  const points: RecoveryPointByBackupVault[] = [];
  let NextToken: string | undefined;
  do {
    const page = await backup.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault, NextToken }));
    points.push(...(page.RecoveryPoints ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return points;
}

const NEEDS_ISOLATION: ResourceType[] = ['EC2', 'Aurora', 'RDS'];

/** Whether restores of this type have an isolated place configured in the region. */
export function isolationGap(type: ResourceType, isolation: Isolation | undefined): string | undefined {
  if (!NEEDS_ISOLATION.includes(type)) return undefined;
  if (!isolation?.securityGroupIds?.length) return 'no isolated security groups';
  if (type === 'EC2' && !isolation.subnetId) return 'no isolated subnet';
  if (type !== 'EC2' && !isolation.dbSubnetGroupName) return 'no isolated DB subnet group';
  return undefined;
}

function pick(points: RecoveryPointByBackupVault[], settings: VerifyBackupsSettings, seed: string, now: Date) {
  const completed = points
    .filter((p) => p.Status === 'COMPLETED')
    .sort((a, b) => (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0));
  if (settings.selection === 'latest' || completed.length < 2) return completed[0];
  const since = now.getTime() - settings.selectionWindowDays * 86_400_000;
  const window = completed.filter((p) => (p.CreationDate?.getTime() ?? 0) >= since);
  if (!window.length) return completed[0];
  const draw = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return window[draw % window.length];
}

/** Lists the vault, picks a point per type, DescribeRecoveryPoint on each pick, and checks it. */
export async function selectInVault(
  backup: BackupClient,
  where: { region: string; vault: string; types: ResourceType[] },
  settings: VerifyBackupsSettings,
  run: { executionName: string; now: Date },
): Promise<VaultSelection> {
  const { region, vault } = where;
  const points = await listPoints(backup, vault);
  const candidates: Candidate[] = [];
  const findings: Finding[] = [];
  for (const type of where.types) {
    const ofType = points.filter((p) => p.ResourceType === type);
    const chosen = pick(ofType, settings, `${run.executionName}/${region}/${vault}/${type}`, run.now);
    if (!chosen) {
      const text = ofType.length
        ? `no completed recovery point of ${type} (${ofType.map((p) => p.Status).join(', ')})`
        : `no recovery point of ${type} in this vault`;
      findings.push({
        region,
        vault,
        resourceType: type,
        kind: ofType.length ? 'status' : 'not-backed-up',
        problem: ofType.length > 0,
        text,
      });
      continue;
    }
    const described = await backup.send(
      new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: chosen.RecoveryPointArn }),
    );
    const newest = ofType
      .filter((p) => p.Status === 'COMPLETED')
      .reduce((a, b) => ((b.CreationDate?.getTime() ?? 0) > (a.CreationDate?.getTime() ?? 0) ? b : a), chosen);
    const newestAge = (run.now.getTime() - (newest.CreationDate?.getTime() ?? 0)) / 3_600_000;
    const created = described.CreationDate ?? chosen.CreationDate ?? run.now;
    const ageHours = Math.round(((run.now.getTime() - created.getTime()) / 3_600_000) * 10) / 10;
    const base = { region, vault, resourceType: type, recoveryPointArn: chosen.RecoveryPointArn };
    if (newestAge > settings.rpoHours) {
      findings.push({
        ...base,
        kind: 'rpo',
        problem: true,
        text: `newest completed ${type} recovery point is ${Math.round(newestAge)} h old (RPO ${settings.rpoHours} h)`,
      });
    }
    if (described.Status !== 'COMPLETED') {
      findings.push({ ...base, kind: 'status', problem: true, text: `recovery point is ${described.Status}` });
      continue;
    }
    if (settings.requireEncryption && !described.IsEncrypted) {
      findings.push({ ...base, kind: 'encryption', problem: true, text: 'recovery point is not encrypted' });
    }
    const gap = isolationGap(type, settings.isolation[region]);
    if (gap) {
      findings.push({
        ...base,
        kind: 'no-isolation',
        problem: false,
        text: `not restored: ${gap} for ${region} (playbooks.verifyBackups.isolation)`,
      });
      continue;
    }
    candidates.push({
      id: createHash('sha256').update(`${run.executionName}/${chosen.RecoveryPointArn}`).digest('hex').slice(0, 10),
      ...base,
      recoveryPointArn: chosen.RecoveryPointArn!,
      resourceArn: described.ResourceArn ?? chosen.ResourceArn ?? '',
      createdAt: created.toISOString(),
      ageHours,
      encrypted: Boolean(described.IsEncrypted),
    });
  }
  return { candidates, findings };
}

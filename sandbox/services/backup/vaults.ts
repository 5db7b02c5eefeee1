// AWS Backup vaults and their recovery points: ListRecoveryPointsByBackupVault (by resource type, resource ARN and
// creation time; MaxResults 1..1000 + NextToken), DescribeRecoveryPoint, and GetRecoveryPointRestoreMetadata (the
// configuration of the backed-up resource that StartRestoreJob's Metadata starts from, per resource type).
import type {
  DescribeRecoveryPointInput,
  GetRecoveryPointRestoreMetadataInput,
  ListRecoveryPointsByBackupVaultInput,
} from '@aws-sdk/client-backup';
import { awsError } from '../../errors.ts';
import type { BackupVaultRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

export type RecoveryPointRec = BackupVaultRec['recoveryPoints'][number];

const notFound = (what: string) => awsError('ResourceNotFoundException', `${what} not found`);
const invalidParameter = (message: string) => awsError('InvalidParameterValueException', message);
const toIso = (value: Date | string | undefined) =>
  value === undefined ? undefined : (value instanceof Date ? value : new Date(value)).toISOString();

export function requireVault(ctx: HandlerContext, name: string | undefined): BackupVaultRec {
  const vault = ctx.regional.backup.vaults.find((v) => v.BackupVaultName === name);
  if (!vault) throw notFound(`Backup vault ${name}`);
  return vault;
}

/** The recovery point with this ARN in any vault of the region (StartRestoreJob names no vault). */
export function findRecoveryPoint(
  ctx: HandlerContext,
  arn: string | undefined,
): { vault: BackupVaultRec; point: RecoveryPointRec } | undefined {
  for (const vault of ctx.regional.backup.vaults) {
    const point = vault.recoveryPoints.find((p) => p.RecoveryPointArn === arn);
    if (point) return { vault, point };
  }
  return undefined;
}

function requirePoint(ctx: HandlerContext, vaultName: string | undefined, arn: string | undefined) {
  const vault = requireVault(ctx, vaultName);
  const point = vault.recoveryPoints.find((p) => p.RecoveryPointArn === arn);
  if (!point) throw notFound(`Recovery point ${arn}`);
  return { vault, point };
}

function pointView(vault: BackupVaultRec, point: RecoveryPointRec) {
  return {
    ...point,
    BackupVaultName: vault.BackupVaultName,
    BackupVaultArn: vault.BackupVaultArn,
    IsEncrypted: point.IsEncrypted ?? false,
    StorageClass: 'WARM',
    CreatedBy: { BackupPlanId: 'idp-daily', BackupRuleId: 'daily' },
  };
}

function listRecoveryPoints(ctx: HandlerContext, input: ListRecoveryPointsByBackupVaultInput) {
  const vault = requireVault(ctx, input.BackupVaultName);
  const max = input.MaxResults ?? 1000;
  if (max < 1 || max > 1000) throw invalidParameter('MaxResults must be between 1 and 1000');
  const after = toIso(input.ByCreatedAfter);
  const before = toIso(input.ByCreatedBefore);
  const points = vault.recoveryPoints.filter(
    (p) =>
      (!input.ByResourceType || p.ResourceType === input.ByResourceType) &&
      (!input.ByResourceArn || p.ResourceArn === input.ByResourceArn) &&
      (!after || p.CreationDate >= after) &&
      (!before || p.CreationDate <= before),
  );
  const page = paginate(points, (p) => p.RecoveryPointArn, {
    token: input.NextToken,
    pageSize: max,
    invalidToken: () => invalidParameter('Invalid NextToken'),
  });
  return { RecoveryPoints: page.items.map((p) => pointView(vault, p)), NextToken: page.nextToken };
}

function describeRecoveryPoint(ctx: HandlerContext, input: DescribeRecoveryPointInput) {
  const { vault, point } = requirePoint(ctx, input.BackupVaultName, input.RecoveryPointArn);
  return pointView(vault, point);
}

const resourceId = (arn: string) => arn.split(/[:/]/).at(-1) ?? arn;

/** What AWS Backup recorded of the resource when it backed it up (GetRecoveryPointRestoreMetadata). */
export function restoreMetadataOf(ctx: HandlerContext, point: RecoveryPointRec): Record<string, string> {
  const az = `${ctx.region}a`;
  switch (point.ResourceType) {
    case 'EBS': {
      const volume = ctx.regional.ec2.volumes.find((v) => v.VolumeId === resourceId(point.ResourceArn));
      return {
        availabilityZone: volume?.AvailabilityZone ?? az,
        volumeSize: String(volume?.Size ?? Math.max(1, Math.ceil((point.BackupSizeInBytes ?? 8 * 2 ** 30) / 2 ** 30))),
        volumeType: volume?.VolumeType ?? 'gp3',
        encrypted: String(point.IsEncrypted ?? false),
      };
    }
    case 'EC2': {
      const instance = ctx.regional.ec2.instances.find((i) => i.InstanceId === resourceId(point.ResourceArn));
      return {
        InstanceType: instance?.InstanceType ?? 'm5.large',
        SubnetId: instance?.SubnetId ?? '',
        SecurityGroupIds: JSON.stringify((instance?.SecurityGroups ?? []).map((g) => g.GroupId)),
        ImageId: instance?.ImageId ?? '',
      };
    }
    case 'Aurora': {
      const cluster = Object.values(ctx.state.regions)
        .flatMap((region) => region.rds.clusters)
        .find((c) => c.DBClusterArn === point.ResourceArn);
      return {
        dbClusterIdentifier: resourceId(point.ResourceArn),
        engine: cluster?.Engine ?? 'aurora-postgresql',
        engineVersion: cluster?.EngineVersion ?? '15.4',
        dbSubnetGroupName: cluster?.DBSubnetGroup ?? 'default',
        vpcSecurityGroupIds: JSON.stringify((cluster?.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId)),
        port: '5432',
      };
    }
    case 'RDS':
      return {
        DBInstanceIdentifier: resourceId(point.ResourceArn),
        DBInstanceClass: 'db.m6g.large',
        Engine: 'postgres',
        MultiAZ: 'false',
      };
    case 'S3':
      return { DestinationBucketName: resourceId(point.ResourceArn), NewBucket: 'false', Encrypted: 'true' };
    default:
      return {};
  }
}

function getRestoreMetadata(ctx: HandlerContext, input: GetRecoveryPointRestoreMetadataInput) {
  const { vault, point } = requirePoint(ctx, input.BackupVaultName, input.RecoveryPointArn);
  return {
    BackupVaultArn: vault.BackupVaultArn,
    RecoveryPointArn: point.RecoveryPointArn,
    ResourceType: point.ResourceType,
    RestoreMetadata: restoreMetadataOf(ctx, point),
  };
}

export const backupVaultHandlers: Handlers = {
  ListRecoveryPointsByBackupVault: listRecoveryPoints,
  DescribeRecoveryPoint: describeRecoveryPoint,
  GetRecoveryPointRestoreMetadata: getRestoreMetadata,
};

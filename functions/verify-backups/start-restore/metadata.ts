// The restore metadata of a test: what AWS Backup recorded of the resource (GetRecoveryPointRestoreMetadata), with
// the configured overrides that put the copy in an isolated place, make it small and name it (AWS Backup's keys,
// case-insensitive; lists as JSON arrays): a new name that cannot collide with the original, the isolated subnet
// group or subnet and no-ingress security groups, a small instance class, a new encrypted bucket.
import type { VerifyBackupsSettings } from '../config.ts';
import type { Candidate } from '../plan/select.ts';
import { NAME_PREFIX } from '../tags.ts';

/** The restored resource's name: the prefix the roles may delete, the test's id (and the account for a bucket). */
export function testName(item: Candidate, accountId: string): string {
  return item.resourceType === 'S3' ? `${NAME_PREFIX}${accountId}-${item.id}` : `${NAME_PREFIX}${item.id}`;
}

/** Removes keys (any case) the restore must not carry over. */
function without(metadata: Record<string, string>, keys: string[]): Record<string, string> {
  const drop = new Set(keys.map((key) => key.toLowerCase()));
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !drop.has(key.toLowerCase())));
}

export function restoreMetadata(
  item: Candidate,
  recorded: Record<string, string>,
  settings: VerifyBackupsSettings,
  accountId: string,
): Record<string, string> {
  const isolation = settings.isolation[item.region] ?? {};
  const groups = JSON.stringify(isolation.securityGroupIds ?? []);
  const name = testName(item, accountId);
  switch (item.resourceType) {
    case 'EBS':
      return {
        ...recorded,
        ...(isolation.availabilityZone ? { availabilityZone: isolation.availabilityZone } : {}),
        encrypted: 'true',
      };
    case 'EC2':
      return {
        ...without(recorded, ['IamInstanceProfileName', 'SubnetId', 'SecurityGroupIds', 'InstanceType']),
        InstanceType: settings.instanceClasses.ec2,
        SubnetId: isolation.subnetId ?? '',
        SecurityGroupIds: groups,
        DisableApiTermination: 'false',
        RequireIMDSv2: 'true',
      };
    case 'Aurora':
      return {
        ...without(recorded, ['dbClusterIdentifier', 'dbSubnetGroupName', 'vpcSecurityGroupIds']),
        dbClusterIdentifier: name,
        dbSubnetGroupName: isolation.dbSubnetGroupName ?? '',
        vpcSecurityGroupIds: groups,
        deletionProtection: 'false',
      };
    case 'RDS':
      return {
        ...without(recorded, ['DBInstanceIdentifier', 'DBInstanceClass', 'DBSubnetGroupName', 'VpcSecurityGroupIds']),
        DBInstanceIdentifier: name,
        DBInstanceClass: settings.instanceClasses.rds,
        DBSubnetGroupName: isolation.dbSubnetGroupName ?? '',
        VpcSecurityGroupIds: groups,
        MultiAZ: 'false',
        PubliclyAccessible: 'false',
      };
    case 'S3':
      return {
        ...without(recorded, ['DestinationBucketName', 'NewBucket']),
        DestinationBucketName: name,
        NewBucket: 'true',
        Encrypted: 'true',
        EncryptionType: 'SSE-S3',
        CreationToken: item.id,
      };
  }
}

// What a completed AWS Backup restore job leaves in the account, per resource type, named by its Metadata (keys
// are case-insensitive, as AWS Backup reads them): an EBS volume, an EC2 instance, an Aurora cluster (without
// instances: AWS Backup creates none), an RDS instance, or an S3 bucket holding the source bucket's objects. A
// name that is taken makes the job fail, as the service it calls would refuse it.
import type { DbClusterRec, DbInstanceRec, Ec2State } from '../../state.ts';
import { clusterArn, clusterEndpoint, findCluster, findInstance, instanceArn, instancesOf } from '../rds/records.ts';
import type { HandlerContext } from '../types.ts';
import type { RecoveryPointRec } from './vaults.ts';

/** Metadata value by key, ignoring case. */
export function metadataValue(metadata: Record<string, string>, key: string): string | undefined {
  const found = Object.keys(metadata).find((name) => name.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : metadata[found];
}

const listOf = (text: string | undefined): string[] => {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    return text.split(',').map((part) => part.trim());
  }
};

/** The metadata keys a restore of each type cannot do without. */
export const REQUIRED_METADATA: Record<string, string[]> = {
  EBS: ['availabilityZone'],
  EC2: ['InstanceType'],
  Aurora: ['dbClusterIdentifier', 'engine'],
  RDS: ['DBInstanceIdentifier'],
  S3: ['DestinationBucketName'],
};

export class RestoreRefused extends Error {}

/** Creates the restored resource; returns its ARN. @throws RestoreRefused with the message the job fails with. */
export function createRestoredResource(
  ctx: HandlerContext,
  point: RecoveryPointRec,
  metadata: Record<string, string>,
): string {
  const value = (key: string) => metadataValue(metadata, key);
  const now = ctx.now().toISOString();
  switch (point.ResourceType) {
    case 'EBS': {
      const volumeId = ctx.account.newId('vol');
      ctx.regional.ec2.volumes.push({
        VolumeId: volumeId,
        Size: Number(value('volumeSize') ?? 8),
        VolumeType: (value('volumeType') ?? 'gp3') as never,
        AvailabilityZone: value('availabilityZone'),
        Encrypted: value('encrypted') === 'true',
        State: 'available',
        CreateTime: now,
        SnapshotId: point.RecoveryPointArn.includes(':snapshot/')
          ? point.RecoveryPointArn.split('/').at(-1)
          : undefined,
        Attachments: [],
        Tags: [],
      } as Ec2State['volumes'][number]);
      return `arn:aws:ec2:${ctx.region}:${ctx.accountId}:volume/${volumeId}`;
    }
    case 'EC2': {
      const instanceId = ctx.account.newId('i');
      const subnet = ctx.regional.ec2.subnets.find((s) => s.SubnetId === value('SubnetId'));
      if (value('SubnetId') && !subnet) throw new RestoreRefused(`The subnet ID '${value('SubnetId')}' does not exist`);
      ctx.regional.ec2.instances.push({
        InstanceId: instanceId,
        ReservationId: ctx.account.newId('r'),
        InstanceType: value('InstanceType') as never,
        ImageId: value('ImageId'),
        State: { Code: 16, Name: 'running' },
        LaunchTime: now,
        SubnetId: subnet?.SubnetId,
        VpcId: subnet?.VpcId,
        Placement: { AvailabilityZone: subnet?.AvailabilityZone ?? `${ctx.region}a`, Tenancy: 'default' },
        SecurityGroups: listOf(value('SecurityGroupIds')).map((GroupId) => ({
          GroupId,
          GroupName: ctx.regional.ec2.securityGroups.find((g) => g.GroupId === GroupId)?.GroupName,
        })),
        NetworkInterfaces: [],
        BlockDeviceMappings: [],
        Tags: [],
      } as unknown as Ec2State['instances'][number]);
      return `arn:aws:ec2:${ctx.region}:${ctx.accountId}:instance/${instanceId}`;
    }
    case 'Aurora': {
      const id = (value('dbClusterIdentifier') ?? '').toLowerCase();
      if (findCluster(ctx, id))
        throw new RestoreRefused(`DBClusterAlreadyExistsFault: DB Cluster ${id} already exists`);
      const source = Object.values(ctx.state.regions)
        .flatMap((region) => region.rds.clusters)
        .find((c) => c.DBClusterArn === point.ResourceArn);
      const host = clusterEndpoint(ctx, id);
      const cluster: DbClusterRec = {
        DBClusterIdentifier: id,
        DBClusterArn: clusterArn(ctx, id),
        Engine: value('engine') ?? 'aurora-postgresql',
        EngineVersion: value('engineVersion') ?? source?.EngineVersion ?? '15.4',
        Status: 'available',
        Role: 'primary',
        Endpoint: host,
        ReaderEndpoint: host.replace('.cluster-', '.cluster-ro-'),
        MultiAZ: false,
        members: [],
        ClusterCreateTime: now,
        DBSubnetGroup: value('dbSubnetGroupName'),
        VpcSecurityGroups: listOf(value('vpcSecurityGroupIds')).map((VpcSecurityGroupId) => ({
          VpcSecurityGroupId,
          Status: 'active',
        })),
        DatabaseName: source?.DatabaseName,
        StorageEncrypted: point.IsEncrypted ?? false,
        KmsKeyId: point.EncryptionKeyArn,
        TagList: [],
        tables: { ...(point.tables ?? source?.tables ?? {}) },
        instancesEndIn: point.instancesEndIn,
      };
      ctx.regional.rds.clusters.push(cluster);
      return cluster.DBClusterArn;
    }
    case 'RDS': {
      const id = (value('DBInstanceIdentifier') ?? '').toLowerCase();
      if (findInstance(ctx, id)) throw new RestoreRefused(`DBInstanceAlreadyExists: DB instance ${id} already exists`);
      const instance: DbInstanceRec = {
        DBInstanceIdentifier: id,
        DBInstanceArn: instanceArn(ctx, id),
        DBInstanceClass: value('DBInstanceClass') ?? 'db.m6g.large',
        Engine: value('Engine') ?? 'postgres',
        DBInstanceStatus: point.instancesEndIn ?? 'available',
        AvailabilityZone: `${ctx.region}a`,
        Endpoint: { Address: `${id}.csandbox0001.${ctx.region}.rds.amazonaws.com`, Port: 5432 },
        InstanceCreateTime: now,
        DBSubnetGroupName: value('DBSubnetGroupName'),
        StorageEncrypted: point.IsEncrypted ?? false,
        TagList: [],
      };
      instancesOf(ctx).push(instance);
      return instance.DBInstanceArn;
    }
    case 'S3': {
      const name = value('DestinationBucketName') ?? '';
      const buckets = ctx.state.global.s3.buckets;
      const source = buckets[point.ResourceArn.replace('arn:aws:s3:::', '')];
      if (value('NewBucket') === 'true') {
        if (buckets[name]) throw new RestoreRefused(`BucketAlreadyExists: ${name}`);
        buckets[name] = { Name: name, Region: ctx.region, CreationDate: now, objects: {} };
      } else if (!buckets[name]) {
        throw new RestoreRefused(`NoSuchBucket: ${name}`);
      }
      for (const object of Object.values(source?.objects ?? {})) {
        buckets[name].objects[object.Key] = { ...structuredClone(object), LastModified: now };
      }
      return `arn:aws:s3:::${name}`;
    }
    default:
      throw new RestoreRefused(`Restoring resource type ${point.ResourceType} is not modelled by the sandbox`);
  }
}

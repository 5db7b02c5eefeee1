// Seed builders for the disaster-recovery and monitoring side of the estate: the Aurora clusters and their
// instances, AWS Backup vaults and their recovery points, Cloud Map services, CloudWatch alarms (metric, metric math,
// composite; with tags) and metric generators, the Step Functions state machines of the stack.
import { derivedHex, type SeedContext, type Spec } from './util.ts';

const arn = (ctx: SeedContext, service: string, resource: string) =>
  `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${resource}`;

/** Aurora clusters; `securityGroups`, `instanceClass` and `Tags` (a map) are written short in the YAML. */
export function buildDbClusters(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map(({ members = [], replicatesFrom, securityGroups = [], instanceClass: _class, Tags, ...c }) => {
    const host = `${c.DBClusterIdentifier}.cluster-csandbox0001.${ctx.region}.rds.amazonaws.com`;
    return {
      DBClusterArn: arn(ctx, 'rds', `cluster:${c.DBClusterIdentifier}`),
      Engine: 'aurora-postgresql',
      EngineVersion: '15.4',
      Status: 'available',
      MultiAZ: members.length > 1,
      Endpoint: host,
      ReaderEndpoint: host.replace('.cluster-', '.cluster-ro-'),
      // A member of a global database replicates through it; only a cross-region replica cluster names its source.
      ReplicationSourceIdentifier:
        replicatesFrom && !c.GlobalClusterIdentifier
          ? `arn:aws:rds:${replicatesFrom.region}:${ctx.accountId}:cluster:${replicatesFrom.cluster}`
          : undefined,
      VpcSecurityGroups: securityGroups.map((id: string) => ({ VpcSecurityGroupId: id, Status: 'active' })),
      TagList: Tags ?? [],
      members: members.map((id: string, index: number) => ({
        DBInstanceIdentifier: id,
        IsClusterWriter: c.Role === 'primary' && index === 0,
      })),
      ...c,
    };
  });
}

/**
 * The instances of the clusters (their `members`, the writer first), available, in the cluster's class: what
 * DescribeDBInstances shows for them (engine and version of the cluster; the writer has promotion tier 0).
 */
export function buildDbInstances(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.flatMap((c) =>
    (c.members ?? []).map((id: string, index: number) => ({
      DBInstanceIdentifier: id,
      DBInstanceArn: arn(ctx, 'rds', `db:${id}`),
      DBInstanceClass: c.instanceClass ?? 'db.r6g.large',
      Engine: c.Engine ?? 'aurora-postgresql',
      EngineVersion: c.EngineVersion ?? '15.4',
      DBInstanceStatus: 'available',
      DBClusterIdentifier: c.DBClusterIdentifier,
      AvailabilityZone: `${ctx.region}${'abc'[index % 3]}`,
      Endpoint: { Address: `${id}.csandbox0001.${ctx.region}.rds.amazonaws.com`, Port: 5432 },
      InstanceCreateTime: c.ClusterCreateTime,
      DBSubnetGroupName: c.DBSubnetGroup,
      StorageEncrypted: c.StorageEncrypted ?? false,
      PromotionTier: c.Role === 'primary' && index === 0 ? 0 : 1,
      PubliclyAccessible: false,
      TagList: c.Tags ?? [],
    })),
  );
}

/** The recovery point ARN AWS Backup gives each resource type (EBS: the snapshot's; EC2: the AMI's). */
function recoveryPointArn(ctx: SeedContext, p: Spec): string {
  if (p.ebsSnapshot) return `arn:aws:ec2:${ctx.region}::snapshot/${p.ebsSnapshot}`;
  const hex = derivedHex(`${ctx.region}/${p.id}`, 17);
  switch (p.ResourceType) {
    case 'EC2':
      return `arn:aws:ec2:${ctx.region}::image/ami-${hex}`;
    case 'Aurora':
      return arn(ctx, 'rds', `cluster-snapshot:awsbackup:job-${p.id}`);
    case 'RDS':
      return arn(ctx, 'rds', `snapshot:awsbackup:job-${p.id}`);
    default:
      return arn(ctx, 'backup', `recovery-point:${hex.slice(0, 8)}-0000-4000-8000-${hex.slice(5, 17)}`);
  }
}

/** Recovery points: an `ebsSnapshot` one is the EBS snapshot AWS Backup made; encrypted with the vault's key. */
export function buildBackupVaults(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map(({ recoveryPoints = [], ...v }) => {
    const vaultKey = arn(ctx, 'kms', `key/0f1e2d3c-0000-4000-8000-${derivedHex(v.BackupVaultName + ctx.region, 12)}`);
    return {
      BackupVaultArn: arn(ctx, 'backup', `backup-vault:${v.BackupVaultName}`),
      ...v,
      recoveryPoints: recoveryPoints.map(({ ebsSnapshot, id, ...p }: Spec) => ({
        RecoveryPointArn: recoveryPointArn(ctx, { ebsSnapshot, id, ...p }),
        ResourceType: ebsSnapshot ? 'EBS' : p.ResourceType,
        Status: 'COMPLETED',
        CompletionDate: p.CreationDate,
        IamRoleArn: `arn:aws:iam::${ctx.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
        IsEncrypted: true,
        EncryptionKeyArn: vaultKey,
        ...p,
      })),
    };
  });
}

/** Cloud Map services of a region, each with the DNS records (type and TTL) it answers with. */
export function buildCloudMapServices(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map(({ records = [], ...service }) => ({
    Arn: arn(ctx, 'servicediscovery', `service/${service.Id}`),
    DnsConfig: {
      NamespaceId: service.NamespaceId,
      RoutingPolicy: 'MULTIVALUE',
      DnsRecords: records.map((r: Spec) => ({ Type: r.type, TTL: r.ttl })),
    },
    HealthCheckCustomConfig: { FailureThreshold: 1 },
    ...service,
  }));
}

const dimensionList = (dimensions: Record<string, string> = {}) =>
  Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));

export function buildCloudWatch(spec: Spec = {}, ctx: SeedContext): Spec {
  const tags = (map: Record<string, string> | undefined) =>
    Object.entries(map ?? {}).map(([Key, Value]) => ({ Key, Value: String(Value) }));
  const alarms = (spec.alarms ?? []).map(({ dimensions, actions = [], tags: tagMap, metrics, ...a }: Spec) => ({
    AlarmArn: arn(ctx, 'cloudwatch', `alarm:${a.AlarmName}`),
    Dimensions: dimensionList(dimensions),
    AlarmActions: actions.map((topic: string) => arn(ctx, 'sns', topic)),
    StateUpdatedTimestamp: ctx.now.toISOString(),
    Tags: tags(tagMap),
    // Metric math: {id: {expression}} or {id: {namespace, name, dimensions, stat, period}}, the expression returns data.
    ...(metrics
      ? {
          Metrics: Object.entries(metrics as Record<string, Spec>).map(([Id, m]) =>
            m.expression
              ? { Id, Expression: m.expression, Label: m.label, ReturnData: true }
              : {
                  Id,
                  ReturnData: false,
                  MetricStat: {
                    Metric: { Namespace: m.namespace, MetricName: m.name, Dimensions: dimensionList(m.dimensions) },
                    Period: m.period,
                    Stat: m.stat,
                  },
                },
          ),
        }
      : {}),
    ...a,
  }));
  const compositeAlarms = (spec.compositeAlarms ?? []).map(({ actions = [], tags: tagMap, ...a }: Spec) => ({
    AlarmArn: arn(ctx, 'cloudwatch', `alarm:${a.AlarmName}`),
    AlarmActions: actions.map((topic: string) => arn(ctx, 'sns', topic)),
    StateUpdatedTimestamp: ctx.now.toISOString(),
    Tags: tags(tagMap),
    ...a,
  }));
  const metrics = (spec.metrics ?? []).map(({ dimensions, ...m }: Spec) => ({
    Dimensions: dimensionList(dimensions),
    ...m,
  }));
  return { alarms, compositeAlarms, metrics };
}

/** Step Functions state machines of the account (the stack's, by stage): executions start empty. */
export function buildStateMachines(names: string[] = [], ctx: SeedContext): Spec[] {
  return names.map((name) => ({ name, stateMachineArn: arn(ctx, 'states', `stateMachine:${name}`), executions: [] }));
}

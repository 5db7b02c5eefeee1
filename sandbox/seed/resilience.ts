// Seed builders for the disaster-recovery and monitoring side of the estate: the Aurora global cluster, AWS Backup
// vaults and their recovery points, CloudWatch alarms (metric, metric math, composite; with tags) and metric
// generators, the Step Functions state machines of the stack.
import type { SeedContext, Spec } from './util.ts';

const arn = (ctx: SeedContext, service: string, resource: string) =>
  `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${resource}`;

export function buildDbClusters(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map(({ members = [], replicatesFrom, ...c }) => {
    const host = `${c.DBClusterIdentifier}.cluster-csandbox0001.${ctx.region}.rds.amazonaws.com`;
    return {
      DBClusterArn: arn(ctx, 'rds', `cluster:${c.DBClusterIdentifier}`),
      Engine: 'aurora-postgresql',
      EngineVersion: '15.4',
      Status: 'available',
      MultiAZ: members.length > 1,
      Endpoint: host,
      ReaderEndpoint: host.replace('.cluster-', '.cluster-ro-'),
      ReplicationSourceIdentifier: replicatesFrom
        ? `arn:aws:rds:${replicatesFrom.region}:${ctx.accountId}:cluster:${replicatesFrom.cluster}`
        : undefined,
      members: members.map((id: string, index: number) => ({
        DBInstanceIdentifier: id,
        IsClusterWriter: c.Role === 'primary' && index === 0,
      })),
      ...c,
    };
  });
}

/** Recovery points: an `ebsSnapshot` one is the EBS snapshot AWS Backup made (its ARN is the snapshot's). */
export function buildBackupVaults(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map(({ recoveryPoints = [], ...v }) => ({
    BackupVaultArn: arn(ctx, 'backup', `backup-vault:${v.BackupVaultName}`),
    ...v,
    recoveryPoints: recoveryPoints.map(({ ebsSnapshot, id, ...p }: Spec) => ({
      RecoveryPointArn: ebsSnapshot
        ? `arn:aws:ec2:${ctx.region}::snapshot/${ebsSnapshot}`
        : arn(ctx, 'rds', `cluster-snapshot:awsbackup:job-${id}`),
      ResourceType: ebsSnapshot ? 'EBS' : p.ResourceType,
      Status: 'COMPLETED',
      CompletionDate: p.CreationDate,
      IamRoleArn: `arn:aws:iam::${ctx.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
      ...p,
    })),
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

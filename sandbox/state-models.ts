// State shapes the sandbox writes by hand rather than as a stored SDK output (ELBv2 targets, RDS, Backup,
// CloudWatch alarms and metric generators, Route 53) and the Cost Explorer history. Re-exported by state.ts (which imports this
// module, never the other way round); see it for conventions.
import type { TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Stored } from './stored.ts';

/** Target group + the ids registered in it with their health (DescribeTargetHealth later). */
export type TargetGroupRec = Stored<TargetGroup> & {
  TargetGroupArn: string;
  targets: { Id: string; Port?: number; State: string }[];
  /** Attributes set by ModifyTargetGroupAttributes (the rest keep AWS's defaults). */
  attributes?: Record<string, string>;
};

export interface DbClusterRec {
  DBClusterIdentifier: string;
  DBClusterArn: string;
  Engine: string;
  EngineVersion: string;
  Status: string;
  /** 'primary' writes; 'secondary' replicates from GlobalClusterIdentifier's primary. */
  Role: 'primary' | 'secondary';
  GlobalClusterIdentifier?: string;
  ReplicationSourceIdentifier?: string;
  Endpoint: string;
  ReaderEndpoint: string;
  MultiAZ: boolean;
  members: { DBInstanceIdentifier: string; IsClusterWriter: boolean }[];
  ReplicationLagMs?: number;
  ClusterCreateTime: string;
  /** Days of automated backups: the restorable window (RestoreDBClusterToPointInTime) reaches back this far. */
  BackupRetentionPeriod?: number;
  DBSubnetGroup?: string;
  VpcSecurityGroups?: { VpcSecurityGroupId: string; Status: string }[];
  DatabaseName?: string;
  StorageEncrypted?: boolean;
  KmsKeyId?: string;
  HttpEndpointEnabled?: boolean;
  DeletionProtection?: boolean;
  TagList?: { Key: string; Value: string }[];
  /** Sandbox only: the statuses later describes show, one per describe (`__deleted`: the cluster is gone). */
  pendingStatuses?: string[];
  /** Sandbox only: rows per table, what the RDS Data API counts (`SELECT count(*) FROM <table>`). */
  tables?: Record<string, number>;
  /** Sandbox only: the status instances created in this cluster end in (a restore whose key is unusable). */
  instancesEndIn?: string;
  /** Sandbox only: a switchover or failover of its global cluster in progress, towards this cluster. */
  globalFailover?: { from: string; to: string; allowDataLoss: boolean; statuses: string[] };
}

/** A DB instance (an Aurora cluster member or a standalone RDS instance), in DescribeDBInstances' shape. */
export interface DbInstanceRec {
  DBInstanceIdentifier: string;
  DBInstanceArn: string;
  DBInstanceClass: string;
  Engine: string;
  EngineVersion?: string;
  DBInstanceStatus: string;
  DBClusterIdentifier?: string;
  AvailabilityZone?: string;
  Endpoint?: { Address: string; Port: number; HostedZoneId?: string };
  InstanceCreateTime?: string;
  DBSubnetGroupName?: string;
  StorageEncrypted?: boolean;
  PromotionTier?: number;
  PubliclyAccessible?: boolean;
  TagList?: { Key: string; Value: string }[];
  /** Sandbox only: the statuses later describes show, one per describe (`__deleted`: the instance is gone). */
  pendingStatuses?: string[];
}

/** An AWS Backup restore job, in DescribeRestoreJob's shape; its status moves on with each describe. */
export interface RestoreJobRec {
  RestoreJobId: string;
  AccountId: string;
  RecoveryPointArn: string;
  SourceResourceArn?: string;
  BackupVaultArn?: string;
  CreationDate: string;
  CompletionDate?: string;
  Status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'ABORTED' | 'FAILED';
  StatusMessage?: string;
  PercentDone?: string;
  BackupSizeInBytes?: number;
  IamRoleArn?: string;
  CreatedResourceArn?: string;
  ResourceType: string;
  RecoveryPointCreationDate?: string;
  ValidationStatus?: 'FAILED' | 'SUCCESSFUL' | 'TIMED_OUT' | 'VALIDATING';
  ValidationStatusMessage?: string;
  /** Sandbox only: the restore metadata it was started with and the idempotency token. */
  metadata: Record<string, string>;
  idempotencyToken?: string;
}

/** A Route 53 change batch: PENDING until a GetChange has seen it, then INSYNC (as propagation would). */
export interface Route53ChangeRec {
  Id: string;
  Status: 'PENDING' | 'INSYNC';
  SubmittedAt: string;
  Comment?: string;
  /** Sandbox only: GetChange calls that still answer PENDING. */
  pendingReads: number;
}

/** A Cloud Map service (GetService's shape) with the namespace it lives in. */
export interface CloudMapServiceRec {
  Id: string;
  Arn: string;
  Name: string;
  NamespaceId: string;
  Description?: string;
  DnsConfig?: { NamespaceId?: string; RoutingPolicy?: string; DnsRecords: { Type: string; TTL: number }[] };
  HealthCheckCustomConfig?: { FailureThreshold?: number };
  CreateDate: string;
}

/** A Cloud Map operation: SUBMITTED, PENDING, then SUCCESS on later GetOperation calls. */
export interface CloudMapOperationRec {
  Id: string;
  Type: string;
  Status: 'SUBMITTED' | 'PENDING' | 'SUCCESS' | 'FAIL';
  CreateDate: string;
  UpdateDate: string;
  Targets: Record<string, string>;
  /** Sandbox only: the statuses later reads show. */
  pendingStatuses: ('PENDING' | 'SUCCESS')[];
}

export interface BackupVaultRec {
  BackupVaultName: string;
  BackupVaultArn: string;
  CreationDate: string;
  recoveryPoints: {
    RecoveryPointArn: string;
    ResourceArn: string;
    ResourceType: string;
    Status: string;
    CreationDate: string;
    CompletionDate?: string;
    BackupSizeInBytes?: number;
    IamRoleArn?: string;
    IsEncrypted?: boolean;
    EncryptionKeyArn?: string;
    /** Sandbox only: a restore of this point fails with this message after it ran. */
    restoreFails?: string;
    /** Sandbox only: instances created in a cluster restored from this point end in this status. */
    instancesEndIn?: string;
    /** Sandbox only: rows per table of a restored database (default: the source cluster's). */
    tables?: Record<string, number>;
  }[];
}

/** A metric alarm: one metric (Namespace, MetricName, Statistic, Period), or metric math (`Metrics`). */
export interface AlarmRec {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  Namespace?: string;
  MetricName?: string;
  Dimensions: { Name: string; Value: string }[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  /** Metric-math alarms: the queries as PutMetricAlarm takes them (one expression returns data). */
  Metrics?: MetricQueryRec[];
  EvaluationPeriods: number;
  Threshold: number;
  ComparisonOperator: string;
  StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  StateReason?: string;
  StateUpdatedTimestamp: string;
  AlarmActions: string[];
  /** DisableAlarmActions / EnableAlarmActions; absent = enabled (AWS's default). */
  ActionsEnabled?: boolean;
  /** ListTagsForResource. */
  Tags?: { Key: string; Value: string }[];
  /** StateUpdate history (DescribeAlarmHistory), any order: when the state changed, from what, to what, why. */
  history?: AlarmHistoryRec[];
}

export interface MetricQueryRec {
  Id: string;
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
}

/** A composite alarm: its rule over other alarms' states, its own state and history. */
export interface CompositeAlarmRec {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  AlarmRule: string;
  StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  StateReason?: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: string;
  AlarmActions: string[];
  /** DisableAlarmActions / EnableAlarmActions; absent = enabled (AWS's default). */
  ActionsEnabled?: boolean;
  Tags?: { Key: string; Value: string }[];
  history?: AlarmHistoryRec[];
}

/** An AWS Health event (the account's view, served by the global endpoint in us-east-1). */
export interface HealthEventRec {
  arn: string;
  service: string;
  eventTypeCode: string;
  eventTypeCategory: 'issue' | 'accountNotification' | 'scheduledChange' | 'investigation';
  region: string;
  availabilityZone?: string;
  startTime: string;
  endTime?: string;
  lastUpdatedTime: string;
  statusCode: 'open' | 'closed' | 'upcoming';
  eventScopeCode: 'PUBLIC' | 'ACCOUNT_SPECIFIC' | 'NONE';
}

/** A Step Functions state machine the account has (the sandbox never runs it) and the executions started. */
export interface StateMachineRec {
  name: string;
  stateMachineArn: string;
  executions: { name: string; executionArn: string; input: string; startDate: string; status: 'RUNNING' }[];
}

export interface AlarmHistoryRec {
  Timestamp: string;
  oldState: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  newState: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  reason?: string;
}

/** A metric and how to synthesise its datapoints: baseline +- jitter, optionally a recent spike. */
export interface MetricRec {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Unit: string;
  baseline: number;
  jitter?: number;
  spike?: { value: number; sinceMinutesAgo: number };
}

export interface HostedZoneRec {
  Id: string;
  Name: string;
  PrivateZone: boolean;
  records: {
    Name: string;
    Type: string;
    TTL?: number;
    ResourceRecords?: { Value: string }[];
    AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
    SetIdentifier?: string;
    Failover?: 'PRIMARY' | 'SECONDARY';
    HealthCheckId?: string;
  }[];
}

/**
 * One day of one service's cost; RecordType 'Credit' amounts are negative (as Cost Explorer reports them). `account`
 * is the linked account that incurred it (the LINKED_ACCOUNT dimension): a management account's history holds its
 * linked accounts' costs too (consolidated billing); absent: the account whose history holds it.
 */
export interface CostRec {
  date: string;
  service: string;
  recordType: 'Usage' | 'Credit' | 'Refund' | 'Tax';
  amount: number;
  account?: string;
}

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

/** One day of one service's cost; RecordType 'Credit' amounts are negative (as Cost Explorer reports them). */
export interface CostRec {
  date: string;
  service: string;
  recordType: 'Usage' | 'Credit' | 'Refund' | 'Tax';
  amount: number;
}

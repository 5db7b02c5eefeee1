// The sandbox account's state: plain JSON (persisted to .autopilot/sandbox.json by the CLI). Records are stored in
// the shape the SDK returns them (PascalCase members), with timestamps as ISO strings and blobs as base64, so a
// describe handler can return them as they are: the interceptor turns them into SDK outputs through the operation's
// output schema (strings -> Date, members the schema does not know are dropped). Sandbox-only bookkeeping fields on
// a record (e.g. an instance's ReservationId) are therefore never seen by callers.
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { ConfigRule } from '@aws-sdk/client-config-service';
import type {
  Address,
  Image,
  Instance,
  LaunchTemplate,
  LaunchTemplateVersion,
  NetworkInterface,
  SecurityGroup,
  Snapshot,
  Subnet,
  Volume,
  Vpc,
} from '@aws-sdk/client-ec2';
import type { Rule as ElbRule, Listener, LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AccessKeyMetadata, InstanceProfile, LoginProfile, Role, User } from '@aws-sdk/client-iam';
import type { EcsClusterRec, EksClusterRec, HttpEndpointRec, ReplicationGroupRec } from './state-capacity.ts';
import type {
  AlarmRec,
  BackupVaultRec,
  CloudMapOperationRec,
  CloudMapServiceRec,
  CompositeAlarmRec,
  CostRec,
  DbClusterRec,
  DbInstanceRec,
  HealthEventRec,
  HostedZoneRec,
  MetricRec,
  RestoreJobRec,
  Route53ChangeRec,
  StateMachineRec,
  TargetGroupRec,
} from './state-models.ts';
import { type EcrState, emptySecurityServices, type InspectorState, type SecurityHubState } from './state-security.ts';
import type { Stored, Tag } from './stored.ts';

export type {
  EcsClusterRec,
  EcsServiceRec,
  EksClusterRec,
  HttpEndpointRec,
  NodegroupRec,
  Pending,
  ReplicationGroupRec,
} from './state-capacity.ts';
export type {
  AlarmRec,
  BackupVaultRec,
  CloudMapOperationRec,
  CloudMapServiceRec,
  CompositeAlarmRec,
  CostRec,
  DbClusterRec,
  DbInstanceRec,
  HealthEventRec,
  HostedZoneRec,
  MetricRec,
  RestoreJobRec,
  Route53ChangeRec,
  StateMachineRec,
  TargetGroupRec,
} from './state-models.ts';
export type {
  EcrImageRec,
  EcrRepositoryRec,
  EcrScanRec,
  EcrState,
  InspectorState,
  SecurityHubState,
} from './state-security.ts';
export type { Stored, Tag } from './stored.ts';

export interface SandboxState {
  version: 1;
  /** The home account (autopilot's own); member accounts are under `members`. */
  accountId: string;
  /** When the seed was resolved (its relative dates are relative to this). */
  seededAt: string;
  /** Monotonic counter behind every generated id, so ids stay unique across save/load. */
  sequence: number;
  global: GlobalState;
  /** Per region; a region first touched by a call is created empty. */
  regions: Record<string, RegionState>;
  /** Member accounts by id (sandbox/seed/accounts/<name>/): each its own IAM, S3 and regions. */
  members?: Record<string, AccountState>;
  /** STS sessions by access key id: a client signing with one acts in that account. */
  sessions?: Record<string, SessionRec>;
  /** The AWS Organization the home account manages (sandbox/seed/organization.yaml). */
  organization?: OrganizationState;
  /** The Slack workspace the Web API stand-in answers for (http.ts), created on first use. */
  slack?: SlackWorkspaceRec;
}

/** Channels created through conversations.create, their members and messages. */
export interface SlackWorkspaceRec {
  channels: {
    id: string;
    name: string;
    isPrivate: boolean;
    created: number;
    members: string[];
    messages: { ts: string; text: string }[];
  }[];
}

/** One account's own state: what a call signed with its credentials sees. */
export interface AccountState {
  global: GlobalState;
  regions: Record<string, RegionState>;
}

export interface SessionRec {
  accountId: string;
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  arn: string;
  expiration: string;
}

export interface OrganizationState {
  id: string;
  managementAccountId: string;
  rootId: string;
  ous: { Id: string; Name: string; ParentId: string }[];
  accounts: {
    Id: string;
    Name: string;
    Email: string;
    Status: string;
    JoinedMethod: string;
    JoinedTimestamp: string;
    ParentId: string;
  }[];
  /**
   * Delegated administrators by service principal (RegisterDelegatedAdministrator): `securityhub.amazonaws.com`,
   * `inspector2.amazonaws.com`. Such an account's Security Hub and Inspector show its members' findings too.
   */
  delegatedAdministrators?: Record<string, string>;
}

export interface GlobalState {
  iam: { users: IamUserRec[]; roles: Stored<Role>[]; instanceProfiles: Stored<InstanceProfile>[] };
  /** Buckets live in one global namespace; each one remembers its region. */
  s3: { buckets: Record<string, BucketRec> };
  /** changes: the change batches submitted (GetChange), created on first use. */
  route53: { hostedZones: HostedZoneRec[]; changes?: Route53ChangeRec[] };
  costExplorer: { currency: string; daily: CostRec[] };
  /** What fetch answers besides Slack and PagerDuty (sandbox/http.ts): the green environments' smoke endpoints. */
  http?: { endpoints: HttpEndpointRec[] };
  /** AWS Health events (DescribeEvents answers from the global endpoint, us-east-1); absent in older saved states. */
  health?: { events: HealthEventRec[] };
}

export interface RegionState {
  ec2: Ec2State;
  guardduty: { detectors: DetectorRec[] };
  config: { rules: ConfigRuleRec[] };
  sns: { topics: TopicRec[]; messages: SnsMessageRec[] };
  eventbridge: { buses: { Name: string; Arn: string }[]; events: EventRec[] };
  ssm: { parameters: ParameterRec[] };
  secretsManager: { secrets: SecretRec[] };
  autoScaling: { groups: Stored<AutoScalingGroup>[] };
  elbv2: {
    loadBalancers: Stored<LoadBalancer>[];
    targetGroups: TargetGroupRec[];
    listeners: Stored<Listener>[];
    rules: Stored<ElbRule>[];
  };
  /** instances and subnetGroups: created on first use in states saved before they existed. */
  rds: { clusters: DbClusterRec[]; instances?: DbInstanceRec[]; subnetGroups?: string[] };
  /** restoreJobs: created on first use. */
  backup: { vaults: BackupVaultRec[]; restoreJobs?: RestoreJobRec[] };
  cloudwatch: { alarms: AlarmRec[]; compositeAlarms?: CompositeAlarmRec[]; metrics: MetricRec[] };
  /** Cloud Map services and operations; absent until seeded or first used. */
  serviceDiscovery?: { services: CloudMapServiceRec[]; operations: CloudMapOperationRec[] };
  /** Step Functions state machines and the executions started on them (absent in older saved states). */
  stepFunctions?: { stateMachines: StateMachineRec[]; closedTokens: string[] };
  securityHub: SecurityHubState;
  inspector2: InspectorState;
  ecr: EcrState;
  eks: { clusters: EksClusterRec[] };
  ecs: { clusters: EcsClusterRec[] };
  elasticache: { replicationGroups: ReplicationGroupRec[] };
}

export interface Ec2State {
  vpcs: Stored<Vpc>[];
  subnets: Stored<Subnet>[];
  /**
   * Instance + the id of the reservation it was launched in (DescribeInstances groups by it) and the attributes
   * only DescribeInstanceAttribute shows (absent = EC2's default: termination allowed, shutdown stops), and the id
   * of its IAM instance profile association once one was made (derived from the instance until then).
   */
  instances: (Stored<Instance> & {
    InstanceId: string;
    ReservationId: string;
    DisableApiTermination?: boolean;
    InstanceInitiatedShutdownBehavior?: 'stop' | 'terminate';
    IamInstanceProfileAssociationId?: string;
  })[];
  volumes: (Stored<Volume> & { VolumeId: string })[];
  snapshots: (Stored<Snapshot> & { SnapshotId: string })[];
  images: (Stored<Image> & { ImageId: string })[];
  /**
   * PtrRecord: the reverse-DNS name set on the address (DescribeAddressesAttribute domain-name); Locked: an address
   * AWS refuses to release (InvalidAddress.Locked), set by the fixture.
   */
  addresses: (Stored<Address> & { AllocationId: string; PtrRecord?: string; Locked?: boolean })[];
  securityGroups: (Stored<SecurityGroup> & { GroupId: string })[];
  networkInterfaces: (Stored<NetworkInterface> & { NetworkInterfaceId: string })[];
  launchTemplates: (Stored<LaunchTemplate> & { LaunchTemplateId: string; versions: Stored<LaunchTemplateVersion>[] })[];
}

export type IamUserRec = Stored<User> & {
  UserName: string;
  accessKeys: (Stored<AccessKeyMetadata> & { LastUsedDate?: string; LastUsedService?: string })[];
  loginProfile?: Stored<LoginProfile>;
  attachedPolicyArns: string[];
  groups: string[];
};

export interface BucketRec {
  Name: string;
  Region: string;
  CreationDate: string;
  objects: Record<string, S3ObjectRec>;
  /** GetBucketVersioning; once Enabled every write keeps the earlier version (versions). */
  Versioning?: 'Enabled' | 'Suspended';
  /** Every version of each key, oldest first, delete markers included (a versioned bucket). */
  versions?: Record<string, S3VersionRec[]>;
  /** Bucket tags (PutBucketTagging / GetBucketTagging). */
  TagSet?: { Key: string; Value: string }[];
}

/** One version of an object, or a delete marker (no body). */
export type S3VersionRec =
  | (S3ObjectRec & { VersionId: string; IsDeleteMarker?: false })
  | { Key: string; VersionId: string; IsDeleteMarker: true; LastModified: string };

export interface S3ObjectRec {
  Key: string;
  /** The bytes, base64 encoded (JSON-safe for any content). */
  BodyBase64: string;
  ContentLength: number;
  ContentType?: string;
  ETag: string;
  LastModified: string;
  Metadata?: Record<string, string>;
  StorageClass: string;
}

export interface DetectorRec {
  DetectorId: string;
  CreatedAt: string;
  UpdatedAt: string;
  FindingPublishingFrequency: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  ServiceRole: string;
  Status: 'ENABLED' | 'DISABLED';
  DataSources?: Record<string, unknown>;
  Features?: { Name: string; Status: string; UpdatedAt?: string; AdditionalConfiguration?: unknown[] }[];
  Tags?: Record<string, string>;
  /** A member account's GuardDuty administrator (GetAdministratorAccount); it owns the detector's settings. */
  administrator?: { AccountId: string; InvitationId?: string; RelationshipStatus: string; InvitedAt?: string };
}

export interface ConfigRuleRec {
  rule: Stored<ConfigRule> & { ConfigRuleName: string; ConfigRuleArn: string; ConfigRuleId: string };
  /** What DescribeComplianceByConfigRule reports; nonCompliantCount only for NON_COMPLIANT. */
  compliance: { type: 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA'; nonCompliantCount?: number };
  /** Evaluation progress: StartConfigRulesEvaluation sets requestedAt; the status read after it completes it. */
  evaluation: {
    firstActivatedTime: string;
    lastSuccessfulInvocationTime?: string;
    lastSuccessfulEvaluationTime?: string;
    requestedAt?: string;
  };
}

export interface TopicRec {
  TopicArn: string;
  Name: string;
  Attributes?: Record<string, string>;
}

export interface SnsMessageRec {
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  MessageAttributes?: Record<string, unknown>;
  Timestamp: string;
}

export interface EventRec {
  EventId: string;
  Time: string;
  Region: string;
  EventBusName: string;
  Source: string;
  DetailType: string;
  /** The Detail JSON text exactly as sent. */
  Detail: string;
  Resources: string[];
}

export interface ParameterRec {
  Name: string;
  Type: 'String' | 'StringList' | 'SecureString';
  Value: string;
  Version: number;
  LastModifiedDate: string;
  ARN: string;
  DataType: string;
  KeyId?: string;
  Description?: string;
}

export interface SecretRec {
  ARN: string;
  Name: string;
  Description?: string;
  KmsKeyId?: string;
  CreatedDate: string;
  LastChangedDate: string;
  Tags?: Tag[];
  versions: SecretVersionRec[];
}

export interface SecretVersionRec {
  VersionId: string;
  SecretString?: string;
  /** base64 */
  SecretBinary?: string;
  VersionStages: string[];
  CreatedDate: string;
}

/** What a region holds before anything is created in it: like AWS, only the default event bus. */
export function emptyRegion(region: string, accountId: string): RegionState {
  return {
    ec2: {
      vpcs: [],
      subnets: [],
      instances: [],
      volumes: [],
      snapshots: [],
      images: [],
      addresses: [],
      securityGroups: [],
      networkInterfaces: [],
      launchTemplates: [],
    },
    guardduty: { detectors: [] },
    config: { rules: [] },
    sns: { topics: [], messages: [] },
    eventbridge: {
      buses: [{ Name: 'default', Arn: `arn:aws:events:${region}:${accountId}:event-bus/default` }],
      events: [],
    },
    ssm: { parameters: [] },
    secretsManager: { secrets: [] },
    autoScaling: { groups: [] },
    elbv2: { loadBalancers: [], targetGroups: [], listeners: [], rules: [] },
    rds: { clusters: [] },
    backup: { vaults: [] },
    cloudwatch: { alarms: [], compositeAlarms: [], metrics: [] },
    stepFunctions: { stateMachines: [], closedTokens: [] },
    ...emptySecurityServices(),
    eks: { clusters: [] },
    ecs: { clusters: [] },
    elasticache: { replicationGroups: [] },
  };
}

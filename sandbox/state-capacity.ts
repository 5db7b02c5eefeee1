// State shapes of the capacity the deployment and scaling playbooks change (EKS node groups, ECS services, Aurora
// DB instances, ElastiCache replication groups) and of the HTTP endpoints the sandbox's fetch answers (smoke tests).
// Re-exported by state.ts, which imports this module, never the other way round. Records are stored in the SDK's
// output shape with ISO timestamps; `pending` is sandbox bookkeeping (services/progress.ts) the output schema hides.
import type { Nodegroup, Update } from '@aws-sdk/client-eks';
import type { Stored } from './stored.ts';

/**
 * A change that completes on a later describe: after `readsLeft` more describes that look at it, or at `readyAt`
 * (sandbox clock), whichever comes first, as a waiter polling AWS would see it.
 */
export interface Pending {
  readsLeft: number;
  readyAt: string;
}

/** An EKS node group with its updates (DescribeUpdate), each with the scaling it applies when it completes. */
export type NodegroupRec = Stored<Nodegroup> & {
  nodegroupName: string;
  updates: (Stored<Update> & {
    id: string;
    clientRequestToken?: string;
    scaling?: { minSize?: number; maxSize?: number; desiredSize?: number };
    pending?: Pending;
  })[];
};

export interface EksClusterRec {
  name: string;
  arn: string;
  status: string;
  version: string;
  nodegroups: NodegroupRec[];
}

/** An ECS service: desiredCount is what was asked, runningCount converges to it (pending tasks until then). */
export interface EcsServiceRec {
  serviceName: string;
  serviceArn: string;
  clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  launchType: string;
  taskDefinition: string;
  createdAt: string;
  loadBalancers: { targetGroupArn: string; containerName: string; containerPort: number }[];
  deployments: {
    id: string;
    status: string;
    taskDefinition: string;
    desiredCount: number;
    pendingCount: number;
    runningCount: number;
    rolloutState: 'COMPLETED' | 'IN_PROGRESS' | 'FAILED';
    createdAt: string;
    updatedAt: string;
  }[];
  pending?: Pending;
}

export interface EcsClusterRec {
  clusterName: string;
  clusterArn: string;
  status: string;
  services: EcsServiceRec[];
}

/** An ElastiCache (Redis OSS / Valkey) replication group; a modification completes later (modifying -> available). */
export interface ReplicationGroupRec {
  ReplicationGroupId: string;
  ARN: string;
  Description: string;
  Status: string;
  ClusterEnabled: boolean;
  CacheNodeType: string;
  Engine: string;
  AutomaticFailover: string;
  MultiAZ: string;
  NodeGroups: {
    NodeGroupId: string;
    Status: string;
    Slots?: string;
    NodeGroupMembers: {
      CacheClusterId: string;
      CacheNodeId: string;
      PreferredAvailabilityZone: string;
      CurrentRole?: 'primary' | 'replica';
    }[];
  }[];
  MemberClusters: string[];
  pending?: Pending;
}

/** What the sandbox's fetch answers for a URL (and method): the smoke tests of a green environment. */
export interface HttpEndpointRec {
  url: string;
  /** Any method when omitted. */
  method?: string;
  status: number;
  body?: string;
  contentType?: string;
  /** Never answers: the caller's timeout (AbortSignal) ends the request. */
  hang?: boolean;
}

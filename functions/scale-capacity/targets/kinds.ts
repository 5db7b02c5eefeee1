// The pieces of capacity scale-capacity changes, as data: what was asked (the request), what the plan sets, and
// the before/after snapshots the report compares. Shared by the plan, apply, check and report steps.
import type { AsgCapacity } from '../../shared/capacity/asg.ts';
import type { EcsCapacity } from '../../shared/capacity/ecs.ts';
import type { CapacityKind } from '../../shared/capacity/targets.ts';

/** An Auto Scaling group's or EKS node group's sizes. */
export interface Sizes {
  minSize: number;
  maxSize: number;
  desired: number;
}

/** What the capacity is now; `settled` when nothing is still changing. */
export type Snapshot =
  | ({ kind: 'asg' } & AsgCapacity)
  | ({ kind: 'ecs-service' } & EcsCapacity)
  | ({ kind: 'eks-nodegroup'; status: string; healthIssues: number } & Sizes)
  /** Every DB instance of the Aurora cluster (one writer, the rest readers). */
  | { kind: 'aurora-replica'; engine: string; instances: { id: string; status: string }[] }
  | { kind: 'elasticache'; status: string; shards: number; replicasPerShard: number };

/** What the apply step sets. */
export type Change =
  | ({ kind: 'asg' } & Sizes)
  | { kind: 'ecs-service'; desired: number }
  | ({ kind: 'eks-nodegroup' } & Sizes)
  | { kind: 'aurora-replica'; instanceClass: string; newReaders: string[] }
  | { kind: 'elasticache'; shards?: number; replicasPerShard?: number };

/** The capacity a run is about: where, which, under what lock. */
export interface Subject {
  kind: CapacityKind;
  region: string;
  /** `idp-api-gateway-asg`, `idp-services/idp-auth-blue`, `idp-cluster/idp-workers`, `idp-aurora-primary`, `idp-redis` */
  name: string;
}

export interface ScalePlan {
  subject: Subject;
  before: Snapshot;
  change: Change;
  lockTarget: string;
  lockTtlSeconds: number;
  waitSeconds: number;
  maxPolls: number;
  reason?: string;
  dryRun: boolean;
}

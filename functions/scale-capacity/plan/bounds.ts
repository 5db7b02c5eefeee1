// The configured bounds, applied twice: to the request as given, before any call (a size outside its kind's or the
// resource's floor and ceiling is refused), and to the change resolved against what the capacity is now (sizes not
// given keep their values; a scale-in below the floor is refused, Aurora and ElastiCache only scale out here:
// removing a reader or a shard deletes nodes, which this playbook does not automate).
import { capacityLockTarget } from '../../shared/capacity/targets.ts';
import { AutopilotError, InvalidInputError } from '../../shared/errors/errors.ts';
import type { Bounds, ScaleCapacitySettings } from '../config.ts';
import type { Change, Sizes, Snapshot, Subject } from '../targets/kinds.ts';
import type { Request } from './input.ts';

/** The request is outside the configured bounds (or asks for a scale-in this playbook refuses); nothing changed. */
export class OutOfBoundsError extends AutopilotError {}

/** The capacity a request is about, in its region (the home region unless it names one). */
export function subjectOf(request: Request, defaultRegion: string): Subject {
  const region = request.region ?? defaultRegion;
  switch (request.target) {
    case 'asg':
      return { kind: 'asg', region, name: request.autoScalingGroupName };
    case 'ecs-service':
      return { kind: 'ecs-service', region, name: `${request.cluster}/${request.service}` };
    case 'eks-nodegroup':
      return { kind: 'eks-nodegroup', region, name: `${request.clusterName}/${request.nodegroupName}` };
    case 'aurora-replica':
      return { kind: 'aurora-replica', region, name: request.clusterId };
    case 'elasticache':
      return { kind: 'elasticache', region, name: request.replicationGroupId };
  }
}

export const lockTargetOf = (subject: Subject) => capacityLockTarget(subject.kind, subject.region, subject.name);

function boundsOf(subject: Subject, settings: ScaleCapacitySettings): Bounds {
  const byKind = { asg: settings.asg, 'ecs-service': settings.ecsService, 'eks-nodegroup': settings.eksNodegroup };
  return settings.overrides[`${subject.kind}:${subject.name}`] ?? byKind[subject.kind as keyof typeof byKind];
}

function checkSizes(subject: Subject, sizes: Partial<Sizes>, bounds: Bounds): void {
  const where = `${subject.kind} ${subject.name}`;
  if (sizes.desired !== undefined && sizes.desired < bounds.floor) {
    throw new OutOfBoundsError(
      `${where}: a desired capacity of ${sizes.desired} is below the floor of ${bounds.floor}`,
    );
  }
  if (sizes.minSize !== undefined && sizes.minSize < bounds.floor) {
    throw new OutOfBoundsError(`${where}: a minimum size of ${sizes.minSize} is below the floor of ${bounds.floor}`);
  }
  for (const [label, value] of [
    ['desired capacity', sizes.desired],
    ['maximum size', sizes.maxSize],
  ] as const) {
    if (value !== undefined && value > bounds.ceiling) {
      throw new OutOfBoundsError(`${where}: a ${label} of ${value} is above the ceiling of ${bounds.ceiling}`);
    }
  }
}

/** Checks the request as given against the bounds, before any call. */
export function checkRequest(request: Request, subject: Subject, settings: ScaleCapacitySettings): void {
  switch (request.target) {
    case 'asg':
    case 'eks-nodegroup': {
      const desired = request.target === 'asg' ? request.desiredCapacity : request.desiredSize;
      if (request.minSize === undefined && request.maxSize === undefined && desired === undefined) {
        throw new InvalidInputError('input: give at least one of minSize, maxSize and the desired size');
      }
      checkSizes(subject, { minSize: request.minSize, maxSize: request.maxSize, desired }, boundsOf(subject, settings));
      return;
    }
    case 'ecs-service':
      checkSizes(subject, { desired: request.desiredCount }, boundsOf(subject, settings));
      return;
    case 'aurora-replica':
      if (request.count > settings.auroraReplica.maxAddPerRun) {
        throw new OutOfBoundsError(
          `aurora-replica ${subject.name}: ${request.count} readers at once, at most ${settings.auroraReplica.maxAddPerRun}`,
        );
      }
      return;
    case 'elasticache':
      if ((request.shards === undefined) === (request.replicasPerShard === undefined)) {
        throw new InvalidInputError('input: give shards or replicasPerShard (one change at a time)');
      }
      if ((request.shards ?? 0) > settings.elasticache.maxShards) {
        throw new OutOfBoundsError(
          `elasticache ${subject.name}: ${request.shards} shards, at most ${settings.elasticache.maxShards}`,
        );
      }
      if ((request.replicasPerShard ?? 0) > settings.elasticache.maxReplicasPerShard) {
        throw new OutOfBoundsError(
          `elasticache ${subject.name}: ${request.replicasPerShard} replicas per shard, at most ${settings.elasticache.maxReplicasPerShard}`,
        );
      }
  }
}

/** A short, stable suffix for the readers of one execution (a retry creates the same names, never twice). */
function suffixOf(executionName: string): string {
  let hash = 0;
  for (const char of executionName) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(36).slice(0, 6);
}

/** The change resolved against the capacity now, checked again (sizes not given keep their current values). */
export function changeOf(
  request: Request,
  subject: Subject,
  before: Snapshot,
  settings: ScaleCapacitySettings,
  executionName: string,
): Change {
  if (
    (request.target === 'asg' && before.kind === 'asg') ||
    (request.target === 'eks-nodegroup' && before.kind === 'eks-nodegroup')
  ) {
    const desired = (request.target === 'asg' ? request.desiredCapacity : request.desiredSize) ?? before.desired;
    const sizes = { minSize: request.minSize ?? before.minSize, maxSize: request.maxSize ?? before.maxSize, desired };
    if (!(sizes.minSize <= sizes.desired && sizes.desired <= sizes.maxSize)) {
      throw new OutOfBoundsError(
        `${subject.kind} ${subject.name}: min ${sizes.minSize} <= desired ${sizes.desired} <= max ${sizes.maxSize} does not hold`,
      );
    }
    checkSizes(
      subject,
      { desired, ...(request.minSize !== undefined ? { minSize: request.minSize } : {}) },
      boundsOf(subject, settings),
    );
    return { kind: request.target, ...sizes };
  }
  if (request.target === 'ecs-service') return { kind: 'ecs-service', desired: request.desiredCount };
  if (request.target === 'aurora-replica' && before.kind === 'aurora-replica') {
    const readers = before.instances.length - 1 + request.count;
    if (readers > settings.auroraReplica.maxReaders) {
      throw new OutOfBoundsError(
        `aurora-replica ${subject.name}: ${readers} readers after the request, at most ${settings.auroraReplica.maxReaders}`,
      );
    }
    const suffix = suffixOf(executionName);
    return {
      kind: 'aurora-replica',
      instanceClass: request.instanceClass ?? settings.auroraReplica.instanceClass,
      newReaders: Array.from({ length: request.count }, (_, index) =>
        `${subject.name}-reader-${suffix}-${index + 1}`.slice(0, 63),
      ),
    };
  }
  if (request.target === 'elasticache' && before.kind === 'elasticache') {
    if (request.shards !== undefined && request.shards < before.shards) {
      throw new OutOfBoundsError(
        `elasticache ${subject.name}: ${request.shards} shards is a scale-in from ${before.shards} (not automated: it deletes nodes)`,
      );
    }
    if (request.replicasPerShard !== undefined && request.replicasPerShard < before.replicasPerShard) {
      throw new OutOfBoundsError(
        `elasticache ${subject.name}: ${request.replicasPerShard} replicas per shard is a scale-in from ${before.replicasPerShard} (not automated: it deletes nodes)`,
      );
    }
    return {
      kind: 'elasticache',
      ...(request.shards !== undefined && request.shards !== before.shards ? { shards: request.shards } : {}),
      ...(request.replicasPerShard !== undefined && request.replicasPerShard !== before.replicasPerShard
        ? { replicasPerShard: request.replicasPerShard }
        : {}),
    };
  }
  throw new InvalidInputError(`input.target: ${request.target} does not match what ${subject.name} is`);
}

// Reads the case's evidence back (refusing it when its SHA-256 no longer matches the one stored with it), reads the
// instance as it is now, and lists what a release would restore. Nothing is changed here: a human approves the list.
import { type AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { InvalidInputError, ResourceNotFoundError, VerificationFailedError } from '../../shared/errors/errors.ts';
import { type CaseInfo, keys, TAG } from '../../shared/instance/case.ts';
import { InstanceEvidence, sha256Hex } from '../../shared/instance/evidence.ts';
import { type ReadClients, readInstanceInTwoSteps } from '../../shared/instance/read.ts';
import type { ReleaseConfig } from '../config.ts';
import type { ReleaseInput } from './input.ts';
import type { ReleasePlan, RestoreStep } from './model.ts';

export interface PlanDeps {
  clients: ReadClients & { autoScaling: AutoScalingClient };
  s3: S3Client;
  bucket: string;
  config: ReleaseConfig;
  now: Date;
}

async function readEvidence(s3: S3Client, bucket: string, caseId: string) {
  const key = keys.evidence(caseId);
  let object: GetObjectCommandOutput;
  try {
    object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey')
      throw new ResourceNotFoundError(`case ${caseId} has no evidence at s3://${bucket}/${key}`);
    throw error;
  }
  const text = (await object.Body?.transformToString()) ?? '';
  const sha256 = sha256Hex(text);
  const stored = object.Metadata?.sha256;
  if (stored && stored !== sha256) {
    throw new VerificationFailedError(
      `evidence s3://${bucket}/${key} changed since capture: SHA-256 ${sha256}, stored ${stored}`,
    );
  }
  const parsed = InstanceEvidence.safeParse(JSON.parse(text));
  if (!parsed.success) throw new VerificationFailedError(`evidence s3://${bucket}/${key} is not what capture writes`);
  return { evidence: parsed.data, uri: `s3://${bucket}/${key}`, sha256 };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item));

export async function planRelease(input: ReleaseInput & { region: string }, deps: PlanDeps): Promise<ReleasePlan> {
  const settings = deps.config.playbooks.containInstance;
  const reading = await readInstanceInTwoSteps(deps.clients, {
    instanceId: input.instanceId,
    region: input.region,
    caseId: input.caseId ?? 'none',
    groupNames: { isolation: settings.isolationGroupName, untrack: settings.untrackGroupName },
    now: deps.now,
  });
  const tag = (key: string) => reading.instance.Tags?.find((t) => t.Key === key)?.Value;
  const caseId = input.caseId ?? tag(TAG.case);
  if (!caseId) {
    throw new InvalidInputError(
      `${input.instanceId} carries no ${TAG.case} tag: name the case to release with "caseId"`,
    );
  }
  if (tag(TAG.case) && tag(TAG.case) !== caseId) {
    throw new InvalidInputError(`${input.instanceId} is held by case ${tag(TAG.case)}, not ${caseId}`);
  }
  const theCase: CaseInfo = {
    caseId,
    instanceId: input.instanceId,
    region: input.region,
    source: 'manual',
    ...(input.accountId ? { accountId: input.accountId } : {}),
    reason: input.reason,
    severity: 'SEV3',
    dryRun: input.dryRun,
  };
  const base = {
    case: theCase,
    steps: [] as RestoreStep[],
    approvalTimeoutSeconds: deps.config.playbooks.releaseInstance.approvalTimeoutSeconds,
  };
  const state = tag(TAG.state);
  if (tag(TAG.case) === caseId && (state === 'released' || state === 'rejected')) {
    return { ...base, decision: 'nothing', why: `case ${caseId} is ${state}: nothing to restore` };
  }
  const [{ evidence: captured, uri, sha256 }, now] = await Promise.all([
    readEvidence(deps.s3, deps.bucket, caseId),
    reading.finish(),
  ]);
  const current = now.evidence;
  const capturedGroups = [...new Set(captured.networkInterfaces.flatMap((eni) => eni.groups.map((g) => g.groupId)))];
  const [, asgNow] = await Promise.all([
    (capturedGroups.length
      ? deps.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: capturedGroups }))
      : Promise.resolve(undefined)
    ).catch((error) => {
      if ((error as Error).name === 'InvalidGroup.NotFound') {
        throw new ResourceNotFoundError(
          `a security group of the captured state no longer exists (${(error as Error).message}): restore by hand`,
        );
      }
      throw error;
    }),
    captured.autoScalingGroup && !current.autoScalingGroup
      ? deps.clients.autoScaling.send(
          new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [captured.autoScalingGroup.name] }),
        )
      : Promise.resolve(undefined),
  ]);
  const steps: RestoreStep[] = [];
  if (captured.protection.disableApiTermination !== current.protection.disableApiTermination) {
    steps.push({
      kind: 'termination',
      from: current.protection.disableApiTermination,
      to: captured.protection.disableApiTermination,
    });
  }
  if (captured.protection.shutdownBehavior !== current.protection.shutdownBehavior) {
    steps.push({
      kind: 'shutdown',
      from: current.protection.shutdownBehavior,
      to: captured.protection.shutdownBehavior,
    });
  }
  const deleting = captured.volumes.filter(
    (volume) =>
      volume.deleteOnTermination &&
      current.volumes.some((v) => v.volumeId === volume.volumeId && !v.deleteOnTermination),
  );
  if (deleting.length)
    steps.push({
      kind: 'deleteOnTermination',
      volumes: deleting.map(({ volumeId, deviceName }) => ({ volumeId, deviceName })),
    });
  if (captured.instanceProfile && !current.instanceProfile) {
    // Containment removed the profile (its quarantine profile was missing).
    steps.push({ kind: 'associateProfile', to: captured.instanceProfile.name });
  }
  if (
    captured.instanceProfile &&
    current.instanceProfile &&
    captured.instanceProfile.name !== current.instanceProfile.name
  ) {
    steps.push({
      kind: 'profile',
      associationId: current.instanceProfile.associationId,
      from: current.instanceProfile.name,
      to: captured.instanceProfile.name,
    });
  }
  for (const eni of captured.networkInterfaces) {
    const now = current.networkInterfaces.find((c) => c.networkInterfaceId === eni.networkInterfaceId);
    const want = eni.groups.map((g) => g.groupId);
    const have = now?.groups.map((g) => g.groupId) ?? [];
    if (now && !sameSet(want, have))
      steps.push({ kind: 'groups', networkInterfaceId: eni.networkInterfaceId, from: have, to: want });
  }
  for (const address of captured.elasticIps) {
    if (!current.elasticIps.some((a) => a.allocationId === address.allocationId)) {
      const { allocationId, publicIp, networkInterfaceId, privateIpAddress } = address;
      steps.push({ kind: 'address', allocationId, publicIp, networkInterfaceId, privateIpAddress });
    }
  }
  const asg = captured.autoScalingGroup;
  if (asg && !current.autoScalingGroup) {
    const group = asgNow?.AutoScalingGroups?.[0];
    const desired = group?.DesiredCapacity ?? asg.desiredCapacity;
    const max = group?.MaxSize ?? asg.maxSize;
    const blocked = !group
      ? 'the group no longer exists'
      : desired + 1 > max
        ? `it is at its maximum size (${max})`
        : undefined;
    steps.push({
      kind: 'asg',
      name: asg.name,
      desiredCapacity: desired,
      maxSize: max,
      ...(blocked ? { blocked } : {}),
    });
  }
  for (const target of captured.targetGroups) {
    // A draining target is on its way out (deregistered at containment): it has to be registered again.
    if (!current.targetGroups.some((t) => t.targetGroupArn === target.targetGroupArn && t.state !== 'draining')) {
      const { targetGroupArn, targetGroupName, id, port, availabilityZone } = target;
      steps.push({ kind: 'target', targetGroupArn, targetGroupName, id, port, availabilityZone });
    }
  }
  return {
    ...base,
    decision: 'release',
    why: steps.length
      ? `${steps.length} change(s) restore the state captured ${captured.capturedAt}`
      : 'the captured state is in place already',
    evidence: { uri, sha256, capturedAt: captured.capturedAt },
    steps,
  };
}

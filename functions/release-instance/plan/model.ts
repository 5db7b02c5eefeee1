// What a release restores, as a list of steps computed from the captured evidence and the instance as it is now:
// only what differs is restored, so a release after a partial containment, or a second release, does no harm.
import type { CaseInfo } from '../../shared/instance/case.ts';

export type RestoreStep =
  | { kind: 'termination'; from: boolean; to: boolean }
  | { kind: 'shutdown'; from: string; to: 'stop' | 'terminate' }
  | { kind: 'deleteOnTermination'; volumes: { volumeId: string; deviceName: string }[] }
  | { kind: 'profile'; associationId: string; from: string; to: string }
  | { kind: 'associateProfile'; to: string }
  | { kind: 'groups'; networkInterfaceId: string; from: string[]; to: string[] }
  | { kind: 'address'; allocationId: string; publicIp: string; networkInterfaceId?: string; privateIpAddress?: string }
  | { kind: 'asg'; name: string; desiredCapacity: number; maxSize: number; blocked?: string }
  | {
      kind: 'target';
      targetGroupArn: string;
      targetGroupName: string;
      id: string;
      port?: number;
      availabilityZone?: string;
    };

export interface ReleasePlan {
  decision: 'release' | 'nothing';
  why: string;
  case: CaseInfo;
  evidence?: { uri: string; sha256: string; capturedAt: string };
  steps: RestoreStep[];
  approvalTimeoutSeconds: number;
}

export function describeStep(step: RestoreStep): string {
  switch (step.kind) {
    case 'termination':
      return `termination protection ${step.from ? 'on' : 'off'} -> ${step.to ? 'on' : 'off'}`;
    case 'shutdown':
      return `shutdown behaviour ${step.from} -> ${step.to}`;
    case 'deleteOnTermination':
      return `DeleteOnTermination back on for ${step.volumes.map((v) => v.volumeId).join(', ')}`;
    case 'profile':
      return `instance profile ${step.from} -> ${step.to}`;
    case 'associateProfile':
      return `instance profile ${step.to} associated again`;
    case 'groups':
      return `${step.networkInterfaceId} security groups ${step.from.join(', ')} -> ${step.to.join(', ')}`;
    case 'address':
      return `Elastic IP ${step.publicIp} back on ${step.networkInterfaceId ?? 'the instance'}`;
    case 'asg':
      return step.blocked
        ? `NOT re-attached to Auto Scaling group ${step.name}: ${step.blocked}`
        : `re-attach to Auto Scaling group ${step.name} (desired capacity ${step.desiredCapacity} -> ${step.desiredCapacity + 1})`;
    case 'target':
      return `register in target group ${step.targetGroupName} (${step.id}${step.port ? `:${step.port}` : ''})`;
  }
}

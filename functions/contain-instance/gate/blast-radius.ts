// What taking this instance out could break: the last healthy target of a target group, an Auto Scaling group
// pushed below its minimum, an instance the config calls critical. Each is reported; the ones the config names in
// requireApprovalWhen make the run wait for a human (unless proceedWithoutApproval).

import type { ContainInstanceSettings } from '../../shared/instance/config.ts';
import type { InstanceEvidence } from '../../shared/instance/evidence.ts';

export type RiskKind = 'lastHealthyTarget' | 'belowAsgMinimum' | 'critical';

export interface Risk {
  kind: RiskKind;
  text: string;
}

type Settings = ContainInstanceSettings;

export function blastRadius(evidence: InstanceEvidence, settings: Settings): Risk[] {
  const risks: Risk[] = [];
  for (const target of evidence.targetGroups) {
    if (target.state === 'healthy' && target.healthyOthers === 0) {
      risks.push({
        kind: 'lastHealthyTarget',
        text: `last healthy target of target group ${target.targetGroupName}: taking it out leaves the group without healthy targets`,
      });
    }
  }
  const asg = evidence.autoScalingGroup;
  if (asg && asg.lifecycleState === 'InService' && asg.inServiceOthers < asg.minSize) {
    risks.push({
      kind: 'belowAsgMinimum',
      text: `Auto Scaling group ${asg.name} drops to ${asg.inServiceOthers} InService instance(s), below its minimum of ${asg.minSize}, until the replacement is in service`,
    });
  }
  const critical = settings.criticalTags.find((tag) =>
    tag.value === undefined ? tag.key in evidence.tags : evidence.tags[tag.key] === tag.value,
  );
  if (critical) {
    risks.push({
      kind: 'critical',
      text: `tagged critical (${critical.key}${critical.value === undefined ? '' : `=${critical.value}`})`,
    });
  }
  return risks;
}

/** Whether these risks make the run wait for approval under the config. */
export function needsApproval(risks: Risk[], settings: Settings): boolean {
  if (settings.proceedWithoutApproval) return false;
  return risks.some((risk) => settings.requireApprovalWhen[risk.kind]);
}

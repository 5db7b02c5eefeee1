// The release-instance playbook: Incident Response: recovery.

import { HOLD_PURPOSE_TAG, HOLD_TAG } from '../shared/holds/holds.ts';
import { ContainInstance } from '../shared/instance/config.ts';
import { allow, auditTrail, inAccount, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { ReleaseInstance } from './config.ts';
import { ReleaseInput } from './plan/input.ts';

export default definePlaybook({
  name: 'release-instance',
  purpose: 'After a human approves, restores what contain-instance captured and marks the case released',
  description:
    'after a human approves: restores what contain-instance captured (security groups, Elastic IPs, instance profile, protection flags, target groups, ASG membership, in that order) from the SHA-256-checked evidence, only where it differs; marks the case released; snapshots and evidence stay',
  runbook: 'Incident Response: recovery',
  configKey: 'releaseInstance',
  config: ReleaseInstance,
  reads: { containInstance: ContainInstance },
  input: ReleaseInput,
  retainLogs: true,
  // Releases what contain-instance's example contained; a release always asks for an approval.
  example: {
    input: { instanceId: 'i-01a100000000000b1', reason: 'false positive: the traffic was the nightly backup' },
    flags: ['--approve'],
  },
  triggers: {},
  steps: {
    releaseInstancePlan: {
      folder: 'plan',
      actsIn: 'target',
      description: "Reads a case's evidence (SHA-256 checked) and the instance, and lists what a release restores",
      iam: [
        allow(
          [
            'ec2:DescribeInstances',
            'ec2:DescribeInstanceAttribute',
            'ec2:DescribeAddresses',
            'ec2:DescribeIamInstanceProfileAssociations',
            'ec2:DescribeVolumes',
            'ec2:DescribeSecurityGroups',
            'ec2:DescribeSnapshots',
            'autoscaling:DescribeAutoScalingInstances',
            'autoscaling:DescribeAutoScalingGroups',
            'elasticloadbalancing:DescribeTargetGroups',
            'elasticloadbalancing:DescribeTargetHealth',
          ],
          '*',
        ),
        allow(['iam:GetInstanceProfile'], inAccount('iam', 'instance-profile/*', '')),
        allow(['s3:GetObject'], reportsObjects('cases/*')),
      ],
    },
    releaseInstanceApproval: {
      folder: 'approval',
      description: 'Asks a human to approve a release (task token)',
      iam: [...publishReport, auditTrail],
    },
    releaseInstanceRestore: {
      folder: 'restore',
      actsIn: 'target',
      description: 'Restores the captured state of a contained instance and closes its case',
      iam: [
        allow(
          [
            'ec2:ModifyInstanceAttribute',
            'ec2:ModifyNetworkInterfaceAttribute',
            'ec2:AssociateAddress',
            'ec2:ReplaceIamInstanceProfileAssociation',
            'ec2:AssociateIamInstanceProfile',
            'ec2:CreateTags',
          ],
          [
            inAccount('ec2', 'instance/*'),
            inAccount('ec2', 'volume/*'),
            inAccount('ec2', 'network-interface/*'),
            inAccount('ec2', 'security-group/*'),
            inAccount('ec2', 'elastic-ip/*'),
          ],
        ),
        allow(['iam:PassRole'], inAccount('iam', 'role/*', ''), {
          StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
        }),
        // Only contain-instance's hold marker, on the addresses it gives back.
        allow(['ec2:DeleteTags'], inAccount('ec2', 'elastic-ip/*'), {
          'ForAllValues:StringEquals': { 'aws:TagKeys': [HOLD_TAG, HOLD_PURPOSE_TAG] },
        }),
        allow(['autoscaling:AttachInstances'], inAccount('autoscaling', 'autoScalingGroup:*:autoScalingGroupName/*')),
        allow(['elasticloadbalancing:RegisterTargets'], inAccount('elasticloadbalancing', 'targetgroup/*/*')),
        allow(['s3:GetObject', 's3:DeleteObject'], reportsObjects('cases/*')),
        auditTrail,
      ],
    },
    releaseInstanceReport: {
      folder: 'report',
      description: 'Writes the release report and notifies (resolved, or an alert when a release failed)',
      iam: [...publishReport],
    },
  },
});

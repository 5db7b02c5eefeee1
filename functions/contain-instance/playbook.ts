// The contain-instance playbook: Incident Response: isolate compromised resource.

import { HOLD_PURPOSE_TAG, HOLD_TAG } from '../shared/holds/holds.ts';
import { ContainInstance } from '../shared/instance/config.ts';
import { allow, auditTrail, inAccount, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { ManualInput } from './gate/input.ts';

export default definePlaybook({
  name: 'contain-instance',
  purpose:
    'A compromised EC2 instance is captured as evidence, protected, snapshotted, taken out of service and isolated, with approval when its blast radius asks for it',
  description:
    'the runbook\'s "isolate compromised resource", done as AWS\'s incident-response guidance says: gate (sample findings notify only; exempt, terminated, archived skip with the reason; a repeat of a case, a redelivered event or a run already holding the instance changes nothing and sends nothing; a newer finding on a contained instance is recorded in its case with one update), blast radius (last healthy target, ASG below minimum, critical tag: approval by task token unless configured otherwise), then capture the metadata as evidence (S3, SHA-256), termination protection / shutdown stop / DeleteOnTermination off, forensic snapshots of every volume in one call (not awaited), out of service (ASG detach keeping the desired capacity, target groups deregistered) before isolation, isolation of every ENI (allow-all untrack group, then the no-rules isolation group; source/dest check left on; Elastic IPs disassociated), the deny-all instance profile, a read-back verification that pages if anything but the isolation group remains, tags, the incident alert (SEV1 Critical, SEV2 High) and the case report; a failure half-way alerts with what was done and the next trigger finishes the same case',
  runbook: 'Incident Response: isolate compromised resource',
  configKey: 'containInstance',
  config: ContainInstance,
  input: ManualInput,
  retainLogs: true,
  // The seed's bastion: no blast-radius condition holds, so it is contained without an approval.
  example: { input: { instanceId: 'i-01a100000000000b1', reason: 'suspicious outbound traffic from the bastion' } },
  triggers: {
    events: ({ settings }) => [
      {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: {
          severity: [{ numeric: ['>=', settings.minSeverity] }],
          type: settings.findingTypes,
          resource: { resourceType: ['Instance'] },
        },
      },
    ],
  },
  steps: {
    containInstanceGate: {
      folder: 'gate',
      actsIn: 'target',
      description: 'Gates a GuardDuty EC2 finding or request, claims the instance and weighs the blast radius',
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
        allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], reportsObjects('cases/*')),
        // A finding from another account: is it under the configured OUs (and active)?
        allow(
          ['organizations:ListParents', 'organizations:DescribeAccount'],
          ['arn:aws:organizations::*:account/o-*/*', 'arn:aws:organizations::*:ou/o-*/ou-*'],
        ),
        auditTrail,
      ],
    },
    containInstanceApproval: {
      folder: 'approval',
      description: 'Asks a human to approve a containment with a blast radius (task token)',
      iam: [...publishReport, auditTrail],
    },
    containInstanceCapture: {
      folder: 'capture',
      description: "Stores the instance's metadata as evidence with its SHA-256, once per case",
      iam: [allow(['s3:PutObject', 's3:GetObject'], reportsObjects('cases/*')), auditTrail],
    },
    containInstanceProtect: {
      folder: 'protect',
      actsIn: 'target',
      description: 'Termination protection on, shutdown behaviour stop, DeleteOnTermination off',
      iam: [
        allow(['ec2:ModifyInstanceAttribute'], [inAccount('ec2', 'instance/*'), inAccount('ec2', 'volume/*')]),
        auditTrail,
      ],
    },
    containInstanceSnapshot: {
      folder: 'snapshot',
      actsIn: 'target',
      description: 'Starts forensic snapshots of every volume in one CreateSnapshots call, tagged with the case',
      iam: [
        allow(
          ['ec2:CreateSnapshots'],
          [inAccount('ec2', 'instance/*'), inAccount('ec2', 'volume/*'), 'arn:aws:ec2:*::snapshot/*'],
        ),
        allow(['ec2:CreateTags'], 'arn:aws:ec2:*::snapshot/*', {
          StringEquals: { 'ec2:CreateAction': 'CreateSnapshots' },
        }),
        auditTrail,
      ],
    },
    containInstanceDetach: {
      folder: 'detach',
      actsIn: 'target',
      description: 'Detaches the instance from its Auto Scaling group (desired capacity kept) and its target groups',
      iam: [
        allow(['autoscaling:DescribeAutoScalingInstances'], '*'),
        allow(['autoscaling:DetachInstances'], inAccount('autoscaling', 'autoScalingGroup:*:autoScalingGroupName/*')),
        allow(['elasticloadbalancing:DeregisterTargets'], inAccount('elasticloadbalancing', 'targetgroup/*/*')),
        auditTrail,
      ],
    },
    containInstancePrepare: {
      folder: 'prepare',
      actsIn: 'target',
      description: 'Makes the isolation (no rules) and untrack (allow-all) groups ready in each VPC of the instance',
      iam: [
        allow(['ec2:DescribeSecurityGroups'], '*'),
        allow(
          [
            'ec2:CreateSecurityGroup',
            'ec2:AuthorizeSecurityGroupIngress',
            'ec2:AuthorizeSecurityGroupEgress',
            'ec2:RevokeSecurityGroupIngress',
            'ec2:RevokeSecurityGroupEgress',
          ],
          [inAccount('ec2', 'security-group/*'), inAccount('ec2', 'security-group-rule/*'), inAccount('ec2', 'vpc/*')],
        ),
        allow(['ec2:CreateTags'], inAccount('ec2', 'security-group/*'), {
          StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' },
        }),
        auditTrail,
      ],
    },
    containInstanceIsolate: {
      folder: 'isolate',
      actsIn: 'target',
      description:
        'Isolates every ENI (untrack group, then the no-rules isolation group) and disassociates Elastic IPs',
      iam: [
        allow(
          ['ec2:ModifyNetworkInterfaceAttribute', 'ec2:DisassociateAddress'],
          [
            inAccount('ec2', 'network-interface/*'),
            inAccount('ec2', 'security-group/*'),
            inAccount('ec2', 'elastic-ip/*'),
            inAccount('ec2', 'instance/*'),
          ],
        ),
        // Only the hold marker, on the addresses it disassociates.
        allow(['ec2:CreateTags'], inAccount('ec2', 'elastic-ip/*'), {
          'ForAllValues:StringEquals': { 'aws:TagKeys': [HOLD_TAG, HOLD_PURPOSE_TAG] },
        }),
        auditTrail,
      ],
    },
    containInstanceCredentials: {
      folder: 'credentials',
      actsIn: 'target',
      description:
        'Replaces the instance profile with the deny-all quarantine profile (role sessions revoked if configured)',
      iam: [
        allow(
          ['ec2:ReplaceIamInstanceProfileAssociation', 'ec2:DisassociateIamInstanceProfile'],
          inAccount('ec2', 'instance/*'),
        ),
        allow(
          ['iam:PassRole'],
          { 'Fn::GetAtt': ['ContainInstanceQuarantineRole', 'Arn'] },
          { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
        ),
        allow(['iam:PutRolePolicy'], inAccount('iam', 'role/*', '')),
        // When EC2 refuses the quarantine profile: is it missing? (asked, never guessed from the message)
        allow(['iam:GetInstanceProfile'], inAccount('iam', 'instance-profile/*', '')),
        auditTrail,
      ],
    },
    containInstanceVerify: {
      folder: 'verify',
      actsIn: 'target',
      description: 'Reads the ENIs back; anything but the isolation group fails the run (and pages)',
      iam: [allow(['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups'], '*'), auditTrail],
    },
    containInstanceReport: {
      folder: 'report',
      actsIn: 'target',
      description: 'Tags the contained instance, notifies with the incident alert and writes the case report',
      iam: [
        allow(['ec2:CreateTags'], inAccount('ec2', 'instance/*')),
        allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], reportsObjects('cases/*')),
        ...publishReport,
        auditTrail,
      ],
    },
    containInstanceFailed: {
      folder: 'failed',
      actsIn: 'target',
      description: 'Alerts when a containment fails (what failed, what was done), marks the case failed, reports',
      iam: [
        allow(['ec2:CreateTags'], inAccount('ec2', 'instance/*')),
        allow(['s3:GetObject', 's3:DeleteObject'], reportsObjects('cases/*')),
        ...publishReport,
        auditTrail,
      ],
    },
  },
});

// The scale-capacity playbook: Scaling Operations: manual scaling procedures.
import { allow, auditTrail, inAccount, lockObjects, publishReport } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { ScaleCapacity } from './config.ts';
import { ManualInput } from './plan/input.ts';

const reads = [
  allow(['autoscaling:DescribeAutoScalingGroups'], '*'),
  allow(['ecs:DescribeServices'], inAccount('ecs', 'service/*/*')),
  allow(
    ['eks:DescribeNodegroup', 'eks:DescribeUpdate'],
    [inAccount('eks', 'nodegroup/*/*/*'), inAccount('eks', 'cluster/*')],
  ),
  allow(['rds:DescribeDBInstances'], inAccount('rds', 'db:*')),
  allow(['elasticache:DescribeReplicationGroups'], inAccount('elasticache', 'replicationgroup:*')),
];

export default definePlaybook({
  name: 'scale-capacity',
  purpose:
    'Scales an EKS node group, Auto Scaling group, ECS service, Aurora cluster (readers) or ElastiCache replication group within configured bounds and waits until the new capacity is healthy',
  description:
    "the runbook's manual scaling procedures with the APIs that really do them: EKS UpdateNodegroupConfig (min/max/desired, a client request token), an Aurora reader as CreateDBInstance in the cluster (not create-db-instance-read-replica, which does not apply to Aurora), ElastiCache ModifyReplicationGroupShardConfiguration (shards) or IncreaseReplicaCount (replicas), ASG UpdateAutoScalingGroup, ECS UpdateService; the request is checked against the configured floor and ceiling before any call (per kind, or per resource), resolved against what the capacity is now (a scale-in below the floor is refused; removing Aurora readers or ElastiCache nodes is not automated), the capacity's lock taken (a traffic shift scaling the same group waits its turn), then the state machine polls until the new capacity is healthy (in service and healthy, running, ACTIVE, available) or gives up after the configured checks and alerts; the report has before and after as read from AWS",
  runbook: 'Scaling Operations: manual scaling procedures',
  configKey: 'scaleCapacity',
  config: ScaleCapacity,
  input: ManualInput,
  example: {
    input: {
      target: 'eks-nodegroup',
      clusterName: 'idp-cluster',
      nodegroupName: 'idp-workers',
      minSize: 5,
      maxSize: 50,
      desiredSize: 10,
    },
  },
  triggers: {},
  steps: {
    scaleCapacityPlan: {
      folder: 'plan',
      description: 'Checks the request against the bounds, reads the capacity and locks it',
      iam: [...reads, ...lockObjects],
    },
    scaleCapacityApply: {
      folder: 'apply',
      description: 'Makes the change with the API that really scales the capacity',
      iam: [
        ...reads,
        allow(
          ['autoscaling:UpdateAutoScalingGroup'],
          inAccount('autoscaling', 'autoScalingGroup:*:autoScalingGroupName/*'),
        ),
        allow(['ecs:UpdateService'], inAccount('ecs', 'service/*/*')),
        allow(['eks:UpdateNodegroupConfig'], inAccount('eks', 'nodegroup/*/*/*')),
        allow(['rds:CreateDBInstance'], [inAccount('rds', 'db:*'), inAccount('rds', 'cluster:*')]),
        allow(
          ['elasticache:IncreaseReplicaCount', 'elasticache:ModifyReplicationGroupShardConfiguration'],
          inAccount('elasticache', 'replicationgroup:*'),
        ),
        auditTrail,
      ],
    },
    scaleCapacityCheck: {
      folder: 'check',
      description: 'Reads whether the new capacity is healthy yet',
      iam: reads,
    },
    scaleCapacityReport: {
      folder: 'report',
      description: 'Releases the lock and reports before and after',
      iam: [...lockObjects, ...publishReport],
    },
  },
});

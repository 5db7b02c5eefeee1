// The point-in-time-restore playbook: Disaster Recovery: point-in-time recovery.
import { allow, auditTrail, inAccount, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { PointInTimeRestore } from './config.ts';
import { RestoreInput } from './plan/input.ts';

const clusters = inAccount('rds', 'cluster:*');
const instances = inAccount('rds', 'db:*');
const bucketsOf = (names: string[]) => names.map((name) => `arn:aws:s3:::${name}`);
const objectsOf = (names: string[]) => names.map((name) => `arn:aws:s3:::${name}/*`);

export default definePlaybook({
  name: 'point-in-time-restore',
  purpose:
    'Restores an Aurora cluster to a point in time into a new cluster with its instance, and/or the objects under an S3 prefix to their versions at that time',
  description:
    "the runbook's \"Point-in-Time Recovery\", by hand: database: the time is checked against the source's restorable window (EarliestRestorableTime..LatestRestorableTime), RestoreDBClusterToPointInTime into a new cluster (the source's subnet group and security groups unless given; never the source's name, never an existing cluster), its instance created (the restore creates only the cluster) and awaited, the endpoints reported; S3: for each key under the prefix the version current at that time (ListObjectVersions, every page, delete markers honoured) is copied back as the current version, objects created since are reported and deleted (a delete marker) only when asked; plans in S3, batches in a loop; the source is only read; a dry run lists what would change; a failure alerts with what exists now",
  runbook: 'Disaster Recovery: point-in-time recovery',
  configKey: 'pointInTimeRestore',
  config: PointInTimeRestore,
  input: RestoreInput,
  example: {
    input: {
      sourceClusterId: 'idp-aurora-primary',
      restoreTime: '2 hours ago',
      bucket: 'idp-data',
      prefix: 'critical/',
    },
    flags: ['--dry-run'],
  },
  triggers: {},
  steps: {
    pitrPlan: {
      folder: 'plan',
      description: 'Checks the request: restorable window, a free cluster name, a reachable versioned bucket',
      iam: ({ settings }) => [
        allow(['rds:DescribeDBClusters', 'rds:DescribeDBInstances'], [clusters, instances]),
        allow(['s3:ListBucket', 's3:GetBucketVersioning'], bucketsOf(settings.buckets)),
      ],
    },
    pitrRestoreCluster: {
      folder: 'restore-cluster',
      description: 'RestoreDBClusterToPointInTime into a new cluster tagged with the execution',
      iam: [
        allow(['rds:RestoreDBClusterToPointInTime', 'rds:AddTagsToResource'], [clusters, inAccount('rds', 'subgrp:*')]),
        auditTrail,
      ],
    },
    pitrDatabaseProgress: {
      folder: 'database-progress',
      description: 'Watches the restored cluster, creates its instance once it is available, watches the instance',
      iam: [
        allow(['rds:DescribeDBClusters', 'rds:DescribeDBInstances'], [clusters, instances]),
        allow(['rds:CreateDBInstance', 'rds:AddTagsToResource'], [clusters, instances]),
        auditTrail,
      ],
    },
    pitrPlanObjects: {
      folder: 'objects-plan',
      description: 'Lists every version under the prefix and plans which version of each key goes back (plan in S3)',
      iam: ({ settings }) => [
        allow(['s3:ListBucketVersions'], bucketsOf(settings.buckets)),
        allow(['s3:PutObject'], reportsObjects('work/point-in-time-restore/*')),
      ],
    },
    pitrApplyObjects: {
      folder: 'objects-apply',
      description:
        'Copies a batch of earlier versions back as current versions (delete markers for newer objects if asked)',
      iam: ({ settings }) => [
        allow(['s3:GetObject'], reportsObjects('work/point-in-time-restore/*')),
        allow(['s3:PutObject', 's3:GetObjectVersion', 's3:DeleteObject'], objectsOf(settings.buckets)),
        auditTrail,
      ],
    },
    pitrReport: {
      folder: 'report',
      description: 'Writes the restore report (endpoints, objects) and notifies; on a failure reads back what exists',
      iam: [
        allow(['rds:DescribeDBClusters'], clusters),
        allow(['s3:GetObject'], reportsObjects('work/point-in-time-restore/*')),
        ...publishReport,
      ],
    },
  },
});

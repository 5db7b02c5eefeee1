// The verify-backups playbook: Disaster Recovery: automated backup verification.
import { allow, auditTrail, inAccount, listReports, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook, scheduleOf } from '../shared/playbook/manifest.ts';
import { VerifyBackups } from './config.ts';
import { VerifyInput } from './plan/input.ts';
import { CREATED_BY_TAG, NAME_PREFIX, PLAYBOOK, STARTED_TAG, TEST_TAG } from './tags.ts';

/** Recovery points as AWS Backup names them per type (EBS: the snapshot, EC2: the AMI, RDS/Aurora: the snapshot). */
const recoveryPoints = [
  inAccount('backup', 'recovery-point:*'),
  'arn:aws:ec2:*::snapshot/*',
  'arn:aws:ec2:*::image/*',
  inAccount('rds', 'cluster-snapshot:awsbackup:*'),
  inAccount('rds', 'snapshot:awsbackup:*'),
];
/** Test copies: databases and buckets by their name prefix; volumes and instances by their tag. */
const testDatabases = [inAccount('rds', `cluster:${NAME_PREFIX}*`), inAccount('rds', `db:${NAME_PREFIX}*`)];
const testBuckets = [`arn:aws:s3:::${NAME_PREFIX}*`, `arn:aws:s3:::${NAME_PREFIX}*/*`];
const taggedTestCopy = { StringEquals: { [`aws:ResourceTag/${CREATED_BY_TAG}`]: PLAYBOOK } };
const ec2Copies = [inAccount('ec2', 'volume/*'), inAccount('ec2', 'instance/*')];
const HISTORY = 'reports/verify-backups/history/*';

/** What deleting a test copy takes (cleanup and sweep): looking at it, then deleting it. */
const deleteCopies = [
  allow(['backup:DescribeRestoreJob'], '*'),
  allow(['ec2:DescribeVolumes', 'ec2:DescribeInstances'], '*'),
  allow(['ec2:DeleteVolume', 'ec2:TerminateInstances'], ec2Copies, taggedTestCopy),
  allow(
    ['rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'rds:DeleteDBCluster', 'rds:DeleteDBInstance'],
    testDatabases,
  ),
  allow(
    ['s3:GetBucketTagging', 's3:ListBucketVersions', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteBucket'],
    testBuckets,
  ),
  auditTrail,
];

export default definePlaybook({
  name: 'verify-backups',
  purpose:
    'Restores the newest (or a random) recovery point of each vault and resource type into an isolated place, validates it, reports the measured RTO and deletes the copy',
  description:
    'the runbook\'s "Automated Backup Verification", weekly and by hand: per configured vault and resource type (EBS, Aurora, RDS, EC2, S3) the newest completed recovery point (or a random one of the window, as AWS Backup restore testing does) is checked (status, encryption, age against the RPO), restored with StartRestoreJob (the recorded metadata with overrides: isolated subnet group or subnet, no-ingress security groups, a small instance class, a new name) and polled from the state machine with a timeout; the copy is tagged with the run, validated (a volume available, an instance running, an Aurora cluster with an instance created and available and an optional RDS Data API query, a bucket with objects), the result reported to AWS Backup (PutRestoreValidationResult) and the copy deleted, also when a step failed (the iteration\'s Catch cleans up; the hold rule applies); leftovers of earlier runs are swept (tags, name prefix, restore jobs still running then); the S3 backup bucket is reachable and fresh; the report shows per recovery point the restore duration, the measured RTO against the earlier runs (kept under reports/verify-backups/history/), the validation and the cleanup; a failure, a timeout, an RPO or encryption violation or an RTO far above the earlier runs alerts (SEV2)',
  runbook: 'Disaster Recovery: backup and restore procedures',
  configKey: 'verifyBackups',
  config: VerifyBackups,
  input: VerifyInput,
  example: { input: { vaults: ['idp-backup-vault'], resourceTypes: ['Aurora', 'EBS'], regions: ['us-east-1'] } },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.schedule),
  },
  steps: {
    verifyBackupsPlan: {
      folder: 'plan',
      description: 'Picks a recovery point per vault and type and checks its status, encryption and age (RPO)',
      iam: [
        allow(['backup:ListRecoveryPointsByBackupVault'], inAccount('backup', 'backup-vault:*')),
        allow(['backup:DescribeRecoveryPoint'], recoveryPoints),
      ],
    },
    verifyBackupsSweep: {
      folder: 'sweep',
      description: 'Deletes test copies earlier runs left behind (tags, name prefix, restore jobs then running)',
      timeout: 300,
      iam: [
        listReports(HISTORY),
        allow(['s3:GetObject'], reportsObjects(HISTORY)),
        allow(['s3:ListAllMyBuckets'], '*'),
        ...deleteCopies,
      ],
    },
    verifyBackupsBucketCheck: {
      folder: 'bucket-check',
      description: "The runbook's S3 backup check: bucket reachable, newest object under the prefix within the RPO",
      iam: ({ settings }) => [allow(['s3:ListBucket'], `arn:aws:s3:::${settings.backupBucket.name}`)],
    },
    verifyBackupsStartRestore: {
      folder: 'start-restore',
      description: 'StartRestoreJob of one recovery point into the isolated place, under a name of this run',
      iam: ({ settings }) => [
        allow(['backup:GetRecoveryPointRestoreMetadata', 'backup:StartRestoreJob'], recoveryPoints),
        allow(['iam:PassRole'], inAccount('iam', `role/${settings.restoreRoleName}`, ''), {
          StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' },
        }),
        auditTrail,
      ],
    },
    verifyBackupsPollRestore: {
      folder: 'poll-restore',
      description: 'Looks at a restore job; tags the copy it created with the run',
      iam: [
        allow(['backup:DescribeRestoreJob'], '*'),
        allow(['ec2:CreateTags'], ec2Copies, {
          'ForAllValues:StringEquals': { 'aws:TagKeys': [TEST_TAG, STARTED_TAG, CREATED_BY_TAG] },
        }),
        allow(['rds:AddTagsToResource'], testDatabases),
        allow(['s3:PutBucketTagging'], testBuckets),
        auditTrail,
      ],
    },
    verifyBackupsValidate: {
      folder: 'validate',
      description: 'Looks whether the copy is usable (an Aurora copy gets an instance and an optional Data API query)',
      iam: ({ settings }) => [
        allow(['ec2:DescribeVolumes', 'ec2:DescribeInstances'], '*'),
        allow(
          [
            'rds:DescribeDBClusters',
            'rds:DescribeDBInstances',
            'rds:CreateDBInstance',
            'rds:AddTagsToResource',
            'rds:EnableHttpEndpoint',
          ],
          [...testDatabases, inAccount('rds', 'subgrp:*')],
        ),
        allow(['rds-data:ExecuteStatement'], testDatabases[0]),
        allow(
          ['secretsmanager:GetSecretValue'],
          [
            ...Object.values(settings.dataApiCheck?.secretArns ?? {}),
            inAccount('secretsmanager', 'secret:idp-autopilot/restore-test/*'),
          ],
        ),
        allow(['s3:ListBucket'], testBuckets[0]),
        auditTrail,
      ],
    },
    verifyBackupsRecordValidation: {
      folder: 'record-validation',
      description: 'Reports the validation to AWS Backup (PutRestoreValidationResult)',
      iam: [allow(['backup:PutRestoreValidationResult'], '*'), auditTrail],
    },
    verifyBackupsCleanup: {
      folder: 'cleanup',
      description: 'Deletes the copy of one test (also after a failure; the hold rule applies) and sums the test up',
      iam: deleteCopies,
    },
    verifyBackupsReport: {
      folder: 'report',
      description: 'Keeps this run in the history, compares RTOs with earlier runs, reports and alerts',
      iam: [listReports(HISTORY), allow(['s3:GetObject'], reportsObjects(HISTORY)), ...publishReport],
    },
  },
});

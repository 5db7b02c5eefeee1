// The nightly-cleanup playbook: Cost Management: resource cleanup.
import { allow, auditTrail, inAccount, listReports, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook, scheduleOf } from '../shared/playbook/manifest.ts';
import { NightlyCleanup } from './config.ts';
import { StartInput } from './start/start.ts';

export default definePlaybook({
  name: 'nightly-cleanup',
  purpose:
    'Unattached volumes, old own snapshots and unassociated Elastic IPs in every account of the stage: reported, marked with a grace period, deleted when due (final snapshot first), under a safety cap per account and in total',
  description:
    'the runbook\'s "Resource Cleanup" (bare `xargs` deletes), made safe: unattached volumes, own snapshots older than 90 days and unassociated Elastic IPs; exempt, CloudFormation, AMI (disabled/deprecated too), launch-template, AWS Backup/DLM, young, reverse-DNS, service-managed and BYOIP resources skipped with their reason; a first sighting is announced in the report and then marked `autopilot:delete-after=<date+7d>`, a later run deletes only what is due and still qualifies (a final snapshot first) and unmarks the rest; gone counts as done, failures are reported as failed; planning fans out over every account of the stage x each of its regions (a Distributed Map over the targets file, member accounts through their member role; an AccessDenied or throttling in one account-region fails that item only and the run fails only when none could be planned; exempt accounts are listed and skipped), marks and deletions act in the account of the resource; a safety cap (count and share of the estate) per account stops that account and in total stops the run, and alerts; plans, batches and their lists travel through S3 (`work/nightly-cleanup/`), batches in a Distributed Map with bounded concurrency; JSON + HTML report per account (planned, marked, deleted, skipped, failed) with estimated monthly savings per item and realised in total (read by cost-report)',
  runbook: 'Cost Management: resource cleanup',
  configKey: 'nightlyCleanup',
  config: NightlyCleanup,
  input: StartInput,
  example: { input: { mode: 'report' } },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.schedule),
  },
  steps: {
    cleanupStart: {
      folder: 'start',
      description:
        'Resolves a nightly-cleanup run (mode, regions, accounts, resource types) from its trigger and the stage config',
      iam: [],
    },
    cleanupPlanRegion: {
      folder: 'plan-region',
      actsIn: 'target',
      description:
        "Lists an account's region's volumes, snapshots and Elastic IPs and classifies them into a cleanup plan in S3",
      memorySize: 1024,
      timeout: 600,
      iam: [
        allow(
          [
            'ec2:DescribeVolumes',
            'ec2:DescribeSnapshots',
            'ec2:DescribeImages',
            'ec2:DescribeLaunchTemplates',
            'ec2:DescribeLaunchTemplateVersions',
            'ec2:DescribeAddresses',
            'ec2:DescribeAddressesAttribute',
          ],
          '*',
        ),
        allow(['s3:PutObject'], reportsObjects('work/nightly-cleanup/*')),
      ],
    },
    cleanupGate: {
      folder: 'gate',
      description:
        'Applies the cleanup safety caps (per account and in total) and mark budget, writes the batches and announces the marks',
      memorySize: 1024,
      timeout: 300,
      iam: [
        listReports('work/nightly-cleanup/*'),
        allow(['s3:GetObject', 's3:PutObject'], reportsObjects('work/nightly-cleanup/*')),
        allow(['s3:PutObject'], reportsObjects('reports/nightly-cleanup/*')),
        auditTrail,
      ],
    },
    cleanupApplyBatch: {
      folder: 'apply-batch',
      actsIn: 'target',
      description:
        'Marks, unmarks or deletes one batch of cleanup candidates in its account (final snapshot before a volume goes)',
      timeout: 600,
      iam: [
        allow(
          ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:DescribeAddresses', 'ec2:DescribeAddressesAttribute'],
          '*',
        ),
        allow(
          ['ec2:CreateTags', 'ec2:DeleteTags'],
          [inAccount('ec2', 'volume/*'), 'arn:aws:ec2:*::snapshot/*', inAccount('ec2', 'elastic-ip/*')],
          { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['autopilot:delete-after'] } },
        ),
        allow(['ec2:CreateTags'], 'arn:aws:ec2:*::snapshot/*', {
          StringEquals: { 'ec2:CreateAction': 'CreateSnapshot' },
        }),
        allow(['ec2:CreateSnapshot'], [inAccount('ec2', 'volume/*'), 'arn:aws:ec2:*::snapshot/*']),
        allow(['ec2:DeleteVolume'], inAccount('ec2', 'volume/*')),
        allow(['ec2:DeleteSnapshot'], 'arn:aws:ec2:*::snapshot/*'),
        allow(['ec2:ReleaseAddress'], inAccount('ec2', 'elastic-ip/*')),
        allow(['s3:GetObject', 's3:PutObject'], reportsObjects('work/nightly-cleanup/*')),
        auditTrail,
      ],
    },
    cleanupBatchFailed: {
      folder: 'batch-failed',
      description: 'Records a cleanup batch that failed for good: its remaining items become failed (the run goes on)',
      iam: [allow(['s3:GetObject', 's3:PutObject'], reportsObjects('work/nightly-cleanup/*'))],
    },
    cleanupProgress: {
      folder: 'progress',
      description: 'Lists the cleanup batches whose volumes still wait for their final snapshot for the next pass',
      iam: [
        listReports('work/nightly-cleanup/*'),
        allow(['s3:GetObject', 's3:PutObject'], reportsObjects('work/nightly-cleanup/*')),
      ],
    },
    cleanupReport: {
      folder: 'report',
      description: "Writes the nightly-cleanup report (JSON, HTML) from the run's work files and notifies or alerts",
      memorySize: 1024,
      timeout: 300,
      iam: [
        listReports('work/nightly-cleanup/*'),
        allow(['s3:GetObject'], reportsObjects('work/nightly-cleanup/*')),
        ...publishReport,
      ],
    },
  },
});

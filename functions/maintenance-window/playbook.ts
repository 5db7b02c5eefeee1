// The maintenance-window playbook: Maintenance Windows: planned maintenance procedure.
import {
  allow,
  auditTrail,
  inAccount,
  listReports,
  lockObjects,
  publishReport,
  reportsObjects,
} from '../shared/playbook/iam.ts';
import { definePlaybook, type ManifestContext, scheduleOf } from '../shared/playbook/manifest.ts';
import { stoppedExecutionPattern } from '../shared/playbook/stopped.ts';
import { MaintenanceWindow, type MaintenanceWindowSettings } from './config.ts';
import { ManualInput } from './start/input.ts';

const runRecords = allow(['s3:PutObject', 's3:GetObject'], reportsObjects('work/maintenance-window/*'));
const alarmActions = allow(
  ['cloudwatch:DescribeAlarms', 'cloudwatch:DisableAlarmActions', 'cloudwatch:EnableAlarmActions'],
  inAccount('cloudwatch', 'alarm:*'),
);
/** The stage's maintenance flag, in every region. */
const flag = ({ settings, stage }: ManifestContext<MaintenanceWindowSettings>) =>
  allow(
    ['ssm:GetParameter', 'ssm:PutParameter'],
    inAccount('ssm', `parameter${settings.flagParameter.replaceAll('{stage}', stage)}`),
  );

export default definePlaybook({
  name: 'maintenance-window',
  purpose:
    "Opens a maintenance window: the runbook's maintenance_mode flag on and the alarms' actions paused, then restores both and checks the alarms",
  description:
    "the runbook's planned maintenance procedure, by hand or on a configured schedule (off by default): refused while a SEV1/SEV2 incident is open (the incident index) or a traffic shift or failover is running (their locks) or another window holds the stage's lock; in every configured region the run record first (the flag's value, the matching alarms and their states), the maintenance_mode SSM parameter of the stage set to true and the actions of the matching alarms that had them enabled disabled (DisableAlarmActions, read back), a start notice; a Wait for the window; then the flag restored and exactly those alarms' actions enabled again (read back), the alarms checked (one that went into ALARM during the window alerts: its actions did not fire), the end notice in the runbook's templates and a JSON + HTML report; an early end is one command (`autopilot abort maintenance-window`: the stopped execution's status-change event restores everything); a failure half-way restores what the record says",
  runbook: 'Maintenance Windows: planned maintenance procedure',
  configKey: 'maintenanceWindow',
  config: MaintenanceWindow,
  input: ManualInput,
  example: { input: { durationMinutes: 60, reason: 'Aurora minor version upgrade' } },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.schedule),
    events: ({ stage }) => [stoppedExecutionPattern(stage, 'maintenance-window')],
  },
  steps: {
    maintenanceStart: {
      folder: 'start',
      description: 'Checks incidents and running shifts, sets maintenance_mode and pauses the alarm actions',
      timeout: 120,
      iam: (ctx) => [
        flag(ctx),
        alarmActions,
        listReports('incidents/open/*'),
        allow(['s3:GetObject'], reportsObjects('incidents/open/*')),
        ...lockObjects,
        runRecords,
        ...publishReport,
        auditTrail,
      ],
    },
    maintenanceEnd: {
      folder: 'end',
      description: 'Restores maintenance_mode and the alarm actions, checks the alarms, notifies and reports',
      timeout: 120,
      iam: (ctx) => [flag(ctx), alarmActions, ...lockObjects, runRecords, ...publishReport, auditTrail],
    },
  },
});

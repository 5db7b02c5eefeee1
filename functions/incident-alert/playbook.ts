// The incident-alert playbook: Incident Response; Communication Templates.
import { allow, inAccount, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { ManualRequest } from './assess/input.ts';
import { IncidentAlert } from './config.ts';

export default definePlaybook({
  name: 'incident-alert',
  purpose:
    "CloudWatch alarm state changes send the runbook's alert and resolution messages, paging with the alarm as dedup key",
  description:
    'the runbook\'s "SEV1 Incident Response: acknowledge alert / initial assessment" and its communication templates: reads the alarm (DescribeAlarms), its last 30 minutes of datapoints (one GetMetricData) and its last 24 h of state history; ALARM sends the "Initial Alert" (impact = the alarm\'s description, the recent datapoints as facts), an OK after an ALARM sends "Resolution" with the duration; severity by alarm name prefix; the alarm ARN is the PagerDuty dedup key, so the OK resolves the incident the ALARM opened; a redelivered event sends nothing (conditional S3 claim under `work/incident-alert/`); JSON report; a dry run sends nothing and reports the message it would send',
  runbook: 'Incident Response; Communication Templates',
  configKey: 'incidentAlert',
  config: IncidentAlert,
  input: ManualRequest,
  example: { input: { alarmName: 'idp-prod-api-5xx', dryRun: true } },
  triggers: {
    events: ({ settings }) => [
      {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { alarmName: settings.alarmNamePrefixes, state: { value: ['ALARM', 'OK'] } },
      },
    ],
  },
  steps: {
    incidentAlertAssess: {
      folder: 'assess',
      description: 'Reads a CloudWatch alarm, its last 30 minutes of datapoints and when its ALARM began',
      iam: [
        allow(['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'], inAccount('cloudwatch', 'alarm:*')),
        allow(['cloudwatch:GetMetricData'], '*'),
      ],
    },
    incidentAlertNotify: {
      folder: 'notify',
      description: "Sends the runbook's alert or resolved message for a CloudWatch alarm, once per event, and reports",
      iam: [allow(['s3:PutObject', 's3:GetObject'], reportsObjects('work/incident-alert/*')), ...publishReport],
    },
  },
});

// The incident-alert playbook: Incident Response; Communication Templates.
import { allow, inAccount, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { IncidentExecutionInput } from './assess/input.ts';
import { IncidentAlert } from './config.ts';

export default definePlaybook({
  name: 'incident-alert',
  purpose:
    "CloudWatch alarm state changes send the runbook's alert and resolution messages, paging with the alarm as dedup key",
  runbook: 'Incident Response; Communication Templates',
  configKey: 'incidentAlert',
  config: IncidentAlert,
  input: IncidentExecutionInput,
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

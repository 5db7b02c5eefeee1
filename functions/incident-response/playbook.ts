// The incident-response playbook: Incident Response; Monitoring & Alerting; Communication Templates.
import {
  allow,
  auditTrail,
  HOME_REGION,
  type IamResource,
  inAccount,
  listReports,
  notifyOnly,
  reportsObjects,
} from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { IncidentResponse, type IncidentResponseSettings } from './config.ts';
import { ManualRequest } from './intake/input.ts';
import { playbookOf } from './model/mitigations.ts';

const incidents = reportsObjects('incidents/*');
const work = reportsObjects('work/incident-response/*');
const readWrite = (...resources: IamResource[]) => allow(['s3:GetObject', 's3:PutObject'], resources);
/** SendTaskSuccess has no resource-level permission (the task token is the authorization). */
const completeTasks = allow(['states:SendTaskSuccess'], '*');

const machine = (stage: string, playbook: string) =>
  inAccount('states', `stateMachine:idp-autopilot-${stage}-${playbook}`, HOME_REGION);

/** Resources of the configured mitigations (a placeholder that matches nothing when none are configured). */
function mitigationResources(settings: IncidentResponseSettings, stage: string) {
  const actions = settings.mitigations.flatMap((rule) => rule.actions);
  const groups = actions.flatMap((a) => (a.type === 'scale-out' ? [a.autoScalingGroup] : []));
  const parameters = actions.flatMap((a) => (a.type === 'circuit-breaker' ? [a.parameter] : []));
  const playbooks = actions.flatMap((a) => playbookOf(a) ?? []);
  return {
    groups: (groups.length ? groups : ['none-configured']).map((name) =>
      inAccount('autoscaling', `autoScalingGroup:*:autoScalingGroupName/${name}`),
    ),
    parameters: (parameters.length ? parameters : ['/idp-autopilot-none-configured']).map((name) =>
      inAccount('ssm', `parameter${name}`),
    ),
    machines: (playbooks.length ? [...new Set(playbooks)] : ['none-configured']).map((name) => machine(stage, name)),
  };
}

export default definePlaybook({
  name: 'incident-response',
  purpose:
    "CloudWatch alarms open, follow up, escalate and resolve incidents (SEV1..SEV4) with the runbook's alert, update and restore messages and an incident report",
  description:
    "the runbook's \"Incident Response\" for CloudWatch alarm state changes (metric, metric-math and composite alarms; ALARM, OK and INSUFFICIENT_DATA; name prefixes or tags; the stack's own failure alarms too, except its own): severity from the alarm's `severity` tag, else a name pattern, else SEV3; ALARM opens one incident per alarm, INC-YYYYMMDD-NNN numbered per day without gaps or duplicates (S3 conditional writes: alarm pointer, one object per number, the record changed only with If-Match), a redelivered or repeated event changes nothing; the \"SERVICE DISRUPTION ALERT\" within seconds to the severity's channels (SNS, Slack Block Kit, PagerDuty with the incident id as dedup key) with the initial assessment (what the alarm watches, a composite's children in ALARM, a math alarm's expression and values, the last 30 minutes of datapoints, open AWS Health events, autopilot's own recent changes from the audit-trail journal); \"SERVICE DISRUPTION UPDATE\" at the severity's cadence from Wait states, escalation to the next contacts when nobody acknowledges within the response time (said in the update); acknowledgement by `autopilot ack`, the console or the alert's task-token link; SEV1 war room (Slack Web API, or the channel to open); configured mitigations (scale-out under the group's lock, the circuit_breaker SSM flag, other playbooks; regional failover only after approval) on the timeline; OK (also after INSUFFICIENT_DATA) sends \"SERVICE RESTORED\" with the duration, resolves PagerDuty and writes the incident report (Markdown + HTML); ALARM again within the flap window reopens the same incident; the open-incident index (`incidents/open/`) other playbooks read; the follow-up hands over to a fresh execution after `checksPerExecution` checks; a dry run by hand reports the alert it would send",
  runbook: 'Incident Response; Monitoring & Alerting; Communication Templates',
  configKey: 'incidentResponse',
  config: IncidentResponse,
  input: ManualRequest,
  example: { input: { alarmName: 'idp-prod-api-5xx', dryRun: true } },
  triggers: {
    events: ({ settings }) => [
      {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: {
          // With tags configured every alarm comes in; the first step reads its tags and keeps what is ours.
          ...(Object.keys(settings.alarmTags).length ? {} : { alarmName: settings.alarmNamePrefixes }),
          state: { value: ['ALARM', 'OK', 'INSUFFICIENT_DATA'] },
        },
      },
      {
        source: ['idp.autopilot'],
        'detail-type': ['Autopilot Action'],
        detail: { outcome: ['done'], playbook: [{ 'anything-but': 'incident-response' }] },
      },
    ],
  },
  steps: {
    incidentIntake: {
      folder: 'intake',
      description: 'Routes an alarm event, audit event or request; opens, reopens or notes incidents atomically',
      iam: [
        allow(['cloudwatch:DescribeAlarms'], '*'),
        allow(['cloudwatch:ListTagsForResource'], inAccount('cloudwatch', 'alarm:*')),
        readWrite(incidents, work),
      ],
    },
    incidentAssess: {
      folder: 'assess',
      description: 'Initial assessment: the alarm, its datapoints, composite children, AWS Health, recent changes',
      iam: [
        allow(['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData'], '*'),
        allow(['health:DescribeEvents'], '*'),
        listReports('work/incident-response/changes/*'),
        readWrite(incidents, work, reportsObjects('reports/incident-response/*')),
      ],
    },
    incidentAlert: {
      folder: 'alert',
      description: "Sends the runbook's SERVICE DISRUPTION ALERT with its acknowledgement link (task token)",
      iam: [readWrite(incidents), completeTasks, ...notifyOnly],
    },
    incidentAcknowledge: {
      folder: 'acknowledge',
      description: 'Records an acknowledgement (request or link), stops the escalation, tells the channels',
      iam: [readWrite(incidents), completeTasks, ...notifyOnly],
    },
    incidentWarRoom: {
      folder: 'war-room',
      description: 'SEV1: creates the Slack war room, invites the responders, posts the declaration',
      iam: [readWrite(incidents), ...notifyOnly.filter((s) => !s.Action.includes('sns:Publish')), auditTrail],
    },
    incidentMitigate: {
      folder: 'mitigate',
      description:
        'Runs the mitigations configured for the alarm once per incident (approval-gated ones when approved)',
      iam: ({ settings, stage }) => {
        const resources = mitigationResources(settings, stage);
        return [
          readWrite(incidents, work, reportsObjects('locks/*')),
          allow(['s3:DeleteObject'], reportsObjects('locks/*')),
          listReports('locks/*'),
          allow(['autoscaling:DescribeAutoScalingGroups'], '*'),
          allow(['autoscaling:SetDesiredCapacity'], resources.groups),
          allow(['ssm:GetParameter', 'ssm:PutParameter'], resources.parameters),
          allow(['states:StartExecution'], resources.machines),
          auditTrail,
        ];
      },
    },
    incidentApproveMitigation: {
      folder: 'approve-mitigation',
      description: 'Asks a human to approve a gated mitigation (regional failover always)',
      iam: [readWrite(incidents), ...notifyOnly],
    },
    incidentCheck: {
      folder: 'check',
      description: 'Follow-up check: update at the cadence, escalation past the response time, hand-over',
      iam: ({ stage }) => [
        allow(['cloudwatch:DescribeAlarms'], '*'),
        readWrite(incidents),
        allow(['states:StartExecution'], machine(stage, 'incident-response')),
        ...notifyOnly,
      ],
    },
    incidentResolve: {
      folder: 'resolve',
      description: 'SERVICE RESTORED, PagerDuty resolve, the incident report; leaves the open-incident index',
      iam: [
        readWrite(incidents, work, reportsObjects('reports/incident-response/*')),
        allow(['s3:DeleteObject'], reportsObjects('incidents/open/*')),
        completeTasks,
        ...notifyOnly,
      ],
    },
  },
});

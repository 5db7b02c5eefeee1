// The traffic-shift playbook: Deployment Procedures: blue-green and canary deployment on an ALB rule.
import { allow, auditTrail, inAccount, lockObjects, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { stoppedExecutionPattern } from '../shared/playbook/stopped.ts';
import { TrafficShift } from './config.ts';
import { checkService, ManualInput } from './prepare/input.ts';

const runRecords = reportsObjects('work/traffic-shift/*');
const rules = inAccount('elasticloadbalancing', 'listener-rule/app/*');

export default definePlaybook({
  name: 'traffic-shift',
  purpose:
    "Shifts an ALB rule's traffic from blue to green in steps (or as a canary), judging green against blue after each bake and rolling back to blue at once when it fails",
  description:
    "the runbook's blue-green and canary deployment on an ALB listener rule, started by hand or by a deploy pipeline (StartExecution): a lock on the rule (a second shift is refused, naming the running one), prerequisites (the rule forwards 100% to blue, every green target healthy, no guard alarm in ALARM unless the input allows it with a reason, recorded), the rule saved for rollback, the smoke tests against green (HTTP checks with timeouts, responses in the report), stickiness on green's target group; then per step ModifyRule weights read back with DescribeRules, a bake (Wait) and a judgement from CloudWatch (green's 5XX rate and worst-minute p99 against the limits and against blue, the guard alarms; too few requests extends the bake up to a limit, never passes); canary mode adds a header rule (`canary: true`, the rule's own conditions) to green and starts at 5%; at 100% a final bake, the header rule removed and optionally blue's ASG or ECS service scaled to zero; any failure sets blue back to 100% at once, keeps green for investigation and alerts with the numbers; a stopped or timed-out execution is undone by the same rollback (its status-change event, or `autopilot abort traffic-shift`); the judgements are on the output and in the JSON + HTML report",
  runbook: 'Deployment Procedures: blue-green deployment, canary deployment',
  configKey: 'trafficShift',
  config: TrafficShift,
  input: ManualInput,
  checkInput: (input, settings) => checkService(input as { service?: string }, settings),
  example: { input: { service: 'idp-auth' } },
  triggers: {
    events: ({ stage }) => [stoppedExecutionPattern(stage, 'traffic-shift')],
  },
  steps: {
    trafficShiftPrepare: {
      folder: 'prepare',
      description: 'Locks the rule, checks the prerequisites and saves the rule for rollback (or starts a restore)',
      iam: [
        allow(['elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTargetHealth'], '*'),
        allow(['cloudwatch:DescribeAlarms'], inAccount('cloudwatch', 'alarm:*')),
        ...lockObjects,
        allow(['s3:PutObject', 's3:GetObject'], runRecords),
      ],
    },
    trafficShiftSmoke: {
      folder: 'smoke',
      description: "Runs the runbook's smoke tests against green (HTTP, with timeouts)",
      timeout: 300,
      iam: [allow(['s3:PutObject', 's3:GetObject'], runRecords)],
    },
    trafficShiftConfigure: {
      folder: 'configure',
      description: "Enables stickiness on green's target group; in canary mode adds the header rule to green",
      iam: [
        allow(['elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTargetGroupAttributes'], '*'),
        allow(
          ['elasticloadbalancing:ModifyTargetGroupAttributes'],
          inAccount('elasticloadbalancing', 'targetgroup/*/*'),
        ),
        allow(['elasticloadbalancing:CreateRule'], inAccount('elasticloadbalancing', 'listener/app/*')),
        allow(['s3:PutObject', 's3:GetObject'], runRecords),
        auditTrail,
      ],
    },
    trafficShiftShift: {
      folder: 'shift',
      description: 'Sets the rule to the next step’s weights and reads them back',
      iam: [
        allow(['elasticloadbalancing:DescribeRules'], '*'),
        allow(['elasticloadbalancing:ModifyRule'], rules),
        allow(['s3:PutObject', 's3:GetObject'], runRecords),
        auditTrail,
      ],
    },
    trafficShiftJudge: {
      folder: 'judge',
      description: 'Judges green against blue after a bake (CloudWatch metrics and guard alarms)',
      iam: [
        allow(['cloudwatch:GetMetricData'], '*'),
        allow(['cloudwatch:DescribeAlarms'], inAccount('cloudwatch', 'alarm:*')),
        allow(['s3:PutObject', 's3:GetObject'], runRecords),
      ],
    },
    trafficShiftScaleBlue: {
      folder: 'scale-blue',
      description: "Scales blue's Auto Scaling group or ECS service to zero after a promotion (when configured)",
      iam: [
        allow(['autoscaling:DescribeAutoScalingGroups'], '*'),
        allow(
          ['autoscaling:UpdateAutoScalingGroup'],
          inAccount('autoscaling', 'autoScalingGroup:*:autoScalingGroupName/*'),
        ),
        allow(['ecs:DescribeServices', 'ecs:UpdateService'], inAccount('ecs', 'service/*/*')),
        ...lockObjects,
        allow(['s3:PutObject', 's3:GetObject'], runRecords),
        auditTrail,
      ],
    },
    trafficShiftFinish: {
      folder: 'finish',
      description: 'Removes the canary rule, releases the lock and reports the promotion',
      iam: [
        allow(['elasticloadbalancing:DescribeRules'], '*'),
        allow(['elasticloadbalancing:DeleteRule'], rules),
        ...lockObjects,
        allow(['s3:PutObject', 's3:GetObject'], runRecords),
        ...publishReport,
        auditTrail,
      ],
    },
    trafficShiftRollback: {
      folder: 'rollback',
      description: 'Sets blue back to 100% at once, removes the canary rule, releases the lock and alerts',
      iam: [
        allow(['elasticloadbalancing:DescribeRules'], '*'),
        allow(['elasticloadbalancing:ModifyRule', 'elasticloadbalancing:DeleteRule'], rules),
        ...lockObjects,
        allow(['s3:PutObject', 's3:GetObject'], runRecords),
        ...publishReport,
        auditTrail,
      ],
    },
  },
});

// The compliance-evaluation playbook: Security Operations: compliance checks.
import { allow, auditTrail, inAccount, publishReport } from '../shared/playbook/iam.ts';
import { definePlaybook, scheduleOf } from '../shared/playbook/manifest.ts';
import { PlanInput } from '../shared/steps/plan-regions/plan.ts';
import { ComplianceEvaluation } from './config.ts';

export default definePlaybook({
  name: 'compliance-evaluation',
  purpose:
    'StartConfigRulesEvaluation for every active AWS Config rule, wait and poll the evaluation status, report the non-compliant rules',
  description:
    "the runbook's compliance check: StartConfigRulesEvaluation for every active rule (25 per call), wait and poll the evaluation status, report non-compliant rules (JSON + HTML)",
  runbook: 'Security Operations: compliance checks',
  configKey: 'complianceEvaluation',
  config: ComplianceEvaluation,
  input: PlanInput,
  example: { input: { regions: ['us-east-1'] } },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.schedule),
  },
  steps: {
    configStartEvaluation: {
      folder: 'start-evaluation',
      description: "Starts an evaluation of the region's active AWS Config rules",
      iam: [
        allow(['config:DescribeConfigRules'], '*'),
        allow(['config:StartConfigRulesEvaluation'], inAccount('config', 'config-rule/*')),
        auditTrail,
      ],
    },
    configReadCompliance: {
      folder: 'read-compliance',
      description: 'Reads evaluation status and compliance of the started Config rules',
      iam: [allow(['config:DescribeConfigRuleEvaluationStatus', 'config:DescribeComplianceByConfigRule'], '*')],
    },
    complianceReport: {
      folder: 'report',
      description: 'Writes the compliance report and notifies',
      iam: publishReport,
    },
  },
});

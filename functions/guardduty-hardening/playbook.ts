// The guardduty-hardening playbook: Security Operations: enable enhanced monitoring.
import { allow, auditTrail, inAccount, listReports, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook, scheduleOf } from '../shared/playbook/manifest.ts';
import { PlanTargetsInput } from '../shared/steps/plan-targets/plan.ts';
import { GuarddutyHardening } from './config.ts';

export default definePlaybook({
  name: 'guardduty-hardening',
  purpose:
    'Every GuardDuty detector in every configured region publishes findings every FIFTEEN_MINUTES; a region without a detector, or with a disabled one, is alerted',
  description:
    'the runbook\'s "enable enhanced monitoring": every GuardDuty detector in every configured region publishes findings every `FIFTEEN_MINUTES`; a region without a detector or with a disabled one is alerted (enabling GuardDuty is an account decision, not autopilot\'s)',
  runbook: 'Security Operations: enable enhanced monitoring',
  configKey: 'guarddutyHardening',
  config: GuarddutyHardening,
  input: PlanTargetsInput,
  example: { input: { dryRun: true } },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.schedule),
  },
  steps: {
    guarddutyHardenRegion: {
      folder: 'harden-region',
      actsIn: 'target',
      description: 'Sets every GuardDuty detector of a region to the configured finding publishing frequency',
      iam: [
        allow(['guardduty:ListDetectors'], '*'),
        allow(
          ['guardduty:GetDetector', 'guardduty:UpdateDetector', 'guardduty:GetAdministratorAccount'],
          inAccount('guardduty', 'detector/*'),
        ),
        allow(['s3:PutObject'], reportsObjects('work/guardduty-hardening/*')),
        auditTrail,
      ],
    },
    guarddutyReport: {
      folder: 'report',
      description: 'Writes the GuardDuty hardening report and notifies',
      iam: [
        listReports('work/guardduty-hardening/*'),
        allow(['s3:GetObject'], reportsObjects('work/guardduty-hardening/*')),
        ...publishReport,
      ],
    },
  },
});

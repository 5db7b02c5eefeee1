// The restore-credentials playbook: Security Operations: rotate credentials (undo).

import { RevokeCredentials } from '../shared/credentials/config.ts';
import { allow, auditTrail, inAccount, publishReport } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { RestoreRequest } from './assess/check.ts';

export default definePlaybook({
  name: 'restore-credentials',
  purpose:
    "Undoes revoke-credentials after an investigation: re-enables exactly the named key and removes autopilot's deny-all policy",
  description:
    'undoes revoke-credentials after an investigation: re-enables exactly the named key and removes the deny-all policy autopilot attached; AWS quarantine policies stay',
  runbook: 'Security Operations: rotate credentials (undo)',
  reads: { revokeCredentials: RevokeCredentials },
  input: RestoreRequest,
  example: { input: { userName: 'deploy-bot', dryRun: true } },
  retainLogs: true,
  triggers: {},
  steps: {
    restoreAssess: {
      folder: 'assess',
      actsIn: 'target',
      description: 'Checks a restore-credentials request against the IAM user',
      iam: [
        allow(
          ['iam:GetUser', 'iam:ListAccessKeys', 'iam:GetUserPolicy', 'iam:ListAttachedUserPolicies'],
          inAccount('iam', 'user/*', ''),
        ),
      ],
    },
    restoreEnableKey: {
      folder: 'enable-key',
      actsIn: 'target',
      description: 'Re-enables exactly the named access key of an IAM user',
      iam: [allow(['iam:ListAccessKeys', 'iam:UpdateAccessKey'], inAccount('iam', 'user/*', '')), auditTrail],
    },
    restoreRemoveDeny: {
      folder: 'remove-deny',
      actsIn: 'target',
      description: 'Removes the deny-all policy revoke-credentials attached to an IAM user',
      iam: [allow(['iam:GetUserPolicy', 'iam:DeleteUserPolicy'], inAccount('iam', 'user/*', '')), auditTrail],
    },
    restoreReport: {
      folder: 'report',
      description: 'Writes the restore-credentials report and notifies',
      iam: publishReport,
    },
  },
});

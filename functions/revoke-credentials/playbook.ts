// The revoke-credentials playbook: Security Operations: rotate credentials.

import { RevokeCredentials } from '../shared/credentials/config.ts';
import { allow, auditTrail, HOME_REGION, inAccount, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook } from '../shared/playbook/manifest.ts';
import { ManualRequest } from './assess/input.ts';

export default definePlaybook({
  name: 'revoke-credentials',
  purpose:
    "A compromised access key is deactivated (or rotated) and its user denied everything; a role's older sessions are revoked",
  description:
    'the runbook\'s "rotate credentials", made safe: a long-term key is deactivated (exactly that key, never the user\'s others) and the user gets an inline deny-all policy; `rotate` also creates a replacement key stored in Secrets Manager for its owner and deletes the compromised key only after a grace-period Wait (not if a human re-enabled it meanwhile); temporary credentials of a role: its older sessions are revoked (`AWSRevokeOlderSessions`, `aws:TokenIssueTime`) and the report says how many principals share the role; root, sample, other-account and exempt findings only notify; keys and console passwords created shortly before the finding are listed as possible persistence; AWS quarantine policies stay; a repeat of the finding changes nothing and sends no second message; bad input fails before any change, and a failure after one lists what was done',
  runbook: 'Security Operations: rotate credentials',
  configKey: 'revokeCredentials',
  config: RevokeCredentials,
  input: ManualRequest,
  example: { input: { userName: 'deploy-bot', dryRun: true } },
  retainLogs: true,
  triggers: {
    events: ({ settings }) => [
      {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: {
          severity: [{ numeric: ['>=', settings.minSeverity] }],
          type: settings.findingTypes,
          resource: { resourceType: ['AccessKey'] },
        },
      },
    ],
  },
  steps: {
    revokeAssess: {
      folder: 'assess',
      actsIn: 'target',
      description: 'Reads the IAM principal of a credential finding or request and plans the revocation',
      iam: ({ settings }) => [
        allow(
          [
            'iam:GetUser',
            'iam:ListAccessKeys',
            'iam:GetUserPolicy',
            'iam:ListAttachedUserPolicies',
            'iam:GetLoginProfile',
          ],
          inAccount('iam', 'user/*', ''),
        ),
        allow(['iam:GetRole', 'iam:GetRolePolicy'], inAccount('iam', 'role/*', '')),
        allow(
          ['iam:ListInstanceProfilesForRole'],
          [inAccount('iam', 'role/*', ''), inAccount('iam', 'instance-profile/*', '')],
        ),
        allow(
          ['secretsmanager:DescribeSecret'],
          inAccount('secretsmanager', `secret:${settings.replacementSecretPrefix}*`, HOME_REGION),
        ),
        // A finding from another account: is it under the configured OUs (and active)?
        allow(
          ['organizations:ListParents', 'organizations:DescribeAccount'],
          ['arn:aws:organizations::*:account/o-*/*', 'arn:aws:organizations::*:ou/o-*/ou-*'],
        ),
      ],
    },
    revokeDeactivateKey: {
      folder: 'deactivate-key',
      actsIn: 'target',
      description: 'Deactivates exactly the compromised access key of an IAM user',
      iam: [allow(['iam:ListAccessKeys', 'iam:UpdateAccessKey'], inAccount('iam', 'user/*', '')), auditTrail],
    },
    revokeDenyUser: {
      folder: 'deny-user',
      actsIn: 'target',
      description: 'Attaches the inline deny-all policy to an IAM user with compromised credentials',
      iam: [allow(['iam:GetUserPolicy', 'iam:PutUserPolicy'], inAccount('iam', 'user/*', '')), auditTrail],
    },
    revokeCreateReplacement: {
      folder: 'create-replacement',
      actsIn: 'target',
      description: 'Creates a replacement access key and stores it in Secrets Manager for its owner',
      iam: ({ settings }) => [
        allow(['iam:ListAccessKeys', 'iam:CreateAccessKey', 'iam:DeleteAccessKey'], inAccount('iam', 'user/*', '')),
        allow(
          [
            'secretsmanager:DescribeSecret',
            'secretsmanager:CreateSecret',
            'secretsmanager:PutSecretValue',
            'secretsmanager:TagResource',
          ],
          inAccount('secretsmanager', `secret:${settings.replacementSecretPrefix}*`, HOME_REGION),
        ),
        auditTrail,
      ],
    },
    revokeDeleteKey: {
      folder: 'delete-key',
      actsIn: 'target',
      description: 'Deletes a rotated-out compromised access key after the grace period',
      iam: [allow(['iam:ListAccessKeys', 'iam:DeleteAccessKey'], inAccount('iam', 'user/*', '')), auditTrail],
    },
    revokeRoleSessions: {
      folder: 'role-sessions',
      actsIn: 'target',
      description: "Revokes a role's sessions issued before the cut-off (AWSRevokeOlderSessions)",
      iam: [allow(['iam:GetRolePolicy', 'iam:PutRolePolicy'], inAccount('iam', 'role/*', '')), auditTrail],
    },
    revokeReport: {
      folder: 'report',
      actsIn: 'target',
      description: 'Writes the revoke-credentials report and notifies (a notify-only finding once)',
      iam: [
        allow(['s3:PutObject', 's3:GetObject'], reportsObjects('work/revoke-credentials/*')),
        // A failed run's report reads IAM back to say what really changed.
        allow(['iam:ListAccessKeys', 'iam:GetUserPolicy'], inAccount('iam', 'user/*', '')),
        allow(['iam:GetRolePolicy'], inAccount('iam', 'role/*', '')),
        ...publishReport,
      ],
    },
  },
});

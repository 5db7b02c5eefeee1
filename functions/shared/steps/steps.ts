// Lambda functions several playbooks' state machines call (deployed once, each with its own role).

import { allow, notifyOnly, reportsObjects } from '../playbook/iam.ts';
import type { StepSpec } from '../playbook/manifest.ts';

/** Folders relative to functions/shared/. */
export const sharedSteps: Record<string, StepSpec> = {
  planRegions: {
    folder: 'steps/plan-regions',
    description: 'Resolves the regions a playbook run acts on',
    iam: [],
  },
  planTargets: {
    folder: 'steps/plan-targets',
    description: 'Resolves the account x region targets of a fan-out run and writes them for its Distributed Map',
    iam: [
      // The accounts under the configured OUs (the management account or a delegated administrator answers).
      allow(
        ['organizations:ListAccountsForParent', 'organizations:ListChildren'],
        ['arn:aws:organizations::*:root/o-*/r-*', 'arn:aws:organizations::*:ou/o-*/ou-*'],
      ),
      allow(['s3:PutObject'], reportsObjects('work/*')),
    ],
  },
  recordTargetFailure: {
    folder: 'steps/record-target-failure',
    description: "Records one fan-out target's failure as its result (the run goes on)",
    iam: [allow(['s3:PutObject'], reportsObjects('work/*'))],
  },
  playbookFailed: {
    folder: 'steps/playbook-failed',
    description: 'Tells the humans which playbook failed and why (Catch target)',
    // Room for the SNS publish's 10 SDK attempts with the SDK's backoff (up to 20 s a wait) and the chat channels.
    timeout: 180,
    iam: notifyOnly,
  },
};

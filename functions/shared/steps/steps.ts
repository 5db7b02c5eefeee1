// Lambda functions several playbooks' state machines call (deployed once, each with its own role).

import { notifyOnly } from '../playbook/iam.ts';
import type { StepSpec } from '../playbook/manifest.ts';

/** Folders relative to functions/shared/. */
export const sharedSteps: Record<string, StepSpec> = {
  planRegions: {
    folder: 'steps/plan-regions',
    description: 'Resolves the regions a playbook run acts on',
    iam: [],
  },
  playbookFailed: {
    folder: 'steps/playbook-failed',
    description: 'Tells the humans which playbook failed and why (Catch target)',
    // Room for the SNS publish's 10 SDK attempts with the SDK's backoff (up to 20 s a wait) and the chat channels.
    timeout: 180,
    iam: notifyOnly,
  },
};

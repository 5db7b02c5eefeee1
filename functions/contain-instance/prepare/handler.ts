import { EC2Client } from '@aws-sdk/client-ec2';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { ContainInstance } from '../../shared/instance/config.ts';
import { IsolationPlan } from '../../shared/instance/evidence.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { ensureGroups } from './groups.ts';

const Input = z.object({ case: CaseInfo, plan: IsolationPlan });

// Runs alongside "Take out of service" (a Parallel state), so creating the groups in a VPC that has none yet
// costs no time on the way to isolation.
export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  config: { containInstance: ContainInstance },
  input: Input,
  run: async ({ case: theCase, plan }, { config, audit }) => {
    audit.actIn(theCase.accountId);
    const settings = config.playbooks.containInstance;
    const recorder = new Recorder(theCase.dryRun);
    const names = { isolation: settings.isolationGroupName, untrack: settings.untrackGroupName };
    const groups = await recordedStep(audit, recorder, () =>
      ensureGroups(
        awsClient(EC2Client, theCase.region, { account: theCase.accountId }),
        plan,
        names,
        { caseId: theCase.caseId, region: theCase.region },
        recorder,
      ),
    );
    return { groups, actions: audit.records };
  },
});

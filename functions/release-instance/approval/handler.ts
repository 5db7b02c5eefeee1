import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { approvalNotice } from '../../shared/instance/approval.ts';
import { CaseInfo, RELEASE_PLAYBOOK } from '../../shared/instance/case.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { describeStep, type RestoreStep } from '../plan/model.ts';

const Input = z.object({
  taskToken: z.string().min(1),
  case: CaseInfo,
  steps: z.array(z.custom<RestoreStep>((value) => typeof value === 'object' && value !== null && 'kind' in value)),
  evidence: z.object({ uri: z.string(), sha256: z.string(), capturedAt: z.string() }),
  timeoutSeconds: z.number().int().positive(),
});

export const handler = makeHandler({
  playbook: RELEASE_PLAYBOOK,
  input: Input,
  run: async ({ taskToken, case: theCase, steps, evidence, timeoutSeconds }, ctx) => {
    const recorder = new Recorder(false);
    const notice = approvalNotice({
      taskToken,
      title: `Approval needed: release ${theCase.instanceId} from ${theCase.caseId} back into service?`,
      severity: 'SEV3',
      action: `Restores the state captured ${evidence.capturedAt}: ${steps.map(describeStep).join('; ') || 'nothing differs'}`,
      reasons: [`requested: ${theCase.reason}`],
      timeoutSeconds,
      facts: {
        Case: theCase.caseId,
        Instance: theCase.instanceId,
        Evidence: `${evidence.uri} (SHA-256 ${evidence.sha256})`,
      },
      dedupKey: theCase.caseId,
    });
    const published = await recordedStep(ctx.audit, recorder, async () => {
      const sent = await publishReport(
        RELEASE_PLAYBOOK,
        { json: undefined },
        { ...notice, dryRun: theCase.dryRun },
        ctx,
      );
      recorder.note({
        action: 'autopilot:RequestApproval',
        resource: theCase.instanceId,
        region: theCase.region,
        outcome: 'done',
        detail: { caseId: theCase.caseId, steps: steps.map(describeStep), timeoutSeconds },
      });
      return sent;
    });
    return { requested: true, ...published, actions: ctx.audit.records };
  },
});

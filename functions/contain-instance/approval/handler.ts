import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { approvalNotice } from '../../shared/instance/approval.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { publishReport } from '../../shared/reports/publish.ts';

const Input = z.object({
  taskToken: z.string().min(1),
  case: CaseInfo,
  risks: z.array(z.object({ kind: z.string(), text: z.string() })),
  timeoutSeconds: z.number().int().positive(),
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ taskToken, case: theCase, risks, timeoutSeconds }, ctx) => {
    const recorder = new Recorder(false);
    const notice = approvalNotice({
      taskToken,
      title: `Approval needed: contain ${theCase.instanceId} (${theCase.finding?.type ?? theCase.reason})?`,
      severity: theCase.severity,
      action: `Containment isolates ${theCase.instanceId} in ${theCase.region}: out of service, network isolated, credentials replaced`,
      reasons: risks.map((risk) => risk.text),
      timeoutSeconds,
      facts: {
        Case: theCase.caseId,
        Instance: theCase.instanceId,
        ...(theCase.finding
          ? { Finding: `${theCase.finding.type} (${theCase.finding.id}), severity ${theCase.finding.severity}` }
          : {}),
        Reason: theCase.reason,
      },
      dedupKey: theCase.caseId,
    });
    const published = await recordedStep(ctx.audit, recorder, async () => {
      const sent = await publishReport(
        CONTAIN_PLAYBOOK,
        { json: undefined },
        { ...notice, dryRun: theCase.dryRun },
        ctx,
      );
      recorder.note({
        action: 'autopilot:RequestApproval',
        resource: theCase.instanceId,
        region: theCase.region,
        outcome: 'done',
        detail: { caseId: theCase.caseId, risks: risks.map((risk) => risk.text), timeoutSeconds },
      });
      return sent;
    });
    return { requested: true, ...published, actions: ctx.audit.records };
  },
});

// The tags that mark the case on the instance: what the gate of a repeat reads, and what a human sees first.
import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { type CaseInfo, type CaseState, TAG } from '../../shared/instance/case.ts';
import type { Recorder } from '../../shared/instance/steps.ts';

export async function tagCase(
  ec2: EC2Client,
  theCase: CaseInfo,
  state: CaseState,
  at: Date,
  recorder: Recorder,
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {
    [TAG.case]: theCase.caseId,
    [TAG.state]: state,
    [TAG.finding]: theCase.finding?.id ?? 'manual',
    ...(state === 'contained' ? { [TAG.containedAt]: at.toISOString() } : {}),
  };
  await recorder.act(
    {
      action: 'ec2:CreateTags',
      resource: theCase.instanceId,
      region: theCase.region,
      detail: { caseId: theCase.caseId, tags },
    },
    () =>
      ec2.send(
        new CreateTagsCommand({
          Resources: [theCase.instanceId],
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
  );
  return tags;
}

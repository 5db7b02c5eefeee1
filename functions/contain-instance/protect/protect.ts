// Step 4: keep the evidence from disappearing: termination protection on, an OS shutdown stops instead of
// terminating, and the EBS volumes survive a termination (DeleteOnTermination off). ModifyInstanceAttribute takes
// one attribute per call, so the three run in parallel; a setting already in place is recorded as already-done.
import { type EC2Client, ModifyInstanceAttributeCommand } from '@aws-sdk/client-ec2';
import type { CaseInfo } from '../../shared/instance/case.ts';
import type { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { type Recorder, settleAll } from '../../shared/instance/steps.ts';

export async function protectEvidence(
  ec2: EC2Client,
  theCase: CaseInfo,
  evidence: InstanceEvidence,
  recorder: Recorder,
): Promise<{ changed: string[] }> {
  const { instanceId, region } = theCase;
  const changed: string[] = [];
  const modify = (what: string, detail: Record<string, unknown>, input: Record<string, unknown>) =>
    recorder
      .act(
        {
          action: 'ec2:ModifyInstanceAttribute',
          resource: instanceId,
          region,
          detail: { caseId: theCase.caseId, ...detail },
        },
        () => ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, ...input })),
      )
      .then(() => {
        changed.push(what);
      });
  const already = (detail: Record<string, unknown>) =>
    recorder.note({
      action: 'ec2:ModifyInstanceAttribute',
      resource: instanceId,
      region,
      outcome: 'already-done',
      detail: { caseId: theCase.caseId, ...detail },
    });

  const work: Promise<void>[] = [];
  if (evidence.protection.disableApiTermination) already({ disableApiTermination: true });
  else
    work.push(
      modify(
        'termination protection',
        { disableApiTermination: { from: false, to: true } },
        { DisableApiTermination: { Value: true } },
      ),
    );
  if (evidence.protection.shutdownBehavior === 'stop') already({ instanceInitiatedShutdownBehavior: 'stop' });
  else
    work.push(
      modify(
        'shutdown behaviour stop',
        { instanceInitiatedShutdownBehavior: { from: evidence.protection.shutdownBehavior, to: 'stop' } },
        { InstanceInitiatedShutdownBehavior: { Value: 'stop' } },
      ),
    );
  const deleting = evidence.volumes.filter((volume) => volume.deleteOnTermination);
  if (deleting.length === 0) already({ deleteOnTermination: false, volumes: evidence.volumes.map((v) => v.volumeId) });
  else
    work.push(
      modify(
        'DeleteOnTermination off',
        { deleteOnTermination: { from: true, to: false }, volumes: deleting.map((v) => v.volumeId) },
        {
          BlockDeviceMappings: deleting.map((volume) => ({
            DeviceName: volume.deviceName,
            Ebs: { VolumeId: volume.volumeId, DeleteOnTermination: false },
          })),
        },
      ),
    );
  await settleAll(work);
  return { changed };
}

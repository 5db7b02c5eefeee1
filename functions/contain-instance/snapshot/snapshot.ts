// Step 5: crash-consistent forensic snapshots of every EBS volume of the instance, started together in one
// CreateSnapshots call and tagged with the case and the finding. Only started: isolation never waits for them
// to complete. Volumes that already have a snapshot of this case (a re-run after a failure) are left out.
import { CreateSnapshotsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { holderOf, holdTags } from '../../shared/holds/holds.ts';
import { type CaseInfo, CONTAIN_PLAYBOOK, TAG } from '../../shared/instance/case.ts';
import type { InstanceEvidence, IsolationPlan } from '../../shared/instance/evidence.ts';
import type { Recorder } from '../../shared/instance/steps.ts';

export interface Snapshots {
  snapshots: { snapshotId: string; volumeId: string; state: string }[];
}

export async function snapshotVolumes(
  ec2: EC2Client,
  theCase: CaseInfo,
  evidence: InstanceEvidence,
  plan: IsolationPlan,
  recorder: Recorder,
  now: Date,
): Promise<Snapshots> {
  const { instanceId, region, caseId } = theCase;
  const existing = plan.existingSnapshots.map((s) => ({ ...s, state: 'existing' }));
  const done = new Set(existing.map((s) => s.volumeId));
  const missing = evidence.volumes.filter((volume) => !done.has(volume.volumeId));
  if (missing.length === 0) {
    recorder.note({
      action: 'ec2:CreateSnapshots',
      resource: instanceId,
      region,
      outcome: evidence.volumes.length ? 'already-done' : 'skipped',
      detail: { caseId, why: evidence.volumes.length ? 'every volume has a snapshot of this case' : 'no EBS volumes' },
    });
    return { snapshots: existing };
  }
  const rootDevice = (evidence.raw as { RootDeviceName?: string }).RootDeviceName;
  const bootVolume = evidence.volumes.find((volume) => volume.deviceName === rootDevice)?.volumeId;
  const findingId = theCase.finding?.id ?? 'manual';
  const created = await recorder.act(
    {
      action: 'ec2:CreateSnapshots',
      resource: instanceId,
      region,
      detail: { caseId, findingId, volumes: missing.map((v) => v.volumeId) },
    },
    () =>
      ec2.send(
        new CreateSnapshotsCommand({
          InstanceSpecification: {
            InstanceId: instanceId,
            ExcludeBootVolume: bootVolume !== undefined && done.has(bootVolume),
            ExcludeDataVolumeIds: [...done].filter((volumeId) => volumeId !== bootVolume),
          },
          Description: `Forensic snapshot of ${instanceId}, ${caseId} (${findingId}), ${now.toISOString()}`,
          CopyTagsFromSource: 'volume',
          TagSpecifications: [
            {
              ResourceType: 'snapshot',
              Tags: [
                { Key: TAG.case, Value: caseId },
                { Key: TAG.finding, Value: findingId },
                { Key: TAG.instance, Value: instanceId },
                { Key: 'autopilot:purpose', Value: 'forensics' },
                // Evidence: no destructive playbook may delete it while the case holds it.
                ...holdTags(holderOf(CONTAIN_PLAYBOOK, caseId), 'forensic snapshot'),
              ],
            },
          ],
        }),
      ),
    {
      resultDetail: (result) => ({
        snapshots: (result.Snapshots ?? []).map((s) => ({ snapshotId: s.SnapshotId, volumeId: s.VolumeId })),
      }),
    },
  );
  const started = (created?.Snapshots ?? []).map((s) => ({
    snapshotId: s.SnapshotId!,
    volumeId: s.VolumeId!,
    state: s.State ?? 'pending',
  }));
  return { snapshots: [...existing, ...started] };
}

// Seed builders for EC2 compute and storage: instances, volumes (attached both ways), snapshots, AMIs and launch
// templates, with the defaults AWS fills in (states, IOPS of gp2/gp3, completion of finished snapshots).
import { addMinutes, mustFind, privateDnsName, type SeedContext, type Spec } from './util.ts';

const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export function buildInstances(specs: Spec[] = [], ec2: Spec, iam: Spec, ctx: SeedContext): Spec[] {
  return specs.map(({ SecurityGroups = [], IamInstanceProfile, State = 'running', ...i }): Spec => {
    const subnet = mustFind(ec2.subnets, (s) => s.SubnetId === i.SubnetId, `subnet ${i.SubnetId}`);
    const profile = IamInstanceProfile
      ? mustFind(
          iam.instanceProfiles,
          (p) => p.InstanceProfileName === IamInstanceProfile,
          `instance profile ${IamInstanceProfile}`,
        )
      : undefined;
    return {
      AmiLaunchIndex: 0,
      Architecture: 'x86_64',
      EbsOptimized: true,
      EnaSupport: true,
      Hypervisor: 'xen',
      Monitoring: { State: 'disabled' },
      MetadataOptions: {
        State: 'applied',
        HttpTokens: 'required',
        HttpPutResponseHopLimit: 2,
        HttpEndpoint: 'enabled',
      },
      Placement: { AvailabilityZone: subnet.AvailabilityZone, Tenancy: 'default', GroupName: '' },
      PlatformDetails: 'Linux/UNIX',
      UsageOperation: 'RunInstances',
      PrivateDnsName: privateDnsName(i.PrivateIpAddress, ctx.region),
      RootDeviceName: '/dev/xvda',
      RootDeviceType: 'ebs',
      SourceDestCheck: true,
      VirtualizationType: 'hvm',
      VpcId: subnet.VpcId,
      State: { Code: STATE_CODES[State], Name: State },
      SecurityGroups: SecurityGroups.map((id: string) => ({
        GroupId: id,
        GroupName: mustFind(ec2.securityGroups, (g) => g.GroupId === id, `security group ${id}`).GroupName,
      })),
      IamInstanceProfile: profile && { Arn: profile.Arn, Id: profile.InstanceProfileId },
      BlockDeviceMappings: [],
      NetworkInterfaces: [],
      Tags: [],
      ...i,
    };
  });
}

/** Provisioned performance AWS reports when none is given: gp3 3000 IOPS/125 MiB/s, gp2 3 IOPS per GiB (100..16000). */
function performanceDefaults(v: Spec) {
  if (v.VolumeType === 'gp3') return { Iops: 3000, Throughput: 125 };
  if (v.VolumeType === 'gp2') return { Iops: Math.min(16000, Math.max(100, 3 * v.Size)) };
  return {};
}

export function buildVolumes(specs: Spec[] = [], ec2: Spec, ctx: SeedContext): Spec[] {
  return specs.map(({ attachedTo, ...v }) => {
    const instance = attachedTo
      ? mustFind(ec2.instances, (i) => i.InstanceId === attachedTo.InstanceId, `instance ${attachedTo.InstanceId}`)
      : undefined;
    const attachment = attachedTo && {
      AttachTime: [instance!.LaunchTime!, v.CreateTime].sort().at(-1),
      Device: attachedTo.Device,
      InstanceId: attachedTo.InstanceId,
      State: 'attached',
      VolumeId: v.VolumeId,
      DeleteOnTermination: attachedTo.DeleteOnTermination ?? attachedTo.Device === '/dev/xvda',
    };
    if (instance && attachment) {
      instance.BlockDeviceMappings!.push({
        DeviceName: attachment.Device,
        Ebs: {
          AttachTime: attachment.AttachTime,
          DeleteOnTermination: attachment.DeleteOnTermination,
          Status: 'attached',
          VolumeId: v.VolumeId,
        },
      });
    }
    return {
      AvailabilityZone: instance?.Placement?.AvailabilityZone ?? `${ctx.region}a`,
      Encrypted: false,
      MultiAttachEnabled: false,
      State: attachment ? 'in-use' : 'available',
      Attachments: attachment ? [attachment] : [],
      Tags: [],
      ...performanceDefaults(v),
      ...v,
    };
  });
}

export function buildSnapshots(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((s) => {
    const completed = (s.State ?? 'completed') === 'completed';
    return {
      OwnerId: ctx.accountId,
      State: 'completed',
      Progress: completed ? '100%' : '0%',
      StorageTier: 'standard',
      Encrypted: false,
      CompletionTime: completed ? addMinutes(s.StartTime, 17) : undefined,
      Tags: [],
      ...s,
    };
  });
}

export function buildImages(specs: Spec[] = [], ec2: Spec, ctx: SeedContext): Spec[] {
  return specs.map(({ snapshots = [], ...image }) => ({
    State: 'available',
    OwnerId: ctx.accountId,
    Public: false,
    Architecture: 'x86_64',
    ImageType: 'machine',
    Hypervisor: 'xen',
    VirtualizationType: 'hvm',
    EnaSupport: true,
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    BlockDeviceMappings: snapshots.map((b: Spec) => ({
      DeviceName: b.DeviceName,
      Ebs: {
        SnapshotId: b.SnapshotId,
        VolumeSize: b.VolumeSize,
        VolumeType: b.VolumeType,
        DeleteOnTermination: true,
        Encrypted: mustFind(ec2.snapshots, (s) => s.SnapshotId === b.SnapshotId, `snapshot ${b.SnapshotId}`).Encrypted,
      },
    })),
    Tags: [],
    ...image,
  }));
}

export function buildLaunchTemplates(specs: Spec[] = [], iam: Spec, ctx: SeedContext): Spec[] {
  const createdBy = `arn:aws:iam::${ctx.accountId}:user/alice`;
  return specs.map(({ versions = [], ...t }) => ({
    CreatedBy: createdBy,
    LatestVersionNumber: Math.max(...versions.map((v: Spec) => v.VersionNumber)),
    Tags: [],
    ...t,
    versions: versions.map(
      ({ VersionNumber, VersionDescription, CreateTime, blockDevices = [], IamInstanceProfile, ...data }: Spec) => ({
        LaunchTemplateId: t.LaunchTemplateId,
        LaunchTemplateName: t.LaunchTemplateName,
        VersionNumber,
        VersionDescription,
        CreateTime,
        CreatedBy: createdBy,
        DefaultVersion: VersionNumber === t.DefaultVersionNumber,
        LaunchTemplateData: {
          ...data,
          IamInstanceProfile: IamInstanceProfile && {
            Arn: mustFind(
              iam.instanceProfiles,
              (p) => p.InstanceProfileName === IamInstanceProfile,
              `profile ${IamInstanceProfile}`,
            ).Arn,
          },
          BlockDeviceMappings: blockDevices.map(({ DeviceName, ...ebs }: Spec) => ({
            DeviceName,
            Ebs: { DeleteOnTermination: true, ...ebs },
          })),
        },
      }),
    ),
  }));
}

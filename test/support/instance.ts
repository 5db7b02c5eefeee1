// Shared arrangements for the contain-/release-instance tests: the sample events, runs on a sandbox account (with
// the stack's quarantine instance profile), and reading back what a run left: instances, ENIs, groups, snapshots,
// Auto Scaling and target groups, case objects, messages and the audit trail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPlaybook } from '../../cli/runner.ts';
import type { Config } from '../../functions/playbooks.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { SandboxAccount, type SandboxOptions } from '../../sandbox/account.ts';

export const REPORTS_BUCKET = 'idp-autopilot-dev-reports-123456789012';
export const QUARANTINE_PROFILE = 'idp-autopilot-quarantine';
export const API_3 = 'i-01a10000000000003';
export const API_1 = 'i-01a10000000000001';
export const BASTION = 'i-01a100000000000b1';

export type Loose = Record<string, any>;

export function sampleEvent(name: string): Loose {
  return JSON.parse(readFileSync(join(projectRoot, 'events/guardduty', `${name}.json`), 'utf8'));
}

/** The deny-all role and profile serverless.yml creates with the stack (the seed models the estate, not the stack). */
export function withQuarantineProfile(account: SandboxAccount): SandboxAccount {
  const iam = account.state.global.iam;
  if (iam.instanceProfiles.some((profile) => profile.InstanceProfileName === QUARANTINE_PROFILE)) return account;
  const role = {
    RoleName: QUARANTINE_PROFILE,
    RoleId: 'AROAQUARANTINE0000001',
    Arn: `arn:aws:iam::${account.accountId}:role/${QUARANTINE_PROFILE}`,
    Path: '/',
    CreateDate: account.now().toISOString(),
  };
  iam.roles.push(role as (typeof iam.roles)[number]);
  iam.instanceProfiles.push({
    InstanceProfileName: QUARANTINE_PROFILE,
    InstanceProfileId: 'AIPAQUARANTINE0000001',
    Arn: `arn:aws:iam::${account.accountId}:instance-profile/${QUARANTINE_PROFILE}`,
    Path: '/',
    CreateDate: account.now().toISOString(),
    Roles: [role],
  } as (typeof iam.instanceProfiles)[number]);
  return account;
}

export function account(options: SandboxOptions = {}): SandboxAccount {
  return withQuarantineProfile(SandboxAccount.fromSeed(options));
}

export function devConfig(change: (config: Config) => void = () => {}): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  change(config);
  return config;
}

export interface RunExtra {
  dryRun?: boolean;
  approval?: 'approve' | 'reject';
  config?: Config;
}

export const contain = (on: SandboxAccount, input: object, extra: RunExtra = {}) =>
  runPlaybook({ playbook: 'contain-instance', input, account: on, skipWaits: true, ...extra });

export const release = (on: SandboxAccount, input: object, extra: RunExtra = {}) =>
  runPlaybook({ playbook: 'release-instance', input, account: on, skipWaits: true, ...extra });

const east = (on: SandboxAccount) => on.state.regions['us-east-1'];

export function instance(on: SandboxAccount, id: string): Loose {
  const found = east(on).ec2.instances.find((candidate) => candidate.InstanceId === id);
  if (!found) throw new Error(`no instance ${id}`);
  return found as Loose;
}

export const tagsOf = (record: Loose): Record<string, string> =>
  Object.fromEntries(((record.Tags ?? record.TagSet ?? []) as Loose[]).map((tag) => [tag.Key, tag.Value]));

export function enis(on: SandboxAccount, id: string): Loose[] {
  return east(on).ec2.networkInterfaces.filter((eni) => eni.Attachment?.InstanceId === id) as Loose[];
}

export function groupsOfEnis(on: SandboxAccount, id: string): string[][] {
  return enis(on, id).map((eni) => (eni.Groups as Loose[]).map((group) => group.GroupId));
}

export function securityGroup(on: SandboxAccount, id: string): Loose {
  return east(on).ec2.securityGroups.find((group) => group.GroupId === id) as Loose;
}

export function snapshotsOfCase(on: SandboxAccount, caseId: string): Loose[] {
  return east(on).ec2.snapshots.filter((snapshot) => tagsOf(snapshot as Loose)['autopilot:case'] === caseId) as Loose[];
}

export function autoScalingGroup(on: SandboxAccount, name = 'idp-api-gateway-asg'): Loose {
  return east(on).autoScaling.groups.find((group) => group.AutoScalingGroupName === name) as Loose;
}

export function targetsOf(on: SandboxAccount, name = 'idp-api-blue'): Loose[] {
  return east(on).elbv2.targetGroups.find((group) => group.TargetGroupName === name)!.targets as Loose[];
}

export function volumeAttachments(on: SandboxAccount, id: string): Loose[] {
  return east(on)
    .ec2.volumes.flatMap((volume) => volume.Attachments ?? [])
    .filter((a) => a.InstanceId === id) as Loose[];
}

export function profileName(on: SandboxAccount, id: string): string | undefined {
  const arn = instance(on, id).IamInstanceProfile?.Arn as string | undefined;
  return arn?.slice(arn.lastIndexOf('/') + 1);
}

/** Case objects and reports in the reports bucket. */
export function objects(on: SandboxAccount, prefix: string): Loose[] {
  return Object.values(on.state.global.s3.buckets[REPORTS_BUCKET]?.objects ?? {}).filter((object) =>
    object.Key.startsWith(prefix),
  ) as Loose[];
}

export const bodyOf = (object: Loose) => Buffer.from(object.BodyBase64, 'base64').toString('utf8');

/** Subjects and texts of the SNS messages sent so far. */
export function messages(on: SandboxAccount): { subject: string; text: string }[] {
  return on.callsTo('SNS', 'Publish').map((call) => {
    const input = call.input as { Subject: string; Message: string };
    return { subject: input.Subject, text: input.Message };
  });
}

/** The audit records of one playbook, in order. */
export function audit(on: SandboxAccount, playbook = 'contain-instance'): Loose[] {
  return on
    .events({ source: 'idp.autopilot' })
    .map((event) => event.detail as Loose)
    .filter((record) => record.playbook === playbook);
}

/**
 * Everything a containment may touch, to compare before and after (dry runs, repeats). A snapshot's progress is
 * left out: the sandbox completes pending snapshots when they are described, as time would on AWS.
 */
export function estate(on: SandboxAccount): string {
  const region = east(on);
  const snapshots = region.ec2.snapshots.map(({ State: _s, Progress: _p, CompletionTime: _c, ...rest }) => rest);
  return JSON.stringify({
    ec2: { ...region.ec2, snapshots },
    autoScaling: region.autoScaling,
    elbv2: region.elbv2,
    iam: on.state.global.iam,
    cases: objects(on, 'cases/').map((object) => object.Key),
  });
}

/** The calls that change something (not Describe/Get/List, not the audit trail, reports or messages). */
export function mutatingCalls(on: SandboxAccount, since = 0): string[] {
  return on.calls
    .slice(since)
    .filter((call) => !/^(Describe|Get|List|Head)/.test(call.operation))
    .filter((call) => !['EventBridge', 'SNS', 'SSM', 'SecretsManager', 'Slack', 'PagerDuty'].includes(call.service))
    .filter((call) => !(call.service === 'S3' && String((call.input as Loose).Key).startsWith('reports/')))
    .map((call) => `${call.service}:${call.operation}`);
}

// Builds the initial sandbox state from the estate files under sandbox/seed/estate/ (merged by seed/files.ts). The
// fixture's times are relative ("120 days ago"), resolved here against `now`, so the estate keeps its shape (a
// 200-day-old volume stays 200 days old) on whatever day it is seeded.
import { isWellFormedId, kindOfId } from './ec2-ids.ts';
import { buildEcsClusters, buildEksClusters, buildHttpEndpoints, buildReplicationGroups } from './seed/capacity.ts';
import { buildImages, buildInstances, buildLaunchTemplates, buildSnapshots, buildVolumes } from './seed/ec2-compute.ts';
import {
  buildAddresses,
  buildNetworkInterfaces,
  buildSecurityGroups,
  buildSubnets,
  buildVpcs,
} from './seed/ec2-network.ts';
import { ESTATE_DIR, mergeEstate, readEstateFiles } from './seed/files.ts';
import { buildBuckets, buildCosts, buildIam, buildRoute53 } from './seed/global.ts';
import { buildOrganization, MEMBERS_DIR, memberFolders, ORGANIZATION_FILE } from './seed/members.ts';
import {
  buildBackupVaults,
  buildCloudMapServices,
  buildCloudWatch,
  buildDbClusters,
  buildDbInstances,
  buildStateMachines,
} from './seed/resilience.ts';
import { buildSecurityServices } from './seed/security.ts';
import {
  buildAutoScaling,
  buildConfigRules,
  buildDetectors,
  buildElbv2,
  buildParameters,
  buildSecrets,
  buildTopics,
} from './seed/services.ts';
import type { SeedContext, Spec } from './seed/util.ts';
import { type AccountState, emptyRegion, type RegionState, type SandboxState } from './state.ts';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const RELATIVE_TIME = /^(?:(\d+(?:\.\d+)?) (minute|hour|day)s? ago|in (\d+(?:\.\d+)?) (minute|hour|day)s?)$/;

function resolveTime(text: string, now: Date): Date | undefined {
  const match = RELATIVE_TIME.exec(text);
  if (!match) return undefined;
  const [, agoAmount, agoUnit, inAmount, inUnit] = match;
  const offset = agoAmount ? -Number(agoAmount) * UNIT_MS[agoUnit] : Number(inAmount) * UNIT_MS[inUnit];
  return new Date(now.getTime() + offset);
}

/** Relative times -> ISO (dates only inside tags); `Tags`/`TagSet` maps -> [{Key, Value}]. */
function resolve(value: unknown, now: Date, inTags = false): unknown {
  if (typeof value === 'string') {
    const time = resolveTime(value, now);
    if (!time) return value;
    return inTags ? time.toISOString().slice(0, 10) : time.toISOString();
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, now, inTags));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      const isTagMap = (key === 'Tags' || key === 'TagSet') && typeof child === 'object' && !Array.isArray(child);
      if (!isTagMap) return [key, resolve(child, now, inTags)];
      const entries = Object.entries(child as Record<string, unknown>);
      return [key, entries.map(([Key, Value]) => ({ Key, Value: String(resolve(String(Value), now, true)) }))];
    }),
  );
}

function buildRegion(spec: Spec, iam: Spec, ctx: SeedContext): RegionState {
  // Built loosely typed (the fixture is free-form); the result has the documented RegionState shape.
  const region: Spec = emptyRegion(ctx.region, ctx.accountId);
  const ec2 = region.ec2;
  const e = spec.ec2 ?? {};
  ec2.vpcs = buildVpcs(e.vpcs, ctx);
  ec2.subnets = buildSubnets(e.subnets, ctx);
  ec2.securityGroups = buildSecurityGroups(e.securityGroups, ctx);
  ec2.instances = buildInstances(e.instances, ec2, iam, ctx);
  ec2.networkInterfaces = buildNetworkInterfaces(e.networkInterfaces, ec2, ctx);
  ec2.volumes = buildVolumes(e.volumes, ec2, ctx);
  ec2.snapshots = buildSnapshots(e.snapshots, ctx);
  ec2.images = buildImages(e.images, ec2, ctx);
  ec2.addresses = buildAddresses(e.addresses, ec2, ctx);
  ec2.launchTemplates = buildLaunchTemplates(e.launchTemplates, iam, ctx);
  region.guardduty.detectors = buildDetectors(spec.guardduty?.detectors, ctx);
  region.config.rules = buildConfigRules(spec.config?.rules, ctx);
  region.sns.topics = buildTopics(spec.sns?.topics, ctx);
  region.ssm.parameters = buildParameters(spec.ssm?.parameters, ctx);
  region.secretsManager.secrets = buildSecrets(spec.secretsManager?.secrets, ctx);
  region.elbv2 = buildElbv2(spec.elbv2, ec2, ctx);
  region.autoScaling.groups = buildAutoScaling(spec.autoScaling?.groups, region.elbv2, ec2, ctx);
  region.rds.clusters = buildDbClusters(spec.rds?.clusters, ctx);
  region.rds.instances = buildDbInstances(spec.rds?.clusters, ctx);
  region.rds.subnetGroups = spec.rds?.subnetGroups ?? [];
  if (spec.serviceDiscovery) {
    region.serviceDiscovery = { services: buildCloudMapServices(spec.serviceDiscovery.services, ctx), operations: [] };
  }
  region.backup.vaults = buildBackupVaults(spec.backup?.vaults, ctx);
  region.cloudwatch = buildCloudWatch(spec.cloudwatch, ctx);
  region.eks.clusters = buildEksClusters(spec.eks?.clusters, ctx);
  region.ecs.clusters = buildEcsClusters(spec.ecs?.clusters, region.elbv2, ctx);
  region.elasticache.replicationGroups = buildReplicationGroups(spec.elasticache?.replicationGroups, ctx);
  Object.assign(region, buildSecurityServices(spec, ctx));
  region.stepFunctions = {
    stateMachines: buildStateMachines(spec.stepFunctions?.stateMachines, ctx),
    closedTokens: [],
  };
  validateEc2Ids(region as RegionState, ctx.region);
  return region as RegionState;
}

/** Catches a typo'd id in the fixture at seed time rather than as a confusing Malformed error in a test. */
function validateEc2Ids(region: RegionState, name: string): void {
  for (const records of Object.values(region.ec2) as Record<string, unknown>[][]) {
    for (const record of records) {
      for (const [key, id] of Object.entries(record)) {
        if (!key.endsWith('Id') || typeof id !== 'string') continue;
        const kind = kindOfId(id);
        if (kind && key === kind.idKey && !isWellFormedId(id, kind.prefix)) {
          throw new Error(
            `sandbox seed: malformed ${key} '${id}' in ${name} (expected ${kind.prefix}- and 8 or 17 hex digits)`,
          );
        }
      }
    }
  }
}

/** One account the estate files in `dir` describe: its id, IAM, S3 and regions. */
function buildAccount(dir: URL | string, now: Date): AccountState & { accountId: string } {
  const doc = resolve(mergeEstate(readEstateFiles(dir)), now) as Spec;
  const accountId = String(doc.accountId);
  const iam = buildIam(doc.global?.iam, accountId);
  const regions: Record<string, RegionState> = {};
  for (const [name, spec] of Object.entries(doc.regions ?? {}) as [string, Spec][]) {
    regions[name] = buildRegion(spec, iam, { accountId, region: name, now });
  }
  const global = {
    iam: iam as SandboxState['global']['iam'],
    s3: buildBuckets(doc.global?.s3) as SandboxState['global']['s3'],
    route53: buildRoute53(doc.global?.route53, regions) as SandboxState['global']['route53'],
    costExplorer: buildCosts(doc.global?.costExplorer, now) as SandboxState['global']['costExplorer'],
    health: { events: (doc.global?.health?.events ?? []) as NonNullable<SandboxState['global']['health']>['events'] },
    http: { endpoints: buildHttpEndpoints(doc.global?.http?.endpoints) as { url: string; status: number }[] },
  };
  return { accountId, global, regions };
}

/**
 * The state the estate files in `dir` describe (the home account), with the member accounts of `membersDir`
 * (one folder each, the same file layout) and the organization of `organizationFile`, relative times resolved
 * against `now`.
 */
export function seedState(
  now: Date,
  dir: URL | string = ESTATE_DIR,
  membersDir: URL | string = MEMBERS_DIR,
  organizationFile: URL | string = ORGANIZATION_FILE,
): SandboxState {
  const home = buildAccount(dir, now);
  const members: Record<string, AccountState> = {};
  for (const folder of memberFolders(membersDir)) {
    const { accountId, ...member } = buildAccount(folder, now);
    if (accountId === home.accountId || members[accountId]) throw new Error(`sandbox seed: account ${accountId} twice`);
    members[accountId] = member;
  }
  return {
    version: 1,
    accountId: home.accountId,
    seededAt: now.toISOString(),
    sequence: 0,
    global: home.global,
    regions: home.regions,
    members,
    organization: buildOrganization(organizationFile, home.accountId, now),
  };
}

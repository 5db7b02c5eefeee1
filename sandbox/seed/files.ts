// The estate is one YAML file per AWS area under sandbox/seed/estate/, so a playbook adds its own file (e.g.
// estate/rds.yaml) without editing another's. They are read account.yaml first (the account id and the regions, in
// order), then by file name, and merged: mappings key by key, lists concatenated, a scalar given twice must agree.
// Each file is checked on its own first: only the sections the builders know (a typo'd key would silently seed
// nothing), only declared regions; then ids must be unique across all of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as z from 'zod';
import { EC2_ID_KINDS } from '../ec2-ids.ts';
import type { Spec } from './util.ts';

export const ESTATE_DIR = new URL('./estate', import.meta.url);
const ACCOUNT_FILE = 'account.yaml';

export interface EstateFile {
  name: string;
  doc: Spec;
}

const list = z.array(z.unknown());
const section = <K extends string>(...keys: K[]) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, list])) as Record<K, typeof list>).partial();

/** What a file may contain: the sections seed.ts builds, each optional. */
const estateFileSchema = z
  .strictObject({
    accountId: z.string(),
    global: z
      .strictObject({
        iam: section('users', 'roles'),
        s3: section('buckets'),
        route53: section('hostedZones'),
        costExplorer: z.record(z.string(), z.unknown()),
        health: section('events'),
        http: section('endpoints'),
      })
      .partial(),
    regions: z.record(
      z.string(),
      z
        .strictObject({
          ec2: section(...EC2_ID_KINDS.map((kind) => kind.collection)),
          guardduty: section('detectors'),
          config: section('rules'),
          sns: section('topics'),
          ssm: section('parameters'),
          secretsManager: section('secrets'),
          autoScaling: section('groups'),
          elbv2: section('loadBalancers', 'targetGroups', 'listeners', 'rules'),
          rds: section('clusters', 'subnetGroups'),
          backup: section('vaults'),
          cloudwatch: section('alarms', 'metrics', 'compositeAlarms'),
          serviceDiscovery: section('services'),
          stepFunctions: section('stateMachines'),
          securityHub: z.strictObject({ enabledAt: z.string(), standards: list, findings: list }).partial(),
          inspector2: section('scanning', 'findings'),
          ecr: section('repositories'),
          eks: section('clusters'),
          ecs: section('clusters'),
          elasticache: section('replicationGroups'),
        })
        .partial(),
    ),
  })
  .partial();

/** account.yaml, then every other *.yaml of the directory by name; each one parsed and checked. */
export function readEstateFiles(dir: URL | string = ESTATE_DIR): EstateFile[] {
  const root = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const names = readdirSync(root)
    .filter((name) => name.endsWith('.yaml') && name !== ACCOUNT_FILE)
    .sort();
  return [ACCOUNT_FILE, ...names].map((name) => {
    const doc = parse(readFileSync(join(root, name), 'utf8')) ?? {};
    const checked = estateFileSchema.safeParse(doc);
    if (!checked.success) throw new Error(`sandbox seed ${name}: ${z.prettifyError(checked.error)}`);
    return { name, doc: doc as Spec };
  });
}

/** The files merged into one estate document (the shape seed.ts builds the state from). */
export function mergeEstate(files: EstateFile[]): Spec {
  const [account, ...others] = files;
  const regions = Object.keys(account?.doc.regions ?? {});
  for (const { name, doc } of others) {
    const unknown = Object.keys(doc.regions ?? {}).filter((region) => !regions.includes(region));
    if (unknown.length > 0) {
      throw new Error(`sandbox seed ${name}: regions ${unknown.join(', ')} are not declared in ${ACCOUNT_FILE}`);
    }
  }
  const duplicates = duplicateIds(files);
  if (duplicates.length > 0) throw new Error(`sandbox seed: ids given twice: ${duplicates.join('; ')}`);
  return files.reduce<Spec>((merged, { name, doc }) => merge(merged, doc, name, ''), {});
}

function merge(into: unknown, from: unknown, file: string, path: string): Spec {
  if (into === undefined) return from as Spec;
  if (Array.isArray(into) && Array.isArray(from)) return [...into, ...from] as unknown as Spec;
  const isMapping = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isMapping(into) && isMapping(from)) {
    const merged: Spec = { ...(into as Spec) };
    for (const [key, value] of Object.entries(from as Spec)) {
      merged[key] = merge(merged[key], value, file, path ? `${path}.${key}` : key);
    }
    return merged;
  }
  if (into === from) return into as Spec;
  throw new Error(`sandbox seed ${file}: ${path} is already given another value by an earlier file`);
}

/**
 * The collections whose items carry an id, with the member holding it: EC2 ids and access keys are unique in the
 * account, names in their region (both regions have an `idp-api-gateway-asg`). `*` is any region, `[]` each item.
 */
const ID_MEMBERS: { path: string; member?: string; perRegion?: boolean }[] = [
  ...EC2_ID_KINDS.map((kind) => ({ path: `regions.*.ec2.${kind.collection}`, member: kind.idKey })),
  { path: 'global.iam.users', member: 'UserName' },
  { path: 'global.iam.users.[].accessKeys', member: 'AccessKeyId' },
  { path: 'global.iam.roles', member: 'RoleName' },
  { path: 'global.s3.buckets', member: 'Name' },
  { path: 'global.route53.hostedZones', member: 'Id' },
  { path: 'regions.*.guardduty.detectors', member: 'DetectorId' },
  { path: 'regions.*.config.rules', member: 'name', perRegion: true },
  { path: 'regions.*.sns.topics', perRegion: true },
  { path: 'regions.*.ssm.parameters', member: 'Name', perRegion: true },
  { path: 'regions.*.secretsManager.secrets', member: 'Name', perRegion: true },
  { path: 'regions.*.autoScaling.groups', member: 'name', perRegion: true },
  { path: 'regions.*.elbv2.loadBalancers', member: 'name', perRegion: true },
  { path: 'regions.*.elbv2.targetGroups', member: 'name', perRegion: true },
  { path: 'regions.*.elbv2.listeners', member: 'id', perRegion: true },
  { path: 'regions.*.elbv2.rules', member: 'id', perRegion: true },
  { path: 'regions.*.rds.clusters', member: 'DBClusterIdentifier', perRegion: true },
  { path: 'regions.*.backup.vaults', member: 'BackupVaultName', perRegion: true },
  { path: 'regions.*.serviceDiscovery.services', member: 'Id', perRegion: true },
  { path: 'regions.*.cloudwatch.alarms', member: 'AlarmName', perRegion: true },
  { path: 'regions.*.ecr.repositories', member: 'name', perRegion: true },
  { path: 'regions.*.cloudwatch.compositeAlarms', member: 'AlarmName', perRegion: true },
  { path: 'regions.*.stepFunctions.stateMachines', perRegion: true },
  { path: 'global.health.events', member: 'arn' },
  { path: 'regions.*.eks.clusters', member: 'name', perRegion: true },
  { path: 'regions.*.ecs.clusters', member: 'name', perRegion: true },
  { path: 'regions.*.elasticache.replicationGroups', member: 'id', perRegion: true },
];

/** The lists at a path pattern, each with its concrete path. */
function listsAt(doc: unknown, segments: string[], at = ''): { path: string; items: unknown[] }[] {
  if (segments.length === 0) return Array.isArray(doc) ? [{ path: at, items: doc }] : [];
  const [head, ...rest] = segments;
  const join = (key: string) => (at ? `${at}.${key}` : key);
  if (head === '[]') return Array.isArray(doc) ? doc.flatMap((item) => listsAt(item, rest, at)) : [];
  if (typeof doc !== 'object' || doc === null) return [];
  const keys = head === '*' ? Object.keys(doc) : [head];
  return keys.flatMap((key) => listsAt((doc as Spec)[key], rest, join(key)));
}

/** "<collection> <id> in a.yaml and b.yaml" for every id that more than one item carries. */
export function duplicateIds(files: EstateFile[]): string[] {
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const { name, doc } of files) {
    for (const { path, member, perRegion } of ID_MEMBERS) {
      for (const found of listsAt(doc, path.split('.'))) {
        for (const item of found.items) {
          const id = member ? (item as Spec)?.[member] : item;
          if (id === undefined) continue;
          const scope = perRegion ? found.path : path;
          const key = `${scope} ${String(id)}`;
          const first = seen.get(key);
          if (first) duplicates.push(`${key} in ${first} and ${name}`);
          else seen.set(key, name);
        }
      }
    }
  }
  return duplicates;
}

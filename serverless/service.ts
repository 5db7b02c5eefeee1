// serverless.yml's `functions:` and `stepFunctions.stateMachines:` generated from the playbook manifests
// (functions/playbooks.ts), for serverless.yml (through serverless/playbooks.cjs) and for the CLI, which routes
// events and runs playbooks from the same declarations.
import { createHash } from 'node:crypto';
import { type Config, playbooks } from '../functions/playbooks.ts';
import { encodeConfigForEnv } from '../functions/shared/config/config.ts';
import { ConfigError } from '../functions/shared/errors/errors.ts';
import { allow, atHome, type IamStatement, readConfigSecrets } from '../functions/shared/playbook/iam.ts';
import type {
  ManifestContext,
  PlaybookManifest,
  ScheduleTrigger,
  StepSpec,
} from '../functions/shared/playbook/manifest.ts';
import { sharedSteps } from '../functions/shared/steps/steps.ts';
import { definitionFile, loadDefinition } from './definition.ts';
import { validatePattern } from './event-patterns/matcher.ts';

export const SERVICE = 'idp-autopilot';

/** One Lambda function as serverless.yml declares it, plus where its code is (for the CLI and the tests). */
export interface FunctionDecl {
  key: string;
  /** The playbook it belongs to, or `shared`. */
  playbook: string;
  /** functions/<playbook>/<step>/handler.ts */
  modulePath: string;
  handler: string;
  description: string;
  memorySize?: number;
  timeout?: number;
  /** The config blocks it receives (besides the global keys). */
  configBlocks: string[];
  /** Its log group is kept when the stack is deleted (it acts on cases). */
  retainLogs: boolean;
  environment: { AUTOPILOT_CONFIG: string };
  /** Where its code acts: the home account only, or also the member accounts its input names. */
  actsIn: 'home' | 'target';
  /** Its own role's name (IAM names are account-wide: the region keeps stacks in two regions apart). */
  roleName: string;
  iamRoleStatements: IamStatement[];
}

export interface StateMachineDecl {
  /** camelCase of the playbook name: the state machine's key in serverless.yml. */
  key: string;
  playbook: string;
  manifest: PlaybookManifest;
  /** <service>-<stage>-<playbook> */
  name: string;
  definitionFile: string;
  definition: Record<string, unknown>;
  patterns: Record<string, unknown>[];
  schedules: ScheduleTrigger[];
}

export interface ServiceDecl {
  service: string;
  stage: string;
  /** The region the stack deploys to (the first configured region unless given). */
  region: string;
  /** A copy of the stack outside the home region (standbyCopy): standby playbooks only, no triggers. */
  standby?: boolean;
  /** The config its functions get (a copy's lists its own region first: its home). */
  config?: Config;
  functions: Record<string, FunctionDecl>;
  stateMachines: StateMachineDecl[];
}

/**
 * The reports bucket's name up to the account id: `<service>-<stage>-reports` in the home region; a copy of the
 * stack in another region has its own bucket, `<service>-<stage>-<region>` (bucket names are global; 58 characters
 * at the longest stage and region, with the account).
 */
export function reportsBucketPrefix(stage: string, standbyRegion?: string): string {
  return standbyRegion ? `${SERVICE}-${stage}-${standbyRegion}` : `${SERVICE}-${stage}-reports`;
}

/**
 * The config of a copy of the stack in `region` (not the home region): its own region first, so its reports,
 * notifications, locks and audit trail stay in its region; each standby playbook's block as its standbyCopy says.
 * @throws ConfigError when the region is not a configured one.
 */
export function standbyConfig(config: Config, region: string): Config {
  if (!config.regions.includes(region)) {
    throw new ConfigError(
      `config: ${region} is not one of the configured regions (${config.regions.join(', ')}): a copy of the stack goes to a configured region`,
    );
  }
  const blocks = { ...(config.playbooks as Record<string, unknown>) };
  for (const manifest of playbooks as readonly PlaybookManifest[]) {
    if (!manifest.standbyCopy || !manifest.configKey) continue;
    blocks[manifest.configKey] = manifest.standbyCopy(contextOf(manifest, config, ''));
  }
  return {
    ...config,
    regions: [region, ...config.regions.filter((other) => other !== region)],
    playbooks: blocks,
  } as Config;
}

/** sts:AssumeRole on the member role of any account (its trust policy names which home roles it lets in). */
const assumeMemberRole = (roleName: string): IamStatement =>
  atHome(allow(['sts:AssumeRole'], `arn:aws:iam::*:role/${roleName}`));

/** IAM role names are at most 64 characters. */
const ROLE_NAME_MAX = 64;

/**
 * `<service>-<stage>-<region>-<functionKey>`; when the stage and region are long, the key is shortened and a hash of
 * it keeps the name unique (e.g. `idp-autopilot-<16 chars>-ap-southeast-1-containIn1a2b3c`).
 */
export function roleNameOf(stage: string, region: string, key: string): string {
  const prefix = `${SERVICE}-${stage}-${region}-`;
  if (prefix.length + key.length <= ROLE_NAME_MAX) return `${prefix}${key}`;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 6);
  const room = ROLE_NAME_MAX - prefix.length - hash.length;
  if (room < 4) throw new Error(`stage "${stage}" and region ${region} leave no room for role names`);
  return `${prefix}${key.slice(0, room)}${hash}`;
}

const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function contextOf(manifest: PlaybookManifest | undefined, config: Config, stage: string): ManifestContext {
  const { playbooks: blocks, ...global } = config;
  const settings = manifest?.configKey ? (blocks as Record<string, unknown>)[manifest.configKey] : {};
  return { config: { ...global } as ManifestContext['config'], settings, stage };
}

/** The global keys and exactly the named blocks: what one function gets in AUTOPILOT_CONFIG. */
function configSlice(config: Config, keys: string[]) {
  const { playbooks: blocks, ...global } = config;
  const all = blocks as Record<string, unknown>;
  return { ...global, playbooks: Object.fromEntries(keys.map((key) => [key, all[key]])) };
}

function functionDecl(
  key: string,
  step: StepSpec,
  where: {
    playbook: string;
    folder: string;
    blocks: string[];
    ctx: ManifestContext;
    config: Config;
    region: string;
    retainLogs?: boolean;
  },
): FunctionDecl {
  const base = `functions/${where.folder}/${step.folder}/handler`;
  return {
    key,
    playbook: where.playbook,
    modulePath: `${base}.ts`,
    handler: `${base}.handler`,
    description: step.description,
    ...(step.memorySize ? { memorySize: step.memorySize } : {}),
    ...(step.timeout ? { timeout: step.timeout } : {}),
    configBlocks: where.blocks,
    retainLogs: where.retainLogs ?? false,
    environment: { AUTOPILOT_CONFIG: encodeConfigForEnv(configSlice(where.config, where.blocks)) },
    roleName: roleNameOf(where.ctx.stage, where.region, key),
    iamRoleStatements: [
      ...(typeof step.iam === 'function' ? step.iam(where.ctx) : step.iam),
      // A step acting in member accounts assumes their member role (functions/shared/aws/accounts.ts), passing
      // the external ID read from its secret reference.
      ...(step.actsIn === 'target'
        ? [assumeMemberRole(where.config.accounts.memberRoleName), ...readConfigSecrets]
        : []),
    ],
    actsIn: step.actsIn ?? 'home',
  };
}

/** The rules' patterns as EventBridge takes them; a pattern config made invalid fails here, naming the playbook. */
function checkedPatterns(playbook: string, patterns: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const pattern of patterns) {
    const problems = validatePattern(pattern);
    if (problems.length) throw new ConfigError(`config: the EventBridge rule of ${playbook}: ${problems.join('; ')}`);
  }
  return patterns;
}

/** Every function and state machine of the stage, from the manifests and the validated config. */
export function serviceDeclaration(config: Config, stage: string, region = config.regions[0]): ServiceDecl {
  const standby = region !== config.regions[0];
  // A copy outside the home region carries only the playbooks that are to be started from there, without triggers.
  if (standby)
    return { ...declare(standbyConfig(config, region), stage, region, true), config: standbyConfig(config, region) };
  return { ...declare(config, stage, region, false), config };
}

function declare(config: Config, stage: string, region: string, standby: boolean): ServiceDecl {
  const functions: Record<string, FunctionDecl> = {};
  const add = (decl: FunctionDecl) => {
    if (functions[decl.key]) throw new Error(`function key ${decl.key} is declared twice (${decl.playbook})`);
    functions[decl.key] = decl;
  };
  const sharedCtx = contextOf(undefined, config, stage);
  for (const [key, step] of Object.entries(sharedSteps)) {
    add(
      functionDecl(key, step, {
        playbook: 'shared',
        folder: 'shared',
        blocks: [],
        ctx: sharedCtx,
        config,
        region,
        retainLogs: false,
      }),
    );
  }
  const deployed = (playbooks as readonly PlaybookManifest[]).filter((manifest) => !standby || manifest.standbyCopy);
  const stateMachines = deployed.map((manifest): StateMachineDecl => {
    const ctx = contextOf(manifest, config, stage);
    const blocks = [...(manifest.configKey ? [manifest.configKey] : []), ...Object.keys(manifest.reads ?? {})];
    for (const [key, step] of Object.entries(manifest.steps)) {
      add(
        functionDecl(key, step, {
          playbook: manifest.name,
          folder: manifest.name,
          blocks,
          ctx,
          config,
          region,
          retainLogs: Boolean(manifest.retainLogs),
        }),
      );
    }
    return {
      key: camel(manifest.name),
      playbook: manifest.name,
      manifest,
      name: `${SERVICE}-${stage}-${manifest.name}`,
      definitionFile: definitionFile(manifest.name),
      definition: loadDefinition(manifest.name),
      patterns: standby ? [] : checkedPatterns(manifest.name, manifest.triggers.events?.(ctx) ?? []),
      schedules: standby ? [] : (manifest.triggers.schedules?.(ctx) ?? []),
    };
  });
  if (standby) {
    // A copy deploys only the shared steps its playbooks' state machines name (no unused functions or roles).
    const named = JSON.stringify(stateMachines.map((machine) => machine.definition));
    for (const key of Object.keys(sharedSteps)) if (!named.includes(`"${key}"`)) delete functions[key];
  }
  return { service: SERVICE, stage, region, standby, functions, stateMachines };
}

/** What the execution alarms watch on every state machine (the stack's own failures notify its topic). */
const EXECUTION_ALARMS = {
  topics: { alarm: { Ref: 'NotificationTopic' } },
  metrics: ['executionsFailed', 'executionsTimedOut', 'executionsAborted', 'executionThrottled'],
  treatMissingData: 'notBreaching',
  // <state machine>-<metric>: incident-response routes them by name (and ignores its own).
  nameTemplate: '$[stateMachineName]-$[cloudWatchMetricName]',
};

/** `functions:` and `stepFunctions.stateMachines:` in the shape serverless.yml and its plugins take. */
export function serverlessSections(service: ServiceDecl) {
  const functions = Object.fromEntries(
    Object.values(service.functions).map((fn) => [
      fn.key,
      {
        handler: fn.handler,
        description: fn.description,
        ...(fn.memorySize ? { memorySize: fn.memorySize } : {}),
        ...(fn.timeout ? { timeout: fn.timeout } : {}),
        environment: fn.environment,
        iamRoleStatementsName: fn.roleName,
        iamRoleStatements: fn.iamRoleStatements,
      },
    ]),
  );
  const stateMachines = Object.fromEntries(
    service.stateMachines.map((machine) => [
      machine.key,
      {
        name: machine.name,
        definition: machine.definition,
        tracingConfig: { enabled: true },
        alarms: EXECUTION_ALARMS,
        events: [
          ...machine.patterns.map((event) => ({ eventBridge: { event } })),
          ...machine.schedules.map((schedule) => ({
            schedule: {
              method: 'scheduler',
              rate: schedule.cron,
              timezone: schedule.timezone,
              enabled: schedule.enabled,
              input: schedule.input,
            },
          })),
        ],
      },
    ]),
  );
  // serverless names a function's log group <Function>LogGroup (its key with the first letter upper-cased).
  const retained = Object.values(service.functions)
    .filter((fn) => fn.retainLogs)
    .map((fn) => [`${fn.key.charAt(0).toUpperCase()}${fn.key.slice(1)}LogGroup`, RETAIN]);
  return {
    functions,
    stateMachines,
    resources: {
      Resources: Object.fromEntries(retained),
      // Account-wide names (IAM) a copy in another region must not take again: the home region's stack owns them.
      Conditions: { IsHomeRegion: { 'Fn::Equals': [service.standby ? 'copy' : 'home', 'home'] } },
    },
    reportsBucketPrefix: reportsBucketPrefix(service.stage, service.standby ? service.region : undefined),
  };
}

const RETAIN = { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };

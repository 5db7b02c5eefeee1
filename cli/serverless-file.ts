// Reads serverless.yml the way the CLI needs it: functions (handler paths), state machines (definition file,
// EventBridge patterns, schedules). It resolves the few variable forms our serverless.yml uses
// (${self:...}, ${sls:stage}, ${file(...)}) against the validated stage config, so the rules the CLI routes
// events through are the ones that deploy (test/package.test.ts compares them with the packaged template).
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { Config } from '../functions/shared/config/config.ts';
import { projectRoot } from '../functions/shared/config/files.ts';

export interface FunctionDecl {
  key: string;
  handler: string;
  /** functions/<folder>/handler.ts */
  modulePath: string;
  iamRoleStatements: unknown;
}

export interface ScheduleDecl {
  cron: string;
  timezone?: string;
  enabled: boolean;
  input: unknown;
}

export interface StateMachineDecl {
  key: string;
  /** The playbook name: the definition file's name without .asl.yaml. */
  playbook: string;
  name: string;
  definitionFile: string;
  definition: Record<string, unknown>;
  patterns: Record<string, unknown>[];
  schedules: ScheduleDecl[];
}

export interface ServiceDecl {
  service: string;
  functions: Record<string, FunctionDecl>;
  stateMachines: StateMachineDecl[];
}

type Json = unknown;

function lookup(root: Json, path: string): Json {
  let value: Json = root;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, Json>)[part];
  }
  return value;
}

const WHOLE_VARIABLE = /^\$\{([^{}]+)\}$/;
const ANY_VARIABLE = /\$\{([^{}:]+:[^{}]*)\}/g;

function resolveString(value: string, ctx: ResolveContext): Json {
  const whole = value.match(WHOLE_VARIABLE);
  if (whole) {
    const resolved = resolveVariable(whole[1], ctx);
    if (resolved !== undefined) return resolved;
  }
  return value.replace(ANY_VARIABLE, (text, expression: string) => {
    const resolved = resolveVariable(expression, ctx);
    return resolved === undefined || typeof resolved === 'object' ? text : String(resolved);
  });
}

interface ResolveContext {
  root: Record<string, Json>;
  stage: string;
  config: Config;
}

function resolveVariable(expression: string, ctx: ResolveContext): Json {
  const [source, ...rest] = expression.split(':');
  const address = rest.join(':').trim();
  if (source === 'sls' && address === 'stage') return ctx.stage;
  if (source === 'opt' && address.startsWith('stage')) return ctx.stage;
  if (source === 'self') {
    if (address.startsWith('custom.autopilot.')) return lookup(ctx.config, address.slice('custom.autopilot.'.length));
    return resolveValue(lookup(ctx.root, address), ctx);
  }
  const file = source.match(/^file\((.+)\)$/);
  if (file && /\.ya?ml$/.test(file[1])) {
    const content = parse(readFileSync(join(projectRoot, file[1]), 'utf8'));
    return resolveValue(address ? lookup(content, address) : content, ctx);
  }
  return undefined;
}

function resolveValue(value: Json, ctx: ResolveContext): Json {
  if (typeof value === 'string') return resolveString(value, ctx);
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, ctx));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, ctx)]));
  }
  return value;
}

function definitionFileOf(raw: Json): string {
  const match = typeof raw === 'string' ? raw.match(/\$\{file\((.+\.asl\.ya?ml)\)\}/) : null;
  if (!match)
    throw new Error(`serverless.yml: a state machine definition must be \${file(./state-machines/<name>.asl.yaml)}`);
  return match[1];
}

export function readServerlessFile(
  config: Config,
  stage: string,
  file = join(projectRoot, 'serverless.yml'),
): ServiceDecl {
  const root = parse(readFileSync(file, 'utf8')) as Record<string, Json>;
  const ctx: ResolveContext = { root, stage, config };
  const service = String(root.service);
  const functions: Record<string, FunctionDecl> = {};
  for (const [key, decl] of Object.entries((root.functions ?? {}) as Record<string, Record<string, Json>>)) {
    const handler = String(decl.handler);
    functions[key] = {
      key,
      handler,
      modulePath: `${handler.slice(0, handler.lastIndexOf('.'))}.ts`,
      iamRoleStatements: resolveValue(decl.iamRoleStatements, ctx),
    };
  }
  const machines = lookup(root, 'stepFunctions.stateMachines') as Record<string, Record<string, Json>>;
  const stateMachines = Object.entries(machines ?? {}).map(([key, decl]): StateMachineDecl => {
    const definitionFile = definitionFileOf(decl.definition);
    const events = (resolveValue(decl.events ?? [], ctx) as Record<string, Record<string, Json>>[]) ?? [];
    return {
      key,
      playbook: basename(definitionFile).replace(/\.asl\.ya?ml$/, ''),
      name: String(resolveValue(decl.name, ctx)),
      definitionFile,
      definition: parse(readFileSync(join(projectRoot, definitionFile), 'utf8')),
      patterns: events
        .filter((event) => event.eventBridge)
        .map((event) => event.eventBridge.event as Record<string, unknown>),
      schedules: events
        .filter((event) => event.schedule)
        .map(({ schedule }) => ({
          cron: String(schedule.rate),
          timezone: schedule.timezone as string | undefined,
          enabled: schedule.enabled !== false,
          input: schedule.input ?? {},
        })),
    };
  });
  return { service, functions, stateMachines };
}

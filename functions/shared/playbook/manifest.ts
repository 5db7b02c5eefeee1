// The shape of a playbook manifest (functions/<playbook>/playbook.ts): everything the deployment, the CLI and the
// docs need to know about a playbook, beside its code. serverless.yml's functions and state machines, the
// EventBridge routing of `autopilot event`, `autopilot list` and the README catalogue all read manifests.
import type * as z from 'zod';
import type { GlobalConfig } from '../config/config.ts';
import type { IamStatement } from './iam.ts';

/** An EventBridge Scheduler schedule (cron in a time zone) and the input it starts the state machine with. */
export interface ScheduleTrigger {
  cron: string;
  timezone: string;
  enabled: boolean;
  input: Record<string, unknown>;
}

/** What the manifest's trigger and IAM builders see: the validated stage config and the stage. */
export interface ManifestContext<Block = unknown> {
  config: GlobalConfig;
  /** This playbook's own config block (defaults applied). */
  settings: Block;
  stage: string;
}

/** One Lambda function of the playbook. The key it is declared under is the function key the ASL names. */
export interface StepSpec<Block = unknown> {
  /** Folder of the step, relative to the playbook's folder, holding `handler.ts` (exporting `handler`). */
  folder: string;
  /** One line for the Lambda console and the docs. */
  description: string;
  /** MB; default 256 (provider). */
  memorySize?: number;
  /** Seconds; default 60 (provider). */
  timeout?: number;
  /**
   * 'target': the step acts in the account its input names (a member account through its member role): its role
   * may assume the member role, and its statements go into the member-role template (serverless/member-template.ts),
   * all but the home-only ones: those on the home stack's own resources, which the builders of ./iam.ts mark, and
   * those marked `atHome`. Default: it acts in the home account only.
   */
  actsIn?: 'target';
  /** Exactly the IAM statements the step's code needs (test/packaging/iam.test.ts derives them from its source). */
  iam: IamStatement[] | ((ctx: ManifestContext<Block>) => IamStatement[]);
}

/**
 * A playbook manifest. `name` is the folder under functions/, the file under state-machines/ and the state
 * machine's name suffix; `configKey` its block under `playbooks:` in config/*.yml.
 */
export interface PlaybookManifest<S extends z.ZodType = z.ZodType, K extends string = string> {
  name: string;
  /** One line: what it does, in the runbook's words. */
  purpose: string;
  /** What it does, step by step and with its safety rules: the docs' catalogue (Markdown, one paragraph). */
  description: string;
  /** Runbook section(s) it automates (named, not linked). */
  runbook: string;
  /** Its block under `playbooks:` in config/*.yml (omit both for a playbook without settings of its own). */
  configKey?: K;
  /** The config block schema; every key has a default, so a stage file names only what it changes. */
  config?: S;
  /** Other playbooks' config blocks its functions read (schemas, keyed by their configKey). */
  reads?: Record<string, z.ZodType>;
  /** The request by hand its state machine accepts from the console and `autopilot run` (a strict schema: unknown
   *  keys are refused); events from its rules are parsed by its first step. */
  input?: z.ZodType;
  /**
   * What a request by hand names that only the stage's config can tell (a configured service, say), checked with the
   * schema before anything runs (functions/shared/playbook/input.ts). @throws InvalidInputError naming the field.
   */
  checkInput?: (input: unknown, settings: z.output<S>) => void;
  /** One runnable `autopilot run` input for the docs and `autopilot list` (omit for event-only playbooks). */
  example?: { input: Record<string, unknown>; flags?: string[] };
  /** Its functions act on cases (evidence, containment, revocation): their log groups outlive the stack. */
  retainLogs?: boolean;
  /**
   * Also deployed in the stack's copies in the other configured regions (`serverless deploy --region <region>`),
   * without triggers, to be started by hand when the home region is unavailable. A copy lists its own region first
   * (its home: reports, notifications, locks); this returns the block as the copy's functions get it, e.g. with the
   * regions named that the reordering would otherwise change. Playbooks without it are not in the copies.
   */
  standbyCopy?: (ctx: ManifestContext<z.output<S>>) => z.output<S>;
  triggers: {
    /** EventBridge patterns of the rules that start it on the default bus. */
    events?: (ctx: ManifestContext<z.output<S>>) => Record<string, unknown>[];
    schedules?: (ctx: ManifestContext<z.output<S>>) => ScheduleTrigger[];
  };
  steps: Record<string, StepSpec<z.output<S>>>;
}

/** Identity function that types a manifest (and checks it at compile time). */
export function definePlaybook<S extends z.ZodType, const K extends string>(
  manifest: PlaybookManifest<S, K>,
): PlaybookManifest<S, K> {
  return manifest;
}

/** The schedule triggers of a block that has a `schedule: {cron, timezone, enabled}` key. */
export function scheduleOf(schedule: { cron: string; timezone: string; enabled: boolean }): ScheduleTrigger[] {
  return [{ ...schedule, input: { trigger: 'schedule' } }];
}

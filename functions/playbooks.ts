// The playbooks this deployment carries: one line each. serverless.yml (through serverless/playbooks.cjs), the CLI
// (list, run, event routing), the docs and the tests read them from here; no playbook imports this file.
import * as z from 'zod';
import complianceEvaluation from './compliance-evaluation/playbook.ts';
import containInstance from './contain-instance/playbook.ts';
import costReport from './cost-report/playbook.ts';
import guarddutyHardening from './guardduty-hardening/playbook.ts';
import incidentResponse from './incident-response/playbook.ts';
import maintenanceWindow from './maintenance-window/playbook.ts';
import nightlyCleanup from './nightly-cleanup/playbook.ts';
import pointInTimeRestore from './point-in-time-restore/playbook.ts';
import regionalFailover from './regional-failover/playbook.ts';
import releaseInstance from './release-instance/playbook.ts';
import restoreCredentials from './restore-credentials/playbook.ts';
import revokeCredentials from './revoke-credentials/playbook.ts';
import scaleCapacity from './scale-capacity/playbook.ts';
import { GlobalShape, parseWith } from './shared/config/config.ts';
import { type ConfigSource, readStageConfig } from './shared/config/files.ts';
import type { PlaybookManifest } from './shared/playbook/manifest.ts';
import trafficShift from './traffic-shift/playbook.ts';
import verifyBackups from './verify-backups/playbook.ts';

/** In the order `autopilot list`, `npm start` and the docs show them. */
export const playbooks = [
  guarddutyHardening,
  complianceEvaluation,
  costReport,
  revokeCredentials,
  restoreCredentials,
  nightlyCleanup,
  containInstance,
  releaseInstance,
  verifyBackups,
  pointInTimeRestore,
  regionalFailover,
  incidentResponse,
  trafficShift,
  maintenanceWindow,
  scaleCapacity,
] as const;

// Each manifest's configKey (a literal) -> its block schema; a playbook without a block adds nothing.
type KeyOf<P> = P extends { configKey?: infer K }
  ? string extends Exclude<K, undefined>
    ? never
    : Exclude<K, undefined>
  : never;
type SchemaOf<P> = P extends { config?: infer S } ? Exclude<S, undefined> : never;
type Blocks<M> = { [P in M as KeyOf<P>]: SchemaOf<P> };
type PlaybookBlocks = Blocks<(typeof playbooks)[number]>;

const blockSchemas = Object.fromEntries(
  (playbooks as readonly PlaybookManifest[])
    .filter((playbook) => playbook.configKey && playbook.config)
    .map((playbook) => [playbook.configKey, (playbook.config as z.ZodType).prefault({})]),
) as unknown as { [K in keyof PlaybookBlocks]: PlaybookBlocks[K] };

/** The whole stage configuration: the global keys and every playbook's block (strict: an unknown key is an error). */
export const ConfigSchema = z.strictObject({
  ...GlobalShape,
  // Every block is prefaulted, so {} is a valid value (the types only know the blocks' own schemas).
  playbooks: z.strictObject(blockSchemas).prefault({} as never),
});
export type Config = z.output<typeof ConfigSchema>;

/** Validates a whole stage config; throws ConfigError naming every bad key and what is allowed. */
export function parseConfig(raw: unknown): Config {
  return parseWith(ConfigSchema, raw);
}

/** The manifest of a playbook by name; undefined when there is none. */
export function playbookNamed(name: string): PlaybookManifest | undefined {
  return (playbooks as readonly PlaybookManifest[]).find((playbook) => playbook.name === name);
}

/** config/default.yml merged with config/<stage>.yml (or an explicit file), validated; throws ConfigError. */
export function loadStageConfig(source: ConfigSource): Config {
  return parseConfig(readStageConfig(source));
}

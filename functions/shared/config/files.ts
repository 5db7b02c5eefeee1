// Reads config/default.yml merged with config/<stage>.yml (or an explicit file) and validates it.
// functions/playbooks.ts validates the result (loadStageConfig) for serverless.yml, the CLI and the tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConfigError } from '../errors/errors.ts';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const stageName = /^[a-z][a-z0-9-]{0,15}$/;

function readYaml(file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`config: cannot read ${file}: ${(error as Error).message}`);
  }
  if (data == null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`config: ${file} must hold a mapping`);
  return data as Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Mappings merge key by key; lists and scalars in the override replace the default. */
export function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = isPlainObject(value) && isPlainObject(base[key]) ? deepMerge(base[key], value) : value;
  }
  return merged;
}

export interface ConfigSource {
  stage: string;
  /** A config file outside the repo, merged over default.yml instead of config/<stage>.yml. */
  file?: string;
  /** The folder holding default.yml and <stage>.yml. */
  dir?: string;
}

/** default.yml merged with the stage's file (or `file`), not yet validated (functions/playbooks.ts validates it). */
export function readStageConfig({
  stage,
  file,
  dir = join(projectRoot, 'config'),
}: ConfigSource): Record<string, unknown> {
  if (!stageName.test(stage)) {
    throw new ConfigError(`config: stage "${stage}" must be 1-16 lowercase letters, digits or dashes`);
  }
  const base = readYaml(join(dir, 'default.yml'));
  const overrideFile = file ? resolve(file) : join(dir, `${stage}.yml`);
  if (!existsSync(overrideFile)) {
    throw new ConfigError(
      file
        ? `config: ${overrideFile} does not exist`
        : `config: ${overrideFile} does not exist: create it (it may be empty) to define stage "${stage}"`,
    );
  }
  return deepMerge(base, readYaml(overrideFile));
}

// One check of a playbook's execution input, before anything runs: the CLI calls it before it loads the sandbox or
// touches AWS (exit 2), and the first step of each state machine applies the same schema in AWS. Events as AWS
// delivers them are left to the playbook's event parser; a request by hand must match the manifest's strict schema.
import type * as z from 'zod';
import type { GlobalConfig } from '../config/config.ts';
import { InvalidInputError } from '../errors/errors.ts';
import { formatIssues } from '../handler/handler.ts';
import type { PlaybookManifest } from './manifest.ts';

/** An EventBridge event (what the rules deliver) rather than a request written by hand. */
export function looksLikeEvent(input: unknown): boolean {
  return typeof input === 'object' && input !== null && 'detail-type' in input && 'detail' in input;
}

/**
 * Validates a request by hand against `manifest.input` (unknown keys refused), the regions it names against the
 * configured ones, and what else only the config can tell (`manifest.checkInput`). Returns the parsed request (defaults applied), or the event untouched.
 * @throws InvalidInputError naming the field and what is allowed.
 */
export function checkExecutionInput(manifest: PlaybookManifest, input: unknown, config: GlobalConfig): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidInputError('input: must be a JSON object');
  }
  if (looksLikeEvent(input)) return input;
  const schema: z.ZodType | undefined = manifest.input;
  if (!schema) return input;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
  const named = parsed.data as { regions?: unknown; region?: unknown };
  const regions = [
    ...(Array.isArray(named.regions) ? named.regions : []),
    ...(typeof named.region === 'string' ? [named.region] : []),
  ].map(String);
  const unknown = regions.filter((region) => !config.regions.includes(region));
  if (unknown.length) {
    const key = Array.isArray(named.regions) ? 'input.regions' : 'input.region';
    throw new InvalidInputError(`${key}: ${unknown.join(', ')} not configured (allowed: ${config.regions.join(', ')})`);
  }
  if (manifest.checkInput && manifest.configKey && manifest.config) {
    const blocks = (config as { playbooks?: Record<string, unknown> }).playbooks ?? {};
    manifest.checkInput(parsed.data, manifest.config.parse(blocks[manifest.configKey] ?? {}));
  }
  return parsed.data;
}

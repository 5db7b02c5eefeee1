// The input of `autopilot run`, checked against the playbook manifest's input schema before the sandbox is loaded
// or anything runs: bad input is one message naming the field and what the playbook takes (exit 2).
import * as z from 'zod';
import type { GlobalConfig } from '../functions/shared/config/config.ts';
import { InvalidInputError } from '../functions/shared/errors/errors.ts';
import { formatIssues } from '../functions/shared/handler/handler.ts';
import { checkExecutionInput, looksLikeEvent } from '../functions/shared/playbook/input.ts';
import type { PlaybookManifest } from '../functions/shared/playbook/manifest.ts';
import { UsageError } from './options.ts';
import { inputAlternatives, schemaText } from './schema-text.ts';

type Issue = z.core.$ZodIssue;

/** Index of the alternative with the fewest issues: the one the input came closest to. */
const closest = (branches: Issue[][]) =>
  branches.reduce((best, branch, index) => (branch.length < branches[best].length ? index : best), 0);

/**
 * The issues that say what is wrong: of a union's alternatives, those of the one the input came closest to (fewest
 * issues), so `{"instanceId": "i-nope"}` is told about instanceId rather than about every field of a finding event.
 */
function closestIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ ...issue, path }];
    const branches = issue.errors.map((branch) => closestIssues(branch, path));
    return branches[closest(branches)];
  });
}

/** What the playbook takes, for the refusal: the alternative the input came closest to when there are several. */
function takesText(manifest: PlaybookManifest, value: Record<string, unknown>): string {
  const schema = manifest.input!;
  const options = (schema as { options?: z.ZodType[] }).options;
  const alternatives = inputAlternatives(schema);
  if (!Array.isArray(options) || options.length !== alternatives.length || alternatives.length < 2) {
    return `${manifest.name} takes ${schemaText(schema)}`;
  }
  const index = closest(options.map((option) => option.safeParse(value).error?.issues ?? []));
  return `${manifest.name} takes ${alternatives[index]} here; \`autopilot list\` shows all it takes`;
}

/**
 * `raw` if it is an object the playbook's manifest accepts (with `dryRun: true` for --dry-run) naming only configured
 * regions (functions/shared/playbook/input.ts, the check the first steps apply too); an event as AWS delivers it is
 * left to the playbook's parser. @throws InvalidInputError naming the field, UsageError for a --dry-run it lacks.
 */
export function checkedInput(
  manifest: PlaybookManifest,
  raw: unknown,
  dryRun: boolean,
  config: GlobalConfig,
): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidInputError('input: must be a JSON object');
  }
  const input = raw as Record<string, unknown>;
  const schema = manifest.input;
  if (!schema || looksLikeEvent(input)) return input;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = closestIssues(parsed.error.issues);
    throw new InvalidInputError(`${formatIssues(new z.ZodError(issues))} (${takesText(manifest, input)})`);
  }
  if (dryRun && !schema.safeParse({ ...input, dryRun: true }).success) {
    throw new UsageError(`--dry-run: ${manifest.name} has no dry run (it takes ${schemaText(schema)})`);
  }
  checkExecutionInput(manifest, input, config);
  return input;
}

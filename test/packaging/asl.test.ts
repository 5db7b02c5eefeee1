import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { functionArn, prepareDefinition } from '../../cli/definition.ts';
import { loadStageConfig, playbooks } from '../../functions/playbooks.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { NoticeNotPublishedError } from '../../functions/shared/steps/playbook-failed/notice.ts';
import { AWS_TRANSIENT_ERRORS, LAMBDA_TRANSIENT_ERRORS, STANDARD_RETRY } from '../../serverless/definition.ts';
import { serviceDeclaration } from '../../serverless/service.ts';

type RetryEntry = { ErrorEquals: string[]; MaxAttempts?: number; MaxDelaySeconds?: number };

const validate = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errors: unknown[] };

const service = serviceDeclaration(loadStageConfig({ stage: 'dev' }), 'dev');
const arnOf = (key: string) => functionArn('us-east-1', '123456789012', 'idp-autopilot', 'dev', key);

describe('state machine definitions', () => {
  it('has one state machine per playbook folder and manifest, and no definition file without its playbook', () => {
    const folders = readdirSync(join(projectRoot, 'functions'), { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && readdirSync(join(projectRoot, 'functions', entry.name)).includes('playbook.ts'),
      )
      .map((entry) => entry.name)
      .sort();
    const files = readdirSync(join(projectRoot, 'state-machines'))
      .map((file) => file.replace(/\.asl\.yaml$/, ''))
      .sort();
    const declared = service.stateMachines.map((machine) => machine.playbook).sort();
    expect(declared).toEqual(folders);
    expect(declared).toEqual(files);
    expect(declared).toEqual(playbooks.map((playbook) => playbook.name).sort());
  });

  it('retries the shared failure notifier more often and with a longer cap than the standard retrier', () => {
    const longestStandardDelay = Math.max(
      ...STANDARD_RETRY.map(
        (entry) =>
          (entry.IntervalSeconds as number) * (entry.BackoffRate as number) ** ((entry.MaxAttempts as number) - 1),
      ),
    );
    const notifiers = service.stateMachines.flatMap((machine) => {
      const byName = statesByName(machine.definition);
      return prepareDefinition(machine.definition, arnOf)
        .tasks.filter((task) => task.functionKey === 'playbookFailed')
        .map((task) => ({
          name: `${machine.playbook}: ${task.state}`,
          retry: byName[task.state].Retry as RetryEntry[],
        }));
    });
    expect(notifiers.length).toBeGreaterThan(0);
    for (const { name, retry } of notifiers) {
      const catchAll = retry.at(-1) as RetryEntry;
      expect(catchAll.ErrorEquals, name).toEqual(['States.ALL']);
      expect(catchAll.MaxAttempts, name).toBeGreaterThan(
        Math.max(...STANDARD_RETRY.map((e) => e.MaxAttempts as number)),
      );
      expect(catchAll.MaxDelaySeconds, name).toBeGreaterThan(longestStandardDelay);
      // What the notifier throws when SNS did not take the notice reaches that entry, not the standard retrier.
      expect(
        retry.slice(0, -1).flatMap((entry) => entry.ErrorEquals),
        name,
      ).not.toContain(NoticeNotPublishedError.name);
    }
  });

  for (const machine of service.stateMachines) {
    describe(machine.playbook, () => {
      it('passes asl-validator with ARNs and JSONPaths checked', () => {
        const { definition } = prepareDefinition(machine.definition, arnOf);
        // asl-validator mutates what it validates.
        const result = validate(structuredClone(definition), { checkArn: true, checkPaths: true });
        expect(result.errors).toEqual([]);
        expect(result.isValid).toBe(true);
      });

      it('names only functions declared in serverless.yml in its Task states', () => {
        const { tasks } = prepareDefinition(machine.definition, arnOf);
        expect(tasks.length).toBeGreaterThan(0);
        for (const task of tasks) expect(Object.keys(service.functions)).toContain(task.functionKey);
      });

      it('retries every Lambda Task with the standard retrier, after its own entries and before a catch-all', () => {
        const { tasks } = prepareDefinition(machine.definition, arnOf);
        const byName = statesByName(machine.definition);
        for (const task of tasks) {
          const retry = byName[task.state].Retry as { ErrorEquals: string[] }[];
          const standardAt = retry.findIndex((entry) => JSON.stringify(entry) === JSON.stringify(STANDARD_RETRY[0]));
          expect(standardAt, task.state).toBeGreaterThanOrEqual(0);
          expect(retry.slice(standardAt, standardAt + STANDARD_RETRY.length), task.state).toEqual(STANDARD_RETRY);
          const catchAll = retry.findIndex((entry) => entry.ErrorEquals.includes('States.ALL'));
          if (catchAll >= 0) expect(catchAll, task.state).toBe(retry.length - 1);
        }
      });

      it('lists in its own Retry entries only errors the standard retrier does not cover', () => {
        const raw = parse(readFileSync(join(projectRoot, machine.definitionFile), 'utf8'));
        const covered = new Set([...LAMBDA_TRANSIENT_ERRORS, ...AWS_TRANSIENT_ERRORS]);
        for (const [name, state] of Object.entries(statesByName(raw))) {
          for (const entry of (state.Retry ?? []) as { ErrorEquals: string[] }[]) {
            expect(
              entry.ErrorEquals.filter((error) => covered.has(error)),
              name,
            ).toEqual([]);
          }
        }
      });

      it('uses JSONPath only and remembers its execution first', () => {
        expect(JSON.stringify(machine.definition)).not.toContain('JSONata');
        const first = (machine.definition.States as Record<string, Record<string, unknown>>)[
          machine.definition.StartAt as string
        ];
        expect(first.Type).toBe('Pass');
        expect(first.ResultPath).toBe('$.execution');
      });
    });
  }
});

/** Every state of a definition by name, Map and Parallel states' inner states included. */
function statesByName(definition: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const found: Record<string, Record<string, unknown>> = {};
  const visit = (states: Record<string, Record<string, unknown>>) => {
    for (const [name, state] of Object.entries(states)) {
      found[name] = state;
      const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Record<string, unknown>> };
      if (processor?.States) visit(processor.States);
      for (const branch of (state.Branches ?? []) as { States: Record<string, Record<string, unknown>> }[])
        visit(branch.States);
    }
  };
  visit(definition.States as Record<string, Record<string, unknown>>);
  return found;
}

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { functionArn, prepareDefinition } from '../../cli/definition.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { serviceDeclaration } from '../../serverless/service.ts';

const validate = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errors: unknown[] };

const service = serviceDeclaration(loadStageConfig({ stage: 'dev' }), 'dev');
const arnOf = (key: string) => functionArn('us-east-1', '123456789012', 'idp-autopilot', 'dev', key);

describe('state machine definitions', () => {
  it('declares at least the foundation playbooks', () => {
    expect(service.stateMachines.map((machine) => machine.playbook)).toEqual(
      expect.arrayContaining(['guardduty-hardening', 'compliance-evaluation']),
    );
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

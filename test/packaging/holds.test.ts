import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { importGraph } from '../support/imports.ts';
import { iamActionsOfFunction } from '../support/source-commands.ts';
import { packagedService } from '../support/template.ts';

// Actions that destroy what a playbook can hold for a case (snapshots, volumes, addresses, groups, instances, images,
// database clusters and snapshots, recovery points, secrets). A function that may send one must consult the hold rule.
const DESTROYS =
  /^(ec2:(DeleteVolume|DeleteSnapshot|ReleaseAddress|DeleteSecurityGroup|TerminateInstances|DeregisterImage)|rds:Delete\w+|backup:DeleteRecoveryPoint|secretsmanager:DeleteSecret)$/;
const HOLDS = 'functions/shared/holds/holds.ts';

describe('the hold rule, in every destructive playbook (the coming ones included)', () => {
  const { service } = packagedService();
  const graph = importGraph(projectRoot, ['functions']);
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean => {
    if (from === target) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return (graph.get(from) ?? []).some((next) => reaches(next, target, seen));
  };

  const destructive = Object.values(service.functions).filter((fn) =>
    [...iamActionsOfFunction(fn.modulePath)].some((action) => DESTROYS.test(action)),
  );

  it('finds the destructive functions it guards (nightly-cleanup deletes)', () => {
    expect(destructive.map((fn) => fn.key)).toContain('cleanupApplyBatch');
  });

  for (const fn of destructive) {
    it(`${fn.key} consults the hold rule before it destroys anything`, () => {
      expect(reaches(fn.modulePath, HOLDS), `${fn.modulePath} never imports ${HOLDS}`).toBe(true);
    });
  }
});

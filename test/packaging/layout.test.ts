import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { importCircles, importGraph } from '../support/imports.ts';

const graph = importGraph(projectRoot, ['functions', 'cli', 'sandbox', 'serverless']);
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const playbookOf = (file: string) => /^functions\/([^/]+)\//.exec(file)?.[1];

describe('the house rules on imports', () => {
  it('reads the whole tree (the rules below would pass on an empty graph)', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(edges.length).toBeGreaterThan(500);
  });

  it('never lets a playbook import another playbook', () => {
    const crossing = edges.filter(({ from, to }) => {
      const [source, target] = [playbookOf(from), playbookOf(to)];
      return source && target && source !== 'shared' && target !== 'shared' && source !== target;
    });
    expect(crossing).toEqual([]);
  });

  it('keeps functions/shared free of any playbook, and Lambda code free of the CLI, the sandbox and the generator', () => {
    const wrong = edges.filter(
      ({ from, to }) =>
        (from.startsWith('functions/shared/') && to.startsWith('functions/') && !to.startsWith('functions/shared/')) ||
        (from.startsWith('functions/') && /^(cli|sandbox|serverless|test|bench)\//.test(to)),
    );
    expect(wrong).toEqual([]);
  });

  it('has no import circle, type-only imports included (the sandbox had two: account -> seed -> ... -> account)', () => {
    expect(importCircles(graph)).toEqual([]);
  });
});

// The sandbox's modules import one another one way only: no import cycle, type-only imports included (a type cycle
// still ties two modules together: neither can be read, moved or reused without the other).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const sandboxDir = join(root, 'sandbox');

/** Every relative module a file names in `import ... from`, `export ... from` or `import('...')`. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm)];
  return specifiers.map((match) => resolve(dirname(file), match[1]));
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The cycles among `files` (each as the list of modules on it, first repeated last); Tarjan's SCCs. */
function importCycles(files: string[]): string[][] {
  const inScope = new Set(files);
  const edges = new Map(files.map((file) => [file, relativeImports(file).filter((to) => inScope.has(to))]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const to of edges.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file)!, index.get(to)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = edges.get(file)?.includes(file);
    if (component.length > 1 || selfImport) cycles.push([...component.reverse(), component[0]]);
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

describe('sandbox module graph', () => {
  it('has no import cycle, type-only imports included', () => {
    const cycles = importCycles(tsFilesUnder(sandboxDir)).map((cycle) =>
      cycle.map((file) => relative(root, file)).join(' -> '),
    );
    expect(cycles).toEqual([]);
  });

  it('finds a cycle made only of type imports (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imports-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.ts';\nexport type A = { b?: B };\n");
      writeFileSync(join(dir, 'b.ts'), "import type { A } from './a.ts';\nexport type B = { a?: A };\n");
      writeFileSync(join(dir, 'c.ts'), "import type { A } from './a.ts';\nexport type C = A;\n");
      const cycles = importCycles(['a.ts', 'b.ts', 'c.ts'].map((name) => join(dir, name)));
      expect(cycles.map((cycle) => cycle.map((file) => relative(dir, file)))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

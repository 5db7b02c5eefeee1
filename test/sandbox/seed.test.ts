// The seed files (sandbox/seed/estate/*.yaml): each one valid on its own and telling which playbooks use it, ids
// unique across them, and the merge a new playbook's file relies on (mappings key by key, lists concatenated).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { duplicateIds, ESTATE_DIR, mergeEstate, readEstateFiles } from '../../sandbox/seed/files.ts';
import { seedState } from '../../sandbox/seed.ts';

const root = join(import.meta.dirname, '..', '..');
const estateDir = join(root, 'sandbox', 'seed', 'estate');
const seedFiles = readdirSync(estateDir).filter((name) => name.endsWith('.yaml'));
const playbooks = readdirSync(join(root, 'functions')).filter((name) =>
  existsSync(join(root, 'functions', name, 'playbook.ts')),
);

/** The playbook names of a file's "Used by:" header lines (`#   name, name: what they use`). */
function usedBy(text: string): string[] {
  const header = text.split('\n').filter((line) => line.startsWith('#'));
  const start = header.findIndex((line) => line.trim() === '# Used by:');
  if (start < 0) return [];
  return header
    .slice(start + 1)
    .map((line) => /^# {3}([^ :][^:]*):/.exec(line)?.[1])
    .filter((names): names is string => names !== undefined)
    .flatMap((names) => names.split(',').map((name) => name.trim()));
}

describe('the seed files', () => {
  it('are read from sandbox/seed/estate/, account.yaml first, and each one passes the file check', () => {
    const files = readEstateFiles(ESTATE_DIR);
    expect(files.map((file) => file.name)).toEqual([
      'account.yaml',
      ...seedFiles.filter((name) => name !== 'account.yaml').sort(),
    ]);
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(seedFiles)('%s starts with a header naming the playbooks that use it', (name) => {
    const text = readFileSync(join(estateDir, name), 'utf8');
    expect(text.startsWith('# ')).toBe(true);
    const names = usedBy(text);
    expect(names.length).toBeGreaterThan(0);
    for (const used of names) expect([...playbooks, 'every playbook', 'no playbook yet']).toContain(used);
  });

  it('name every playbook somewhere, so each playbook finds its slice of the estate', () => {
    const named = new Set(seedFiles.flatMap((name) => usedBy(readFileSync(join(estateDir, name), 'utf8'))));
    expect(playbooks.length).toBeGreaterThan(5);
    expect(playbooks.filter((playbook) => !named.has(playbook))).toEqual([]);
  });

  it('give every id once across all files', () => {
    expect(duplicateIds(readEstateFiles())).toEqual([]);
  });

  it('are all listed in sandbox/README.md', () => {
    const readme = readFileSync(join(root, 'sandbox', 'README.md'), 'utf8');
    expect(seedFiles.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});

describe('merging seed files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const filesIn = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'estate-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const account = 'accountId: "123456789012"\nregions: { us-east-1: {}, us-west-2: {} }\n';
  const volume = (id: string, region = 'us-east-1') =>
    `regions: { ${region}: { ec2: { volumes: [{ VolumeId: ${id}, Size: 8, VolumeType: gp3, CreateTime: 1 days ago }] } } }\n`;

  it('concatenates lists and merges mappings key by key, account.yaml first whatever the names', () => {
    const state = seedState(
      new Date('2025-06-15T12:00:00Z'),
      filesIn({
        'a-west.yaml': volume('vol-02b20000000000009', 'us-west-2'),
        'account.yaml': account,
        'b.yaml': volume('vol-01b20000000000008'),
        'c.yaml': `${volume('vol-01b20000000000009')}global: { s3: { buckets: [{ Name: b, Region: us-east-1 }] } }\n`,
      }),
    );
    expect(Object.keys(state.regions)).toEqual(['us-east-1', 'us-west-2']);
    expect(state.regions['us-east-1'].ec2.volumes.map((v) => v.VolumeId)).toEqual([
      'vol-01b20000000000008',
      'vol-01b20000000000009',
    ]);
    expect(state.regions['us-west-2'].ec2.volumes.map((v) => v.VolumeId)).toEqual(['vol-02b20000000000009']);
    expect(Object.keys(state.global.s3.buckets)).toEqual(['b']);
  });

  it('refuses an id two files give, naming both', () => {
    const files = readEstateFiles(
      filesIn({
        'account.yaml': account,
        'a.yaml': volume('vol-01b20000000000008'),
        'b.yaml': volume('vol-01b20000000000008'),
      }),
    );
    expect(duplicateIds(files)).toEqual(['regions.*.ec2.volumes vol-01b20000000000008 in a.yaml and b.yaml']);
    expect(() => mergeEstate(files)).toThrow(/vol-01b20000000000008 in a.yaml and b.yaml/);
  });

  it('allows a name again in another region, not in the same one', () => {
    const group = (region: string) => `regions: { ${region}: { autoScaling: { groups: [{ name: asg }] } } }\n`;
    const twoRegions = filesIn({ 'account.yaml': account, 'a.yaml': group('us-east-1'), 'b.yaml': group('us-west-2') });
    expect(duplicateIds(readEstateFiles(twoRegions))).toEqual([]);
    const oneRegion = filesIn({ 'account.yaml': account, 'a.yaml': group('us-east-1'), 'b.yaml': group('us-east-1') });
    expect(duplicateIds(readEstateFiles(oneRegion))).toEqual([
      'regions.us-east-1.autoScaling.groups asg in a.yaml and b.yaml',
    ]);
  });

  it('refuses an unknown section, an undeclared region and a value two files disagree on', () => {
    expect(() =>
      readEstateFiles(filesIn({ 'account.yaml': account, 'a.yaml': 'regions: { us-east-1: { cloudWatch: {} } }\n' })),
    ).toThrow(/a\.yaml.*cloudWatch/s);
    expect(() =>
      mergeEstate(
        readEstateFiles(filesIn({ 'account.yaml': account, 'a.yaml': volume('vol-01b20000000000008', 'eu-west-1') })),
      ),
    ).toThrow(/a\.yaml: regions eu-west-1 are not declared in account\.yaml/);
    expect(() =>
      mergeEstate(readEstateFiles(filesIn({ 'account.yaml': account, 'a.yaml': 'accountId: "999999999999"\n' }))),
    ).toThrow(/a\.yaml: accountId is already given another value/);
  });
});

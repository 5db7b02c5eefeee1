// `npm run docs`: the README's playbook catalogue, written from the manifests (functions/<playbook>/playbook.ts):
// what starts each playbook (its EventBridge rules and schedules as they deploy), the input it takes by hand and
// what it does. test/cli/docs.test.ts fails when the README is not what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadStageConfig } from '../functions/playbooks.ts';
import { projectRoot } from '../functions/shared/config/files.ts';
import { type ServiceDecl, serviceDeclaration } from '../serverless/service.ts';
import { schemaText } from './schema-text.ts';

export const CATALOGUE_START = '<!-- catalogue: written by `npm run docs` from the manifests; do not edit by hand -->';
export const CATALOGUE_END = '<!-- end of catalogue -->';

type Json = unknown;

function conditionText(condition: Json): string {
  if (condition && typeof condition === 'object') {
    const [operator, value] = Object.entries(condition)[0] ?? [];
    if (operator === 'numeric' && Array.isArray(value)) return value.join(' ');
    return `${operator} \`${Array.isArray(value) ? value.join(' ') : String(value)}\``;
  }
  return `\`${String(condition)}\``;
}

function leaves(pattern: Json, path: string[] = []): string[] {
  if (Array.isArray(pattern)) return [`${path.join('.')}: ${pattern.map(conditionText).join(', ')}`];
  if (pattern && typeof pattern === 'object') {
    return Object.entries(pattern).flatMap(([key, value]) => leaves(value, [...path, key]));
  }
  return [];
}

/** A rule's pattern in words: `GuardDuty Finding` where detail.severity: >= 7; detail.type: prefix `Backdoor:EC2/`, … */
export function patternText(pattern: Record<string, Json>): string {
  const { source: _source, 'detail-type': detailType, ...rest } = pattern;
  const what = Array.isArray(detailType) ? detailType.join(' / ') : 'event';
  const where = leaves(rest);
  return `${what}${where.length ? ` where ${where.join('; ')}` : ''}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The catalogue table (Markdown) of every playbook of `service`. */
export function catalogueMarkdown(service: ServiceDecl): string {
  const rows = service.stateMachines.map(({ manifest, patterns, schedules }) => {
    const triggers = [
      ...patterns.map(patternText),
      ...schedules.map((schedule) => `schedule \`${schedule.cron}\` ${schedule.timezone}`),
      ...(manifest.input ? ['by hand'] : []),
    ];
    const input = manifest.input ? `\`${schemaText(manifest.input)}\`` : '-';
    return `| \`${manifest.name}\` | ${cell(triggers.join('; '))} | ${cell(input)} | ${cell(manifest.description)} (runbook: ${cell(manifest.runbook)}) |`;
  });
  return ['| playbook | started by | input by hand | what it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** README.md with its catalogue section replaced by what the manifests say. */
export function readmeWithCatalogue(readme: string, service: ServiceDecl): string {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) throw new Error('README.md: the catalogue markers are missing');
  return `${readme.slice(0, start + CATALOGUE_START.length)}\n${catalogueMarkdown(service)}\n${readme.slice(end)}`;
}

if (import.meta.main) {
  const file = join(projectRoot, 'README.md');
  const service = serviceDeclaration(loadStageConfig({ stage: 'dev' }), 'dev');
  writeFileSync(file, readmeWithCatalogue(readFileSync(file, 'utf8'), service));
  console.log(`README.md: catalogue of ${service.stateMachines.length} playbooks written from their manifests`);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from './package-once.ts';

export interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
}

export function packagedTemplate(): { Resources: Record<string, CfnResource> } {
  const root = join(import.meta.dirname, '..', '..');
  return JSON.parse(readFileSync(join(root, PACKAGE_DIR, 'cloudformation-template-update-stack.json'), 'utf8'));
}

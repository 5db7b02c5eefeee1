import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, loadStageConfig } from '../../functions/playbooks.ts';
import { type CfnTemplate, MEMBER_TEMPLATE_FILE } from '../../serverless/member-template.ts';
import { type ServiceDecl, serviceDeclaration } from '../../serverless/service.ts';
import { PACKAGE_CONFIG_FILE, PACKAGE_DIR, PACKAGE_STAGE } from './package-once.ts';

export interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
}

export function packagedTemplate(): { Resources: Record<string, CfnResource> } {
  const root = join(import.meta.dirname, '..', '..');
  return JSON.parse(readFileSync(join(root, PACKAGE_DIR, 'cloudformation-template-update-stack.json'), 'utf8'));
}

/** The member-account template the suite's package wrote beside the stack's (serverless/write-member-template.ts). */
export function packagedMemberTemplate(): CfnTemplate {
  const root = join(import.meta.dirname, '..', '..');
  return JSON.parse(readFileSync(join(root, PACKAGE_DIR, MEMBER_TEMPLATE_FILE), 'utf8'));
}

/** The config and declarations of the stage the suite packaged (test/support/package-once.ts). */
export function packagedService(): { config: Config; service: ServiceDecl } {
  const root = join(import.meta.dirname, '..', '..');
  const config = loadStageConfig({ stage: PACKAGE_STAGE, file: join(root, PACKAGE_CONFIG_FILE) });
  return { config, service: serviceDeclaration(config, PACKAGE_STAGE) };
}

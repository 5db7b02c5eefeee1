// Which AWS SDK commands a function's code can send: follow its relative imports from handler.ts and collect
// every `new XCommand(` with the @aws-sdk client package it was imported from.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** IAM service prefix per SDK client package. */
const iamPrefix: Record<string, string> = {
  'client-auto-scaling': 'autoscaling',
  'client-backup': 'backup',
  'client-ecr': 'ecr',
  'client-ecs': 'ecs',
  'client-eks': 'eks',
  'client-elasticache': 'elasticache',
  'client-health': 'health',
  'client-inspector2': 'inspector2',
  'client-organizations': 'organizations',
  'client-rds': 'rds',
  'client-rds-data': 'rds-data',
  'client-route-53': 'route53',
  'client-securityhub': 'securityhub',
  'client-servicediscovery': 'servicediscovery',
  'client-cloudwatch': 'cloudwatch',
  'client-config-service': 'config',
  'client-cost-explorer': 'ce',
  'client-ec2': 'ec2',
  'client-elastic-load-balancing-v2': 'elasticloadbalancing',
  'client-eventbridge': 'events',
  'client-guardduty': 'guardduty',
  'client-iam': 'iam',
  'client-s3': 's3',
  'client-secrets-manager': 'secretsmanager',
  'client-sfn': 'states',
  'client-sns': 'sns',
  'client-ssm': 'ssm',
  'client-sts': 'sts',
};

/** Commands whose IAM action is not named like the command. */
const actionOverrides: Record<string, string> = {
  's3:ListObjectsV2': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:HeadBucket': 's3:ListBucket',
};

/** Permissions AWS checks besides the command's own: tagging on create, and passing a role to an instance. */
const impliedActions: Record<string, { action: string; when?: RegExp }[]> = {
  'ec2:CreateSnapshot': [{ action: 'ec2:CreateTags', when: /TagSpecifications/ }],
  'ec2:CreateSnapshots': [{ action: 'ec2:CreateTags', when: /TagSpecifications/ }],
  'ec2:CreateSecurityGroup': [{ action: 'ec2:CreateTags', when: /TagSpecifications/ }],
  'ec2:AssociateIamInstanceProfile': [{ action: 'iam:PassRole' }],
  'ec2:ReplaceIamInstanceProfileAssociation': [{ action: 'iam:PassRole' }],
  'securityhub:EnableSecurityHub': [{ action: 'iam:CreateServiceLinkedRole' }],
};

function sourceFiles(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  // Type-only imports bring no code into the bundle.
  for (const match of text.matchAll(/(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.{1,2}\/[^']+\.ts)'/g)) {
    if (!match[1]) sourceFiles(resolve(dirname(entry), match[2]), seen);
  }
  return seen;
}

// Every handler carries an audit trail, but only code that records an action sends PutEvents.
const AUDIT_MODULE = join(root, 'functions/shared/audit/audit.ts');
const RECORDS_ACTIONS = /\baudit\.record(Many)?\(/;
// Every client factory can assume a member role, but only code that names an account for a client does.
const ACCOUNTS_MODULE = join(root, 'functions/shared/aws/accounts.ts');
// (The client factory's option `awsClient(EC2Client, region, { account })`, or the read clients of an account.)
const NAMES_ACCOUNTS = /awsClient\([^)]*\{\s*account\b|readClientsIn\([^)]*,/;
// Every handler can read the member role's external ID, but only code acting in member accounts does; other
// secret reads (notifications) come through another import of the secrets module.
const HANDLER_MODULE = join(root, 'functions/shared/handler/handler.ts');
const SECRETS_MODULE = join(root, 'functions/shared/notify/secrets.ts');
const IMPORTS_SECRETS = /from\s+'[^']*\bsecrets\.ts'/;

export function iamActionsOfFunction(modulePath: string): Set<string> {
  const actions = new Set<string>();
  const files = sourceFiles(join(root, modulePath));
  const records = [...files].some((file) => RECORDS_ACTIONS.test(readFileSync(file, 'utf8')));
  const namesAccounts = [...files].some(
    (file) => file !== ACCOUNTS_MODULE && NAMES_ACCOUNTS.test(readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '')),
  );
  const readsSecrets =
    namesAccounts ||
    [...files].some((file) => file !== HANDLER_MODULE && IMPORTS_SECRETS.test(readFileSync(file, 'utf8')));
  for (const file of files) {
    if (file === AUDIT_MODULE && !records) continue;
    if (file === ACCOUNTS_MODULE && !namesAccounts) continue;
    if (file === SECRETS_MODULE && !readsSecrets) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[\w-]+)'/g)) {
      const prefix = iamPrefix[match[2]];
      if (!prefix)
        throw new Error(`${file}: no IAM prefix known for @aws-sdk/${match[2]} (add it to source-commands.ts)`);
      for (const imported of match[1].split(',')) {
        const name = imported
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0];
        if (!name.endsWith('Command') || !new RegExp(`new\\s+${name}\\(`).test(text)) continue;
        const action = `${prefix}:${name.replace(/Command$/, '')}`;
        actions.add(actionOverrides[action] ?? action);
        for (const implied of impliedActions[action] ?? []) {
          if (!implied.when || implied.when.test(text)) actions.add(implied.action);
        }
      }
    }
  }
  return actions;
}

// IAM statement builders for manifests: a step's statements sit beside its code, as each Cloud Custodian action
// declares its permissions. Resources are CloudFormation values: `Fn::Sub` strings may name the stack's own
// resources (`${ReportsBucket}` is the bucket's name, `${NotificationTopic}` the topic's ARN).
// The home stack's own resources (reports bucket, topic, audit bus, idp-autopilot secrets and parameters, anything in
// the stack's region) come from the builders below, which mark them; a statement on them is home-only and never goes
// into the member-role template (serverless/member-template.ts). The mark is not enumerable: CloudFormation never
// sees it.

/** The stack's region inside an `Fn::Sub` string (the home region, where the topic, bus and secrets are). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder, not a JS template
export const HOME_REGION = '${AWS::Region}';

/** A CloudFormation value that yields a string (an ARN). */
export type IamResource = string | { 'Fn::Sub': string } | { Ref: string } | { 'Fn::GetAtt': [string, string] };

/** One IAM policy statement as CloudFormation takes it. */
export interface IamStatement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: IamResource | IamResource[];
  Condition?: Record<string, Record<string, unknown>>;
}

const HOME = 'autopilotHomeOnly';

function markHome<T extends object>(value: T): T {
  Object.defineProperty(value, HOME, { value: true, enumerable: false });
  return value;
}
const markedHome = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as Record<string, unknown>)[HOME] === true;

/**
 * Marks a statement as sent from the home account only, on whatever resource (Organizations asked from home, the
 * member role assumed): it stays out of the member-role template. Returns the same statement.
 */
export function atHome(statement: IamStatement): IamStatement {
  return markHome(statement);
}

/** True for a statement on the home stack's own resources or marked with `atHome`. */
export const isHomeOnly = (statement: IamStatement): boolean => markedHome(statement);

/** True for a resource one of the home builders made (the stack's own resources). */
export const isHomeResource = (resource: IamResource): boolean => markedHome(resource);

/**
 * Allows `actions` on `resource` (one or several), optionally under a condition. A statement whose resources all
 * come from the home builders is home-only. @throws Error when it mixes home resources with others (split it: the
 * member-role template takes statements whole).
 */
export function allow(
  actions: string[],
  resource: IamResource | IamResource[],
  condition?: IamStatement['Condition'],
): IamStatement {
  const statement: IamStatement = {
    Effect: 'Allow',
    Action: actions,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
  };
  const resources = Array.isArray(resource) ? resource : [resource];
  const home = resources.filter(isHomeResource).length;
  if (home === 0) return statement;
  if (home < resources.length)
    throw new Error(`IAM statement on ${actions.join(', ')} mixes the home stack's resources with others: split it`);
  return markHome(statement);
}

/**
 * The ARN of resources in the stack's account: `arn:aws:<service>:<region>:<account>:<path>`, any region unless
 * given. In a member-role template the account is the member's. `HOME_REGION` (the stack's region) makes it a home
 * resource: only the home stack has a region of its own.
 */
export function inAccount(service: string, path: string, region = '*'): IamResource {
  const resource = { 'Fn::Sub': `arn:aws:${service}:${region}:\${AWS::AccountId}:${path}` };
  return region === HOME_REGION ? markHome(resource) : resource;
}

/** The reports bucket itself (for s3:ListBucket). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder, not a JS template
export const reportsBucket: IamResource = markHome({ 'Fn::Sub': 'arn:aws:s3:::${ReportsBucket}' });

/** Objects under a prefix of the reports bucket (`reports/*`, `work/nightly-cleanup/*`, `cases/*`). */
export function reportsObjects(prefix: string): IamResource {
  return markHome({ 'Fn::Sub': `arn:aws:s3:::\${ReportsBucket}/${prefix}` });
}

/** The stack's notification topic. */
export const notificationTopic: IamResource = markHome({ Ref: 'NotificationTopic' });

/** s3:ListBucket on the reports bucket, limited to keys under `prefix` (a pattern such as `work/x/*`). */
export function listReports(prefix: string): IamStatement {
  return allow(['s3:ListBucket'], reportsBucket, { StringLike: { 's3:prefix': [prefix] } });
}

/** The audit trail: PutEvents on the home region's default bus. */
export const auditTrail: IamStatement = allow(
  ['events:PutEvents'],
  inAccount('events', 'event-bus/default', HOME_REGION),
);

/** Secret references of config (functions/shared/config/primitives.ts SecretRef): only under idp-autopilot prefixes. */
export const readConfigSecrets: IamStatement[] = [
  allow(['ssm:GetParameter'], inAccount('ssm', 'parameter/idp-autopilot/*', HOME_REGION)),
  allow(['secretsmanager:GetSecretValue'], inAccount('secretsmanager', 'secret:idp-autopilot/*', HOME_REGION)),
];

/** Notifications: the stack's topic, and the secrets of Slack and PagerDuty (only under the idp-autopilot prefixes). */
export const notifyOnly: IamStatement[] = [allow(['sns:Publish'], notificationTopic), ...readConfigSecrets];

/** A report in the bucket under reports/, then notifications. */
export const publishReport: IamStatement[] = [allow(['s3:PutObject'], reportsObjects('reports/*')), ...notifyOnly];

/**
 * Organizations, asked from the home account (the management account or a delegated administrator): is an account
 * under the configured OUs, and active? (functions/shared/accounts/judge.ts)
 */
export const accountMembership: IamStatement = atHome(
  allow(
    ['organizations:ListParents', 'organizations:DescribeAccount'],
    ['arn:aws:organizations::*:account/o-*/*', 'arn:aws:organizations::*:ou/o-*/ou-*'],
  ),
);
/** The locks on changed targets (functions/shared/claims/locks.ts): take, read, let go and list them. */
export const lockObjects: IamStatement[] = [
  allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], reportsObjects('locks/*')),
  listReports('locks/*'),
];

// IAM statement builders for manifests: a step's statements sit beside its code, as each Cloud Custodian action
// declares its permissions. Resources are CloudFormation values: `Fn::Sub` strings may name the stack's own
// resources (`${ReportsBucket}` is the bucket's name, `${NotificationTopic}` the topic's ARN).

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

/** Allows `actions` on `resource` (one or several), optionally under a condition. */
export function allow(
  actions: string[],
  resource: IamResource | IamResource[],
  condition?: IamStatement['Condition'],
): IamStatement {
  return { Effect: 'Allow', Action: actions, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

/**
 * The ARN of resources in the stack's account: `arn:aws:<service>:<region>:<account>:<path>`, any region unless
 * given (`${AWS::Region}` for the home region).
 */
export function inAccount(service: string, path: string, region = '*'): IamResource {
  return { 'Fn::Sub': `arn:aws:${service}:${region}:\${AWS::AccountId}:${path}` };
}

/** The reports bucket itself (for s3:ListBucket). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder, not a JS template
export const reportsBucket: IamResource = { 'Fn::Sub': 'arn:aws:s3:::${ReportsBucket}' };

/** Objects under a prefix of the reports bucket (`reports/*`, `work/nightly-cleanup/*`, `cases/*`). */
export function reportsObjects(prefix: string): IamResource {
  return { 'Fn::Sub': `arn:aws:s3:::\${ReportsBucket}/${prefix}` };
}

/** s3:ListBucket on the reports bucket, limited to keys under `prefix` (a pattern such as `work/x/*`). */
export function listReports(prefix: string): IamStatement {
  return allow(['s3:ListBucket'], reportsBucket, { StringLike: { 's3:prefix': [prefix] } });
}

/** The audit trail: PutEvents on the home region's default bus. */
export const auditTrail: IamStatement = allow(
  ['events:PutEvents'],
  inAccount('events', 'event-bus/default', HOME_REGION),
);

/** Notifications: the stack's topic, and the secrets of Slack and PagerDuty (only under the idp-autopilot prefixes). */
/** Secret references of config (functions/shared/config/primitives.ts SecretRef): only under idp-autopilot prefixes. */
export const readConfigSecrets: IamStatement[] = [
  allow(['ssm:GetParameter'], inAccount('ssm', 'parameter/idp-autopilot/*', HOME_REGION)),
  allow(['secretsmanager:GetSecretValue'], inAccount('secretsmanager', 'secret:idp-autopilot/*', HOME_REGION)),
];

export const notifyOnly: IamStatement[] = [allow(['sns:Publish'], { Ref: 'NotificationTopic' }), ...readConfigSecrets];

/** A report in the bucket under reports/, then notifications. */
export const publishReport: IamStatement[] = [allow(['s3:PutObject'], reportsObjects('reports/*')), ...notifyOnly];

/** The locks on changed targets (functions/shared/claims/locks.ts): take, read, let go and list them. */
export const lockObjects: IamStatement[] = [
  allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], reportsObjects('locks/*')),
  listReports('locks/*'),
];

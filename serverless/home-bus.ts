// The home account's default bus accepts the events the member-account template forwards (serverless/
// member-template.ts): from the organization's accounts (aws:PrincipalOrgID) when config names an organization, and
// from the listed member accounts; nothing when no member account is configured. Only events of the forwarded
// sources (AWS services': no caller can put those itself), so a member cannot forge autopilot's own events. serverless.yml adds these
// resources through serverless/home-bus.cjs.
import type { Config } from '../functions/playbooks.ts';
import { ConfigError } from '../functions/shared/errors/errors.ts';

/** One AWS::Events::EventBusPolicy statement as CloudFormation takes it. */
interface BusStatement {
  Effect: 'Allow';
  Principal: '*' | { AWS: string[] };
  Action: 'events:PutEvents';
  Resource: { 'Fn::Sub': string };
  Condition: Record<string, Record<string, string | string[]>>;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder
const HOME_BUS = { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' };

const busPolicy = (statementId: string, statement: BusStatement) => ({
  Type: 'AWS::Events::EventBusPolicy',
  Properties: { EventBusName: 'default', StatementId: statementId, Statement: statement },
});

/**
 * The EventBusPolicy resources of the stage's home stack: `HomeBusAcceptsOrganization` (any principal whose
 * aws:PrincipalOrgID is accounts.organization.id) and `HomeBusAcceptsMembers` (the listed accounts, exempt ones
 * included: their findings are recognised and reported), each for events whose every entry has one of `sources`
 * (events:source, ForAllValues as PutEvents carries several entries; member-template.ts forwardedSources).
 * Statement ids carry the stage (one bus, several stages).
 * @throws ConfigError when accounts.organization is set without its id.
 */
export function homeBusPolicy(
  config: Pick<Config, 'accounts'>,
  stage: string,
  sources: string[],
): { Resources: Record<string, unknown> } {
  const { organization, members } = config.accounts;
  const Resources: Record<string, unknown> = {};
  const ofSources = { 'ForAllValues:StringEquals': { 'events:source': sources } };
  if (organization) {
    if (!organization.id)
      throw new ConfigError(
        "config: accounts.organization.id: required to package (the home bus accepts the organization's events)",
      );
    Resources.HomeBusAcceptsOrganization = busPolicy(`idp-autopilot-${stage}-organization`, {
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: HOME_BUS,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organization.id }, ...ofSources },
    });
  }
  const accounts = [...new Set(members.map((member) => member.id))].sort();
  if (accounts.length) {
    Resources.HomeBusAcceptsMembers = busPolicy(`idp-autopilot-${stage}-members`, {
      Effect: 'Allow',
      Principal: { AWS: accounts.map((id) => `arn:aws:iam::${id}:root`) },
      Action: 'events:PutEvents',
      Resource: HOME_BUS,
      Condition: ofSources,
    });
  }
  return { Resources };
}

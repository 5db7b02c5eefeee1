// The compliance-evaluation playbook: Security Operations: compliance checks.
import { allow, auditTrail, inAccount, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook, scheduleOf } from '../shared/playbook/manifest.ts';
import { PlanInput } from '../shared/steps/plan-regions/plan.ts';
import { ComplianceEvaluation } from './config.ts';

/** Security Hub's actions take the region's hub as their resource. */
const securityHub = inAccount('securityhub', 'hub/default');
const workFiles = reportsObjects('work/compliance-evaluation/*');

export default definePlaybook({
  name: 'compliance-evaluation',
  purpose:
    "The runbook's three compliance checks with AWS's own services: AWS Config rules, Security Hub's CIS AWS Foundations Benchmark, ECR image vulnerabilities (Inspector or ECR scanning); one report of what changed",
  description:
    "the runbook's compliance checks without a laptop, read in parallel per region (a reading that fails becomes a note, never a failed run): StartConfigRulesEvaluation for every active rule (25 per call), wait and poll, non-compliant rules; `prowler -g cis_level2` as Security Hub's CIS AWS Foundations Benchmark (GetEnabledStandards, then GetFindings FAILED, active, not suppressed, paginated): per control its CIS recommendations, severity, failing resources and how long it has failed (Security Hub off or the standard not enabled: the report says how to enable it; enabled only where config says `cis.enable`, it costs money); `trivy image --severity HIGH,CRITICAL idp-api:latest` as the tag's newest digest (DescribeImages) and its vulnerabilities from Amazon Inspector (ListFindings by repository, tag, digest, severity) or ECR basic scanning where Inspector is off (DescribeImageScanFindings), per image counts by severity and CVEs with their fixed-in versions; exemptions per control or CVE with a reason and an expiry (expired ones reported and counted again); one JSON + HTML report of new and fixed failures against the previous run (reports/compliance-evaluation/latest.json, replaced with a conditional write): SEV3 for a new CRITICAL vulnerability or a newly failing CIS control of HIGH or worse, SEV4 for other changes, nothing sent when nothing changed; a dry run starts and enables nothing, sends nothing and keeps the previous results",
  runbook: 'Security Operations: compliance checks',
  configKey: 'complianceEvaluation',
  config: ComplianceEvaluation,
  input: PlanInput,
  example: { input: { regions: ['us-east-1'] } },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.schedule),
  },
  steps: {
    configStartEvaluation: {
      folder: 'start-evaluation',
      description: "Starts an evaluation of the region's active AWS Config rules",
      iam: [
        allow(['config:DescribeConfigRules'], '*'),
        allow(['config:StartConfigRulesEvaluation'], inAccount('config', 'config-rule/*')),
        auditTrail,
      ],
    },
    configReadCompliance: {
      folder: 'read-compliance',
      description: 'Reads evaluation status and compliance of the started Config rules',
      iam: [allow(['config:DescribeConfigRuleEvaluationStatus', 'config:DescribeComplianceByConfigRule'], '*')],
    },
    cisReadBenchmark: {
      folder: 'read-cis',
      description: "Reads the region's CIS benchmark standards and failing controls from Security Hub",
      timeout: 300,
      iam: [
        allow(['securityhub:GetEnabledStandards', 'securityhub:GetFindings'], securityHub),
        allow(['s3:PutObject'], workFiles),
      ],
    },
    cisEnableStandards: {
      folder: 'enable-cis',
      description: 'Enables Security Hub and the CIS benchmark standards where config says enable',
      iam: [
        allow(
          ['securityhub:EnableSecurityHub', 'securityhub:BatchEnableStandards', 'securityhub:GetEnabledStandards'],
          securityHub,
        ),
        // Enabling Security Hub creates its service-linked role the first time.
        allow(
          ['iam:CreateServiceLinkedRole'],
          inAccount('iam', 'role/aws-service-role/securityhub.amazonaws.com/AWSServiceRoleForSecurityHub', ''),
          { StringEquals: { 'iam:AWSServiceName': 'securityhub.amazonaws.com' } },
        ),
        auditTrail,
      ],
    },
    imagesReadVulnerabilities: {
      folder: 'read-images',
      description: 'Reads the vulnerabilities of the configured ECR images from Inspector or ECR scanning',
      timeout: 300,
      iam: ({ settings }) => {
        const repositories = [...new Set(settings.images.repositories.map((r) => r.name))];
        return [
          allow(['inspector2:BatchGetAccountStatus', 'inspector2:ListFindings'], '*'),
          ...(repositories.length
            ? [
                allow(
                  ['ecr:DescribeImages', 'ecr:DescribeImageScanFindings'],
                  repositories.map((name) => inAccount('ecr', `repository/${name}`)),
                ),
              ]
            : []),
          allow(['s3:PutObject'], workFiles),
        ];
      },
    },
    complianceReport: {
      folder: 'report',
      description: 'Compares with the previous run, writes the compliance report and notifies when something changed',
      iam: [
        allow(['s3:GetObject'], [workFiles, reportsObjects('reports/compliance-evaluation/latest.json')]),
        ...publishReport,
      ],
    },
  },
});

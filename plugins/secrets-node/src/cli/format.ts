import type { SecretsReport, Severity } from '@ameideio/plugin-secrets-common';
import {
  fingerprintOf,
  type FindingGroup,
  groupFindings,
} from '../analyze/grouping';

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** The report's findings, one per location: findings that differ only by environment are one group. */
const groupsOf = (report: SecretsReport): FindingGroup[] =>
  groupFindings(report.findings, report.environments);

/** The message with the environments of the group, when it does not name them itself. */
function messageOf(g: FindingGroup): string {
  if (g.environments.length < 2 || g.message !== g.finding.message)
    return g.message;
  return `${g.message} Environments: ${g.environments.join(', ')}.`;
}

/**
 * SARIF 2.1.0 for code scanning: one rule per finding type, one result per
 * location (a finding repeated in several environments is one result
 * listing them), located at file:line. The partial fingerprint depends on
 * neither the environment nor the line, so an alert keeps its identity
 * when lines move or environments are added; the engine's per-environment
 * finding ids are in the result's properties.
 * @public
 */
export function toSarif(report: SecretsReport, toolVersion = '0.1.0'): object {
  const types = [...new Set(report.findings.map(f => f.type))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'secrets-guardrails',
            version: toolVersion,
            informationUri:
              'https://github.com/ameideio/backstage-secrets-suite',
            rules: types.map(t => ({
              id: t,
              name: t.replace(/(^|-)(\w)/g, (_m, _d, c: string) =>
                c.toUpperCase(),
              ),
              shortDescription: { text: t.replace(/-/g, ' ') },
            })),
          },
        },
        results: groupsOf(report).map(g => {
          const f = g.finding;
          return {
            ruleId: f.type,
            level: sarifLevel[f.severity],
            message: {
              text: `${messageOf(g)} Fix: ${g.proposedFix.actions.join(' ')}`,
            },
            partialFingerprints: { 'secretsFinding/v1': fingerprintOf(f) },
            ...(f.sourceRef?.file
              ? {
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: { uri: f.sourceRef.file },
                        ...(f.sourceRef.line
                          ? { region: { startLine: f.sourceRef.line } }
                          : {}),
                      },
                    },
                  ],
                }
              : {}),
            properties: {
              environments: g.environments,
              release: f.release,
              entityRef: f.entityRef,
              findingIds: g.findings.map(x => x.id),
            },
          };
        }),
      },
    ],
  };
}

function line(g: FindingGroup, implicit: boolean): string {
  const f = g.finding;
  const where = f.sourceRef?.file
    ? `${f.sourceRef.file}${f.sourceRef.line ? `:${f.sourceRef.line}` : ''}`
    : '';
  // the implicit environment of a repository that names none goes unsaid
  const envs = implicit ? '' : g.environments.join(',');
  const scope = [f.release, envs].filter(Boolean).join('@');
  const fix = g.proposedFix.command
    ? `\n      fix: ${g.proposedFix.command.split('\n').join('\n           ')}`
    : `\n      fix: ${g.proposedFix.actions[0] ?? g.proposedFix.title}`;
  return `  ${f.severity.toUpperCase().padEnd(7)} ${f.type} ${
    scope ? `[${scope}] ` : ''
  }${where}\n      ${g.message}${fix}`;
}

/**
 * Human-readable report for terminals and CI logs: one entry per location,
 * listing the environments where the finding holds.
 * @public
 */
export function formatText(report: SecretsReport): string {
  const groups = groupsOf(report);
  const count = (s: Severity) =>
    groups.filter(g => g.finding.severity === s).length;
  const implicit = report.environmentSource === 'implicit';
  const out = [
    `secrets-guardrails: ${report.externalSecrets.length} ExternalSecrets in ${
      report.releases.length
    } releases, ${report.environments.length} environments${
      implicit ? ' (the repository names none: analysed as one)' : ''
    }`,
    report.fixtureMap.present
      ? `fixture map: ${report.fixtureMap.files.join(', ')}`
      : 'fixture map: none found (coverage not applicable)',
    '',
    ...(groups.length ? [...groups.map(g => line(g, implicit)), ''] : []),
    `${count('error')} error(s), ${count('warning')} warning(s), ${count(
      'info',
    )} info${
      groups.length < report.findings.length
        ? ` (${report.findings.length} findings across environments)`
        : ''
    }`,
  ];
  return out.join('\n');
}

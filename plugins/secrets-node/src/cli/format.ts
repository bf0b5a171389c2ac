import type {
  Finding,
  SecretsReport,
  Severity,
} from '@ameideio/plugin-secrets-common';

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * SARIF 2.1.0 for code scanning: one rule per finding type, one result per
 * finding, located at file:line.
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
        results: report.findings.map(f => ({
          ruleId: f.type,
          level: sarifLevel[f.severity],
          message: {
            text: `${f.message} Fix: ${f.proposedFix.actions.join(' ')}`,
          },
          partialFingerprints: { secretsFindingId: f.id },
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
            environment: f.environment,
            release: f.release,
            entityRef: f.entityRef,
          },
        })),
      },
    ],
  };
}

function line(f: Finding): string {
  const where = f.sourceRef?.file
    ? `${f.sourceRef.file}${f.sourceRef.line ? `:${f.sourceRef.line}` : ''}`
    : '';
  const scope = [f.release, f.environment].filter(Boolean).join('@');
  const fix = f.proposedFix.command
    ? `\n      fix: ${f.proposedFix.command.split('\n').join('\n           ')}`
    : `\n      fix: ${f.proposedFix.actions[0] ?? f.proposedFix.title}`;
  return `  ${f.severity.toUpperCase().padEnd(7)} ${f.type} ${
    scope ? `[${scope}] ` : ''
  }${where}\n      ${f.message}${fix}`;
}

/** Human-readable report for terminals and CI logs. @public */
export function formatText(report: SecretsReport): string {
  const count = (s: Severity) =>
    report.findings.filter(f => f.severity === s).length;
  const out = [
    `secrets-guardrails: ${report.externalSecrets.length} ExternalSecrets in ${report.releases.length} releases, ${report.environments.length} environments`,
    report.fixtureMap.present
      ? `fixture map: ${report.fixtureMap.files.join(', ')}`
      : 'fixture map: none found (coverage not applicable)',
    '',
    ...(report.findings.length ? [...report.findings.map(line), ''] : []),
    `${count('error')} error(s), ${count('warning')} warning(s), ${count(
      'info',
    )} info`,
  ];
  return out.join('\n');
}

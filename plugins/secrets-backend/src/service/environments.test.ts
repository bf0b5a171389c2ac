import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { joinEnvironments } from './environments';

const report = (r: Partial<SecretsReport>): SecretsReport => ({
  generatedAt: '2026-01-01T00:00:00Z',
  environments: [],
  releases: [],
  externalSecrets: [],
  coverage: [],
  findings: [],
  fixtureMap: { present: false, files: [] },
  stats: { files: 0, charts: 0, durationMs: 0 },
  ...r,
});

describe('joinEnvironments', () => {
  it("follows the report's fixture and production environments", () => {
    expect(
      joinEnvironments(
        {},
        report({
          environments: ['homelab'],
          fixtureEnvironments: [],
          productionEnvironments: [],
        }),
      ),
    ).toStrictEqual({ fixtureEnvironments: [], productionEnvironments: [] });
    expect(
      joinEnvironments(
        {},
        report({
          environments: ['ci', 'prod-eu'],
          fixtureEnvironments: ['ci'],
          productionEnvironments: ['prod-eu'],
        }),
      ),
    ).toStrictEqual({
      fixtureEnvironments: ['ci'],
      productionEnvironments: ['prod-eu'],
    });
  });

  it('configuration wins', () => {
    expect(
      joinEnvironments(
        { fixtureEnvironments: ['kind'], productionEnvironments: ['live'] },
        report({ fixtureEnvironments: ['ci'], productionEnvironments: [] }),
      ),
    ).toStrictEqual({
      fixtureEnvironments: ['kind'],
      productionEnvironments: ['live'],
    });
  });

  it('a report of an older engine keeps its assumptions, limited to its environments', () => {
    expect(
      joinEnvironments({}, report({ environments: ['dev', 'staging'] })),
    ).toStrictEqual({
      fixtureEnvironments: ['dev'],
      productionEnvironments: [],
    });
  });
});

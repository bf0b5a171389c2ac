import type { Finding, SecretsReport } from '@ameideio/plugin-secrets-common';
import {
  formatScores,
  inClean,
  matches,
  overallRecall,
  parseExpected,
  scoreRepo,
} from './score';
import { raisable } from './thresholds';

const finding = (over: Partial<Finding> & Pick<Finding, 'type'>): Finding => ({
  id: Math.random().toString(36).slice(2),
  severity: 'error',
  message: 'm',
  subject: { kind: 'Secret', name: 'db' },
  proposedFix: { title: 't', actions: [] },
  ...over,
});

const report = (findings: Finding[]): SecretsReport => ({
  generatedAt: '2026-01-01T00:00:00.000Z',
  environments: [],
  releases: [],
  externalSecrets: [],
  coverage: [],
  findings,
  fixtureMap: { present: false, files: [] },
  stats: { files: 0, charts: 0, durationMs: 0 },
});

const EXPECTED = `
repository: demo
findings:
  - id: db-missing
    type: missing-producer
    subject: { kind: Secret, name: db }
    environment: dev
    file: app/deployment.yaml
    why: nothing produces db in dev.
  - id: key-literal
    type: inline-credential
    subject: { name: legacy, property: password }
    file: legacy/secret.yaml
    why: literal password.
clean:
  - healthy/
  - app/values.yaml
`;

describe('parseExpected', () => {
  it('reads findings and clean paths', () => {
    const e = parseExpected(EXPECTED);
    expect(e.repository).toBe('demo');
    expect(e.findings.map(f => f.id)).toEqual(['db-missing', 'key-literal']);
    expect(e.clean).toEqual(['healthy/', 'app/values.yaml']);
  });

  it('refuses unknown finding types, unknown fields and duplicate ids', () => {
    expect(() =>
      parseExpected(EXPECTED.replace('missing-producer', 'no-such-type')),
    ).toThrow(/unknown finding type "no-such-type"/);
    expect(() =>
      parseExpected(
        EXPECTED.replace(
          '    why: literal',
          '    severity: error\n    why: literal',
        ),
      ),
    ).toThrow(/unknown field "severity"/);
    expect(() =>
      parseExpected(EXPECTED.replace('key-literal', 'db-missing')),
    ).toThrow(/duplicate id/);
  });
});

describe('matches', () => {
  const [dbMissing, literal] = parseExpected(EXPECTED).findings;

  it('needs type and subject name, and the environment when given', () => {
    expect(
      matches(
        finding({ type: 'missing-producer', environment: 'dev' }),
        dbMissing,
      ),
    ).toBe(true);
    expect(
      matches(
        finding({ type: 'missing-producer', environment: 'prod' }),
        dbMissing,
      ),
    ).toBe(false);
    expect(
      matches(
        finding({ type: 'duplicate-owner', environment: 'dev' }),
        dbMissing,
      ),
    ).toBe(false);
  });

  it('checks kind and property only when the expectation names them', () => {
    const f = finding({
      type: 'inline-credential',
      subject: { kind: 'Secret', name: 'legacy', property: 'password' },
    });
    expect(matches(f, literal)).toBe(true);
    expect(
      matches({ ...f, subject: { ...f.subject, property: 'token' } }, literal),
    ).toBe(false);
    expect(
      matches(
        finding({
          type: 'missing-producer',
          environment: 'dev',
          subject: { kind: 'VaultKey', name: 'db' },
        }),
        dbMissing,
      ),
    ).toBe(false);
  });
});

describe('inClean', () => {
  it('matches folders by prefix and files exactly', () => {
    const clean = ['healthy/', 'app/values.yaml'];
    expect(inClean('healthy/x/secret.yaml', clean)).toBe(true);
    expect(inClean('app/values.yaml', clean)).toBe(true);
    expect(inClean('app/values.yaml.bak', clean)).toBe(false);
    expect(inClean('healthy-not/x.yaml', clean)).toBe(false);
    expect(inClean(undefined, clean)).toBe(false);
  });
});

describe('scoreRepo', () => {
  it('computes recall, false errors on clean paths and unexpected findings', () => {
    const expected = parseExpected(EXPECTED);
    const score = scoreRepo(
      report([
        // seeded, found twice (two findings of one seeded problem count once)
        finding({ type: 'missing-producer', environment: 'dev' }),
        finding({
          type: 'missing-producer',
          environment: 'dev',
          sourceRef: { file: 'healthy/deployment.yaml' },
        }),
        // an error on a clean path that is no seeded problem
        finding({
          type: 'unserved-store',
          subject: { kind: 'SecretStore', name: 'vault' },
          sourceRef: { file: 'healthy/es.yaml', line: 3 },
        }),
        // an error elsewhere, and a warning
        finding({ type: 'invalid-yaml', sourceRef: { file: 'other.yaml' } }),
        finding({ type: 'remote-ref-convention', severity: 'warning' }),
      ]),
      expected,
    );
    expect(score.seeded).toBe(2);
    expect(score.found).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.missed.map(m => m.id)).toEqual(['key-literal']);
    expect(score.falseErrors.map(f => f.type)).toEqual(['unserved-store']);
    expect(score.unexpectedErrors.map(f => f.type)).toEqual([
      'unserved-store',
      'invalid-yaml',
    ]);
    expect(score.unexpectedWarnings).toHaveLength(1);
    expect(score.totalFindings).toBe(5);
    // no environments declared: one implicit environment, the second name is extra
    expect(score.extraEnvironments).toEqual([]);
    const envs = scoreRepo(
      report([
        finding({ type: 'invalid-yaml', environment: 'dev' }),
        finding({ type: 'invalid-yaml', environment: 'local' }),
      ]),
      expected,
    );
    expect(envs.extraEnvironments).toEqual(['local']);
    expect(
      scoreRepo(
        report([
          finding({ type: 'invalid-yaml', environment: 'dev' }),
          finding({ type: 'invalid-yaml', environment: 'local' }),
        ]),
        { ...expected, environments: ['dev', 'prod'] },
      ).extraEnvironments,
    ).toEqual(['local']);
    expect(overallRecall([score, { ...score, seeded: 2, found: 2 }])).toBe(
      0.75,
    );
    const table = formatScores([score], true);
    expect(table).toContain('demo');
    expect(table).toContain('missed       inline-credential legacy');
    expect(table).toContain(
      'false error  unserved-store vault  healthy/es.yaml:3',
    );
  });
});

describe('raisable', () => {
  it('names repositories doing better than their thresholds', () => {
    const t = {
      goal: { minOverallRecall: 0.95, maxFalseErrorsOnClean: 0 },
      minOverallRecall: 0.2,
      repositories: { a: { minRecall: 0.2, maxFalseErrorsOnClean: 3 } },
    };
    expect(
      raisable(t, [
        { repository: 'a', recall: 0.5, falseErrors: [1] },
        { repository: 'b', recall: 0.96, falseErrors: [] },
      ]),
    ).toEqual([
      'a: recall 0.50 > minRecall 0.2',
      'a: 1 false errors < maxFalseErrorsOnClean 3',
    ]);
  });
});

import {
  changedCluster,
  randomPlatform,
  randomReport,
  seeded,
  type RandomPlatform,
} from '../__fixtures__/randomPlatform';
import {
  IncrementalLiveIndex,
  type LiveSnapshotOf,
} from './IncrementalLiveIndex';

const options = {
  fixtureEnvironments: ['dev'],
  productionEnvironments: ['production'],
};

const snapshotsOf = (p: RandomPlatform): LiveSnapshotOf[] => [
  ...p.clusters.map(
    (data): LiveSnapshotOf => ({ id: data.cluster, kind: 'cluster', data }),
  ),
  ...p.vaults.map(
    (data): LiveSnapshotOf => ({ id: data.environment, kind: 'vault', data }),
  ),
];

describe('IncrementalLiveIndex', () => {
  it('keeps everything for snapshots read again with the same content', () => {
    const p = randomPlatform(seeded(7));
    const index = new IncrementalLiveIndex();
    const first = index.update(p.report, snapshotsOf(p), options);
    expect(first.affected).toBe('all');
    const again = snapshotsOf(p).map(s => ({
      ...s,
      data: { ...s.data, fetchedAt: '2026-12-01T00:00:00Z', calls: 9 },
    })) as LiveSnapshotOf[];
    const second = index.update(p.report, again, options);
    expect(second.affected).toStrictEqual(new Set());
    expect(second.live.findings).toStrictEqual(first.live.findings);
  });

  it('names only the releases a changed status concerns', () => {
    const r = seeded(11);
    const p = randomPlatform(r);
    const index = new IncrementalLiveIndex();
    index.update(p.report, snapshotsOf(p), options);
    const c = p.clusters[0];
    const es = c.externalSecrets.find(
      x => x.namespace !== 'other' && x.ready === 'True',
    )!;
    p.clusters[0] = {
      ...c,
      externalSecrets: c.externalSecrets.map(x =>
        x === es ? { ...x, ready: 'False', reason: 'SecretSyncedError' } : x,
      ),
    };
    const { affected } = index.update(p.report, snapshotsOf(p), options);
    const releases = p.report.externalSecrets
      .filter(d => d.name === es.name && d.environment === c.environment)
      .map(d => d.release);
    expect(affected).toStrictEqual(new Set(releases));
  });

  it('builds everything again for a new report, or when asked', () => {
    const r = seeded(3);
    const p = randomPlatform(r);
    const index = new IncrementalLiveIndex();
    index.update(p.report, snapshotsOf(p), options);
    p.clusters[1] = changedCluster(r, p.clusters[1], 1);
    expect(index.update(p.report, snapshotsOf(p), options, true).affected).toBe(
      'all',
    );
    expect(
      index.update(randomReport(r, 2), snapshotsOf(p), options).affected,
    ).toBe('all');
  });
});

import { parseOverviewQuery } from '@ameideio/plugin-secrets-common';
import type { LiveSource } from '@ameideio/plugin-secrets-node';
import {
  changedCluster,
  changedVault,
  randomPlatform,
  randomReport,
  seeded,
  type RandomPlatform,
} from '../__fixtures__/randomPlatform';
import { SecretsService } from './SecretsService';
import { SourceStates } from './SourceStates';

function statesOf(p: RandomPlatform): SourceStates {
  const live = [
    ...p.clusters.map(c => ({ id: `cluster:${c.cluster}`, kind: 'cluster' })),
    ...p.vaults.map(v => ({ id: `vault:${v.environment}`, kind: 'vault' })),
  ] as LiveSource[];
  return write(new SourceStates({ gitops: true, live }), p);
}

/** Writes the platform's data to the states, as the refresher or a watch does. */
function write(states: SourceStates, p: RandomPlatform): SourceStates {
  type Row = [string, 'gitops' | 'cluster' | 'vault', unknown, string];
  const data: Row[] = [
    ['gitops', 'gitops', p.report, p.report.generatedAt],
    ...p.clusters.map(
      (c): Row => [`cluster:${c.cluster}`, 'cluster', c, c.fetchedAt],
    ),
    ...p.vaults.map(
      (v): Row => [`vault:${v.environment}`, 'vault', v, v.fetchedAt],
    ),
  ];
  for (const [id, kind, d, fetchedAt] of data)
    states.set(id, {
      kind,
      data: d,
      fetchedAt,
      health: { id, kind, status: 'ok' },
    });
  return states;
}

/** What the service serves, without the source health (checked at each call). */
function answers(service: SecretsService, p: RandomPlatform) {
  const query = parseOverviewQuery({ limit: '50' });
  const { sources: _s, ...overview } = service.overview(p.entities, query);
  return {
    entities: p.entities.map(e => {
      const { sources: _e, ...rest } = service.entity(e);
      return rest;
    }),
    json: p.entities.map(e => {
      const { sources: _j, ...rest } = JSON.parse(service.entityJson(e));
      return rest;
    }),
    overview,
    // the pre-serialized overview, kept per list of entities and generation
    overviewJson: (() => {
      const { sources: _o, ...rest } = JSON.parse(
        service.overviewJson(p.entities, query),
      );
      return rest;
    })(),
  };
}

describe('the incremental serving index', () => {
  it('answers after each changed snapshot exactly as an index built from scratch', () => {
    const options = { rotation: { maxAgeDays: { default: 20 } } };
    for (let seed = 1; seed <= 16; seed++) {
      const r = seeded(seed);
      const p = randomPlatform(r);
      const states = statesOf(p);
      const incremental = SecretsService.create({ states, ...options });
      for (let step = 1; step <= 14; step++) {
        const what = r.int(20);
        if (what < 11) {
          const i = r.int(p.clusters.length);
          p.clusters[i] = changedCluster(r, p.clusters[i], step);
        } else if (what < 19) {
          const i = r.int(p.vaults.length);
          p.vaults[i] = changedVault(r, p.vaults[i], step);
        } else p.report = randomReport(r, step);
        // answered from some entities' caches before the change, not all
        if (r.odds(0.5))
          incremental.entity(p.entities[r.int(p.entities.length)]);
        write(states, p);
        incremental.rebuild();
        const fresh = SecretsService.create({
          states: statesOf(p),
          ...options,
        });
        const served = answers(incremental, p);
        expect(served).toStrictEqual(answers(fresh, p));
        expect(served.overviewJson).toStrictEqual(served.overview);
      }
    }
  });
});

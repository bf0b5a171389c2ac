import { ConfigReader } from '@backstage/config';
import { readLiveConfig } from './liveConfig';

describe('readLiveConfig', () => {
  it('defaults to watching, a 3 s probe, a 120 s lease and 2 s follow', () => {
    expect(readLiveConfig(undefined)).toStrictEqual({
      watch: true,
      probeSeconds: 3,
      leaseSeconds: 120,
      followSeconds: 2,
    });
  });

  it('reads secrets.live', () => {
    expect(
      readLiveConfig(
        new ConfigReader({
          live: { watch: false, probeSeconds: 7, leaseSeconds: 60 },
        }),
      ),
    ).toStrictEqual({
      watch: false,
      probeSeconds: 7,
      leaseSeconds: 60,
      followSeconds: 2,
    });
  });

  it('rejects a bad value with its key', () => {
    expect(() =>
      readLiveConfig(new ConfigReader({ live: { probeSeconds: 0 } })),
    ).toThrow(
      'Invalid secrets.live.probeSeconds: it must be a number of seconds, at least 1',
    );
    expect(() =>
      readLiveConfig(new ConfigReader({ live: { leaseSeconds: 5 } })),
    ).toThrow('Invalid secrets.live.leaseSeconds');
  });
});

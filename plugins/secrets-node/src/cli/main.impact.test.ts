/* The command line: the impact command. */
import { DEMO, cli } from './__testUtils__/cli';

describe('secrets-guardrails impact', () => {
  it('follows a Vault key of the demo to the workload that reads its Secret', async () => {
    const r = await cli(
      'impact',
      DEMO,
      '--vault-key',
      'payments-stripe-api-key',
      '--env',
      'dev',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const imp = JSON.parse(r.stdout);
    expect(imp.summary).toEqual(
      expect.objectContaining({ environments: ['dev'], externalSecrets: 1 }),
    );
    expect(imp.edges.some((e: any) => e.label === 'produces')).toBe(true);
    const text = await cli(
      'impact',
      DEMO,
      '--vault-key',
      'payments-stripe-api-key',
      '--env',
      'dev',
    );
    expect(text.stdout).toContain('-produces-> Secret ameide/payments-stripe');
  });

  it('refuses a query without exactly one starting point, and an unknown environment', async () => {
    expect((await cli('impact', DEMO)).code).toBe(2);
    expect(
      (await cli('impact', DEMO, '--vault-key', 'a', '--store', 'b')).code,
    ).toBe(2);
    const r = await cli('impact', DEMO, '--vault-key', 'a', '--env', 'mars');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown environment "mars"');
  });
});

import { outsider, startActionsBackend } from './__testUtils__/actionsBackend';

describe('secret-impact', () => {
  it('returns the blast radius of a Vault key with live statuses', async () => {
    const { invoke, backend } = await startActionsBackend();
    const { output } = (await invoke('secret-impact', {
      vaultKey: 'payments-stripe-api-key',
    })) as { output: any };
    expect(output.summary).toMatchObject({
      environments: ['dev', 'local', 'production', 'staging'],
      externalSecrets: 4,
      secrets: 4,
      readers: 4,
    });
    expect(output.nodes.map((n: any) => n.kind)).toEqual(
      expect.arrayContaining(['VaultKey', 'ExternalSecret', 'Secret']),
    );
    const prod = output.nodes.find(
      (n: any) => n.kind === 'ExternalSecret' && n.environment === 'production',
    );
    expect(prod.live).toStrictEqual([
      { cluster: 'prod-eu', ready: 'False', reason: 'SecretSyncedError' },
    ]);
    expect(output.hidden).toStrictEqual({ entities: 0, nodes: 0 });
    // who to tell: the owner from the catalog join
    expect(output.owners).toStrictEqual([
      {
        entityRef: 'component:default/payments',
        owner: 'group:default/team-commerce',
        via: ['VaultKey/payments-stripe-api-key'],
      },
    ]);
    const store = (await invoke('secret-impact', {
      store: 'ameide-vault',
      environment: 'production',
    })) as { output: any };
    expect(store.output.owners.map((o: any) => o.entityRef)).toEqual(
      expect.arrayContaining([
        'component:default/payments',
        'component:default/checkout',
      ]),
    );
    await backend.stop();
  });

  it('needs the overview permission and exactly one starting point', async () => {
    const { invoke, backend } = await startActionsBackend();
    await expect(
      invoke(
        'secret-impact',
        { vaultKey: 'payments-stripe-api-key' },
        outsider,
      ),
    ).rejects.toThrow(/Not allowed: secrets.overview.read/);
    await expect(invoke('secret-impact', {})).rejects.toThrow(/exactly one/);
    await expect(
      invoke('secret-impact', { vaultKey: '../etc' }),
    ).rejects.toThrow(/Invalid vaultKey/);
    await backend.stop();
  });
});

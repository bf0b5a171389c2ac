import { substituteVariables, substitutionDisabled } from './envsubst';

describe('Flux post-build substitution', () => {
  const known = { APP: 'web', EMPTY: '' };

  it('substitutes ${var}, applies defaults, keeps $${var} as a literal and $var untouched', () => {
    const { value, unknown } = substituteVariables(
      {
        name: '${APP}-db',
        ns: '${NS:=default}',
        dash: '${NS:-fallback}',
        empty: '${EMPTY:=filled}',
        escaped: '$${APP}',
        plain: '$APP',
        list: ['${APP}', 3],
      },
      known,
      true,
    );
    expect(value).toEqual({
      name: 'web-db',
      ns: 'default',
      dash: 'fallback',
      empty: 'filled',
      escaped: '${APP}',
      plain: '$APP',
      list: ['web', 3],
    });
    expect(unknown.size).toBe(0);
  });

  it('an undefined variable becomes empty when every source is known, and is left as written otherwise', () => {
    expect(substituteVariables('${NOPE}x', known, true).value).toBe('x');
    const r = substituteVariables('${SECRET_DOMAIN}', known, false);
    expect(r.value).toBe('${SECRET_DOMAIN}');
    expect([...r.unknown]).toEqual(['SECRET_DOMAIN']);
  });

  it('honours the substitute: disabled annotation', () => {
    expect(
      substitutionDisabled({
        metadata: {
          annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' },
        },
      }),
    ).toBe(true);
    expect(substitutionDisabled({ metadata: {} })).toBe(false);
  });
});

import { principalFromClaims } from './claims';

describe('principalFromClaims', () => {
  it('reads our own claims', () => {
    expect(
      principalFromClaims({ sub: 'c1', client_id: 'c1', scope: 'orders:read orders:write', mw_plants: ['P100'], mw_roles: ['qe'], mw_purposes: ['quality'], jti: 'j1' }),
    ).toEqual({ clientId: 'c1', subject: 'c1', scopes: ['orders:read', 'orders:write'], plants: ['P100'], roles: ['qe'], purposes: ['quality'], tokenId: 'j1' });
  });

  it('reads scopes from scp as an array (Okta) or a string (Entra ID), merged with scope', () => {
    expect(principalFromClaims({ sub: 'a', scp: ['orders:read', 'admin'] })?.scopes).toEqual(['orders:read', 'admin']);
    expect(principalFromClaims({ sub: 'a', scp: 'orders:read admin', scope: 'admin' })?.scopes).toEqual(['admin', 'orders:read']);
  });

  it('finds the client in client_id, azp (Keycloak) or appid (Entra ID v1), else sub', () => {
    expect(principalFromClaims({ sub: 's', azp: 'kc-client' })?.clientId).toBe('kc-client');
    expect(principalFromClaims({ sub: 's', appid: 'entra-app' })?.clientId).toBe('entra-app');
    expect(principalFromClaims({ sub: 's' })).toMatchObject({ clientId: 's', subject: 's' });
    expect(principalFromClaims({})).toBeUndefined();
  });

  it('takes Entra ID app roles when there is no mw_roles, and plants as a comma list', () => {
    expect(principalFromClaims({ sub: 's', roles: ['Reader'], mw_plants: 'P100,P200' })).toMatchObject({ roles: ['Reader'], plants: ['P100', 'P200'] });
  });

  it('ignores values of the wrong type instead of trusting them', () => {
    expect(principalFromClaims({ sub: 's', scope: 42, mw_plants: [1, 'P1', null] } as never)).toMatchObject({ scopes: [], plants: ['P1'] });
  });
});

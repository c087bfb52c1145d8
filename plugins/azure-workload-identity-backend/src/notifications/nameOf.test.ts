import { nameOf } from './nameOf';

describe('nameOf', () => {
  it('names an entity as a person reads it', () => {
    expect(nameOf('component:default/orders-api')).toBe('orders-api');
    expect(nameOf('user:default/pat-platform')).toBe('pat-platform');
    expect(nameOf('component:payments/ledger')).toBe('payments/ledger');
  });

  it('leaves what is not an entity ref alone', () => {
    expect(nameOf('')).toBe('');
    expect(nameOf('the portal')).toBe('the portal');
  });
});

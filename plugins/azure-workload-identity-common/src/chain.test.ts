import { worstState } from './chain';

describe('worstState', () => {
  it('is ok for a link without findings', () => {
    expect(worstState([])).toBe('ok');
  });

  it('ranks broken above unknown above degraded above pending', () => {
    expect(worstState(['pending', 'degraded'])).toBe('degraded');
    expect(worstState(['degraded', 'unknown', 'pending'])).toBe('unknown');
    expect(worstState(['unknown', 'broken', 'ok'])).toBe('broken');
  });
});

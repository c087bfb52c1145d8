import { CHAIN_LINKS, Finding, linkStates, worstLinkState } from './chain';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'some-rule',
    link: 'federation',
    severity: 'error',
    state: 'broken',
    message: 'm',
    evidence: { expected: 'e', actual: 'a' },
    fix: { kind: 'none', text: '', owner: 'component' },
    ...overrides,
  };
}

describe('worstLinkState', () => {
  it('is ok for a link without findings', () => {
    expect(worstLinkState([])).toBe('ok');
  });

  it('ranks broken above unknown above degraded above pending above ok', () => {
    expect(worstLinkState(['pending', 'ok'])).toBe('pending');
    expect(worstLinkState(['pending', 'degraded'])).toBe('degraded');
    expect(worstLinkState(['degraded', 'unknown', 'pending'])).toBe('unknown');
    expect(worstLinkState(['unknown', 'broken', 'ok'])).toBe('broken');
  });

  it('is none only when every link is none: an empty link does not spoil a working chain', () => {
    expect(worstLinkState(['none', 'none'])).toBe('none');
    expect(worstLinkState(['ok', 'none'])).toBe('ok');
    expect(worstLinkState(['none', 'pending'])).toBe('pending');
  });
});

describe('linkStates', () => {
  it('gives every link in card order a state, ok where nothing was found', () => {
    const states = linkStates([finding({ link: 'token', state: 'pending' })]);
    expect(Object.keys(states)).toEqual([...CHAIN_LINKS]);
    expect(states.token).toBe('pending');
    expect(states.cluster).toBe('ok');
  });

  it('counts masked findings on their own link: hidden behind a cause is not ok', () => {
    const states = linkStates([
      finding({ link: 'token', state: 'broken', maskedBy: 'fic-missing' }),
      finding({ link: 'federation', state: 'degraded' }),
    ]);
    expect(states.token).toBe('broken');
    expect(states.federation).toBe('degraded');
  });
});

describe('CHAIN_LINKS', () => {
  it('lists the links in the order a token travels', () => {
    expect(CHAIN_LINKS[0]).toBe('cluster');
    expect(CHAIN_LINKS[CHAIN_LINKS.length - 1]).toBe('token');
    expect(CHAIN_LINKS.indexOf('serviceaccount')).toBeLessThan(
      CHAIN_LINKS.indexOf('federation'),
    );
  });
});

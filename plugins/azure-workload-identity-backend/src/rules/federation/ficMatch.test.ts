import { deriveBinding } from '../../inspection/derive';
import { DEFAULT_HEALTH_RULES_CONFIG } from '../../inspection/config';
import { fics } from '../../inspection/__testUtils__/access';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import { W } from '../../inspection/__testUtils__/world';
import { InspectionSnapshot } from '../../inspection/snapshot';
import { matchFic } from './ficMatch';

const outcomeOf = (snapshot: InspectionSnapshot) =>
  matchFic(
    deriveBinding(snapshot, snapshot.bindings[0], DEFAULT_HEALTH_RULES_CONFIG),
  );

describe('matchFic', () => {
  it('matches the baseline exactly', () => {
    expect(outcomeOf(baselineSnapshot()).outcome).toBe('ok');
  });

  it('prefers an exact FIC over an earlier near miss', () => {
    const snapshot = baselineSnapshot();
    fics(snapshot).unshift({
      name: 'a-near-miss',
      properties: {
        issuer: W.issuer,
        subject: 'system:serviceaccount:orders:Orders-API',
        audiences: ['api://AzureADTokenExchange'],
      },
    });
    expect(outcomeOf(snapshot)).toMatchObject({
      outcome: 'ok',
      fic: { name: 'orders-api' },
    });
  });

  it('takes the first step that applies: a slash variant beats a subject near miss', () => {
    const snapshot = baselineSnapshot();
    fics(snapshot)[0].properties.issuer = W.issuer.slice(0, -1);
    fics(snapshot).push({
      name: 'b-case',
      properties: {
        issuer: W.issuer,
        subject: 'system:serviceaccount:orders:Orders-API',
        audiences: ['api://AzureADTokenExchange'],
      },
    });
    expect(outcomeOf(snapshot).outcome).toBe('fic-issuer-trailing-slash');
  });

  it('prefers the FIC named in the request record when several qualify at one step', () => {
    const snapshot = baselineSnapshot();
    fics(snapshot)[0].properties.subject =
      'system:serviceaccount:other:orders-api';
    fics(snapshot).unshift({
      name: 'a-first-by-name',
      properties: {
        issuer: W.issuer,
        subject: 'system:serviceaccount:legacy:orders-api',
        audiences: ['api://AzureADTokenExchange'],
      },
    });
    expect(outcomeOf(snapshot)).toMatchObject({
      outcome: 'fic-subject-namespace-mismatch',
      fic: { name: 'orders-api' },
    });
  });
});

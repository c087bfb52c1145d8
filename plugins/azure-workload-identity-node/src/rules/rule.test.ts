import { isReadFailure, Read, valueOf } from '../inspection/reads';
import { commandFix, findingOf, refs } from './rule';

const rule = { id: 'appconfig-local-auth-enabled', link: 'resource' as const };

describe('findingOf', () => {
  it("carries the rule's id and link, so neither can drift from the rule", () => {
    const finding = findingOf(rule, {
      severity: 'warning',
      state: 'degraded',
      message: 'keys are on',
      evidence: { expected: 'off', actual: 'on' },
      fix: commandFix('az appconfig update --disable-local-auth true'),
    });
    expect(finding).toEqual({
      ruleId: 'appconfig-local-auth-enabled',
      link: 'resource',
      severity: 'warning',
      state: 'degraded',
      message: 'keys are on',
      evidence: { expected: 'off', actual: 'on' },
      fix: {
        kind: 'command',
        text: 'az appconfig update --disable-local-auth true',
        owner: 'component',
      },
    });
  });

  it("names the finding with the rule's title, unless the finding brings its own", () => {
    const titled = { ...rule, title: 'The store still accepts access keys' };
    const body = {
      severity: 'warning' as const,
      state: 'degraded' as const,
      message: 'keys are on',
      evidence: { expected: 'off', actual: 'on' },
      fix: commandFix('az appconfig update --disable-local-auth true'),
    };
    expect(findingOf(titled, body).title).toBe(
      'The store still accepts access keys',
    );
    expect(findingOf(titled, { ...body, title: 'Keys are on' }).title).toBe(
      'Keys are on',
    );
    expect(findingOf(rule, body)).not.toHaveProperty('title');
  });

  it('puts a finding about a neighbouring object on that link', () => {
    const finding = findingOf(rule, {
      severity: 'info',
      state: 'pending',
      message: 'not yet',
      evidence: { expected: '', actual: '' },
      fix: commandFix('wait', 'platform'),
      link: 'roleassignment',
    });
    expect(finding.link).toBe('roleassignment');
    expect(finding.fix.owner).toBe('platform');
  });

  it('keeps the words around a command in its note, apart from what is copied', () => {
    expect(
      commandFix('az appconfig update --disable-local-auth true', 'platform', {
        note: 'Clients that sign in with access keys stop working.',
      }),
    ).toEqual({
      kind: 'command',
      text: 'az appconfig update --disable-local-auth true',
      owner: 'platform',
      note: 'Clients that sign in with access keys stop working.',
    });
    expect(commandFix('az appconfig show')).not.toHaveProperty('note');
  });
});

describe('reads', () => {
  it('gives the value of a read that succeeded, and nothing of one that did not', () => {
    const ok: Read<number> = { status: 'ok', value: 3 };
    const gone: Read<number> = { status: 'not-found', reason: 'deleted' };
    const denied: Read<number> = { status: 'forbidden', reason: '403' };
    expect([ok, gone, denied].map(r => valueOf(r))).toEqual([
      3,
      undefined,
      undefined,
    ]);
    expect([ok, gone, denied].map(isReadFailure)).toEqual([false, false, true]);
  });

  it('refers to an Azure object by its lower-case id, and names it by its last segment', () => {
    expect(
      refs.azure(
        '/subscriptions/S/resourceGroups/RG/providers/X.Y/z/Store',
        'Resource',
      ),
    ).toEqual({
      kind: 'Resource',
      name: 'Store',
      id: '/subscriptions/s/resourcegroups/rg/providers/x.y/z/store',
    });
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE_RULE_IDS } from './catalogue';
import { checkHealthRules } from './checkHealthRules';
import { HEALTH_RULES } from './index';

const maskIds = (ruleId: string) =>
  (HEALTH_RULES.find(r => r.id === ruleId)?.masks ?? []).map(m =>
    typeof m === 'string' ? m : m.ruleId,
  );

describe('the rule list', () => {
  it('holds the 80 ids of the catalogue', () => {
    expect(new Set(CATALOGUE_RULE_IDS).size).toBe(80);
  });

  it('has unique ids, each from the catalogue', () => {
    const ids = HEALTH_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(CATALOGUE_RULE_IDS).toContain(id);
  });

  it('has one file and one test per rule, named by its id, in the folder of its link', () => {
    for (const rule of HEALTH_RULES) {
      const base = path.join(__dirname, rule.link, rule.id);
      expect([rule.id, fs.existsSync(`${base}.ts`)]).toEqual([rule.id, true]);
      expect([rule.id, fs.existsSync(`${base}.test.ts`)]).toEqual([
        rule.id,
        true,
      ]);
    }
  });

  it('masks only catalogue ids, never itself', () => {
    for (const rule of HEALTH_RULES) {
      for (const masked of maskIds(rule.id)) {
        expect(CATALOGUE_RULE_IDS).toContain(masked);
        expect(masked).not.toBe(rule.id);
      }
    }
  });

  it('passes the check the plugin makes at start-up', () => {
    expect(() => checkHealthRules(HEALTH_RULES)).not.toThrow();
  });

  it('has a mask graph without cycles', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string, trail: string[]) => {
      if (done.has(id)) return;
      if (visiting.has(id))
        throw new Error(`mask cycle: ${[...trail, id].join(' → ')}`);
      visiting.add(id);
      for (const next of maskIds(id)) visit(next, [...trail, id]);
      visiting.delete(id);
      done.add(id);
    };
    expect(() => HEALTH_RULES.forEach(r => visit(r.id, []))).not.toThrow();
  });
});

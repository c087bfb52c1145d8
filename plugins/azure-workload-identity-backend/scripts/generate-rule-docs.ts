/* eslint-disable no-console */
// Writes the rule reference (docs/health-rules.md) from the built-in rules' own metadata; the
// test beside the renderer fails while the committed file differs from what this writes.
import fs from 'fs';
import path from 'path';
import { HEALTH_RULES } from '../src/rules';
import {
  RULE_REFERENCE_PATH,
  renderRuleReference,
} from '../src/rules/ruleReference';

const file = path.resolve(__dirname, '../../..', RULE_REFERENCE_PATH);
fs.writeFileSync(file, renderRuleReference(HEALTH_RULES));
console.log(`Wrote ${RULE_REFERENCE_PATH}: ${HEALTH_RULES.length} rules.`);

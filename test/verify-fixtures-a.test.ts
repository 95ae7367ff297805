import { describe } from 'vitest';
import { brokenTypeCase } from './verify-fixtures.helper.js';

describe('clusterkit verify fails each broken type on the rules it breaks and no others (1/2)', () => {
  brokenTypeCase('v-leaky', [
    'offline-ends-processes',
    'terminate-ends-processes',
    'close-leaves-nothing',
  ]);
  brokenTypeCase('v-slow-checks', ['looks-alive-fast', 'is-alive-fast']);
  brokenTypeCase('v-blind', ['is-alive-false-after-app-dies', 'failure-detected-by-polling']);
  brokenTypeCase('v-flaky', ['no-spurious-failure']);
});

import { describe } from 'vitest';
import { brokenTypeCase } from './verify-fixtures.helper.js';

describe('clusterkit verify fails each broken type on the rules it breaks and no others (2/2)', () => {
  brokenTypeCase('v-failing-offline', [
    'offline-reaches-offline',
    'online-after-offline',
    'offline-ends-processes',
  ]);
  brokenTypeCase('v-silent-online', ['online-reports-progress']);
  brokenTypeCase('v-no-restart', ['online-after-terminate']);
});

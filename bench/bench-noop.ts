/*
 * A resource type that does nothing but answer: it isolates the cost of the
 * library → host → handler round trip in `npm run bench`.
 */
import { defineResourceType, prop } from 'clusterkit';

export default defineResourceType({
  type: 'BenchNoop',
  properties: {
    Label: prop.string({ default: 'bench' }),
  },
  async online() {},
  async offline() {},
  looksAlive: () => true,
  isAlive: async () => true,
  progressInterval: 0,
});

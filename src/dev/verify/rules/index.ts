import type { Rule } from '../rule.js';
import { controlRules } from './controls.js';
import { healthRules } from './health.js';
import { lifecycleRules } from './lifecycle.js';
import { processRules } from './processes.js';
import { propertyRules } from './properties.js';

/** Every rule of `clusterkit verify`, in report order. */
export const ALL_RULES: readonly Rule[] = [
  ...lifecycleRules,
  ...healthRules,
  ...processRules,
  ...propertyRules,
  ...controlRules,
];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

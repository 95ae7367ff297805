import {
  CLUSCTL_RESOURCE_GET_CHARACTERISTICS,
  ERROR_INVALID_FUNCTION,
  ERROR_SUCCESS,
  userControlCode,
} from '../../../bundle/resapi/index.js';
import { expectRule, type Rule } from '../rule.js';

export const controlRules: Rule[] = [
  {
    id: 'unknown-control-invalid-function',
    rule: 'A control code the type does not handle must return ERROR_INVALID_FUNCTION.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      let fn = 0x3fff0;
      while (ctx.schema.controls.some((c) => c.function === fn)) fn++;
      const r = await ctx.step('ResourceControl', res.control(userControlCode(fn)));
      expectRule(
        r.status === ERROR_INVALID_FUNCTION,
        `an unhandled control code returned ${r.status}, not ERROR_INVALID_FUNCTION (1)`,
      );
    },
  },
  {
    id: 'characteristics-reported',
    rule: 'CLUSCTL_RESOURCE_GET_CHARACTERISTICS must answer the characteristics the type declares.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const r = await ctx.step(
        'ResourceControl',
        res.control(CLUSCTL_RESOURCE_GET_CHARACTERISTICS),
      );
      expectRule(
        r.status === ERROR_SUCCESS && r.data.length >= 4,
        `GET_CHARACTERISTICS returned status ${r.status} with ${r.data.length} bytes`,
      );
      const got = new DataView(r.data.buffer, r.data.byteOffset, 4).getUint32(0, true);
      expectRule(
        got === ctx.schema.characteristics,
        `GET_CHARACTERISTICS answered ${got}, the schema declares ${ctx.schema.characteristics}`,
      );
    },
  },
];

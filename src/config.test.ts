import { expect, it } from 'vitest';
import { loadConfig } from './config.ts';

it("reads the citizen form's rate limits, 0 meaning none, and refuses what is not a whole number", () => {
  expect(loadConfig({}).formRateLimits).toEqual({ perAddressPerMinute: 10, perAddressPerHour: 60, perOrganizationPerMinute: 120 });
  const set = loadConfig({ FORM_LIMIT_PER_ADDRESS_MINUTE: '0', FORM_LIMIT_PER_ADDRESS_HOUR: '500', FORM_LIMIT_PER_ORGANIZATION_MINUTE: '100000' });
  expect(set.formRateLimits).toEqual({ perAddressPerMinute: Infinity, perAddressPerHour: 500, perOrganizationPerMinute: 100000 });
  expect(() => loadConfig({ FORM_LIMIT_PER_ADDRESS_HOUR: 'många' })).toThrow('FORM_LIMIT_PER_ADDRESS_HOUR must be a whole number (0: no limit), got "många"');
  expect(() => loadConfig({ FORM_LIMIT_PER_ADDRESS_MINUTE: '-1' })).toThrow(/FORM_LIMIT_PER_ADDRESS_MINUTE/);
});

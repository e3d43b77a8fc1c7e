import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

it("reads the citizen form's rate limits, 0 meaning none, and refuses what is not a whole number", () => {
  expect(loadConfig({}).formRateLimits).toEqual({ perAddressPerMinute: 10, perAddressPerHour: 60, perOrganizationPerMinute: 120 });
  const set = loadConfig({ FORM_LIMIT_PER_ADDRESS_MINUTE: '0', FORM_LIMIT_PER_ADDRESS_HOUR: '500', FORM_LIMIT_PER_ORGANIZATION_MINUTE: '100000' });
  expect(set.formRateLimits).toEqual({ perAddressPerMinute: Infinity, perAddressPerHour: 500, perOrganizationPerMinute: 100000 });
  expect(() => loadConfig({ FORM_LIMIT_PER_ADDRESS_HOUR: 'många' })).toThrow('FORM_LIMIT_PER_ADDRESS_HOUR must be a whole number (0: no limit), got "många"');
  expect(() => loadConfig({ FORM_LIMIT_PER_ADDRESS_MINUTE: '-1' })).toThrow(/FORM_LIMIT_PER_ADDRESS_MINUTE/);
});

describe('PUBLIC_URL', () => {
  it('defaults to localhost for the demo (no DATABASE_URL), as `npm start` runs it', () => {
    expect(loadConfig({}).mail.publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).mail.publicUrl).toBe('http://localhost:8080');
  });

  it('is required in production: with DATABASE_URL or NODE_ENV=production the server refuses to start without it', () => {
    const db = { DATABASE_URL: 'postgres://lyhord@db/lyhord' };
    expect(() => loadConfig(db)).toThrow(/^PUBLIC_URL must be set in production \(DATABASE_URL is set\)/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^PUBLIC_URL must be set in production \(NODE_ENV=production\)/);
    expect(() => loadConfig({ ...db, PUBLIC_URL: '' })).toThrow(/PUBLIC_URL must be set/);
    expect(loadConfig({ ...db, NODE_ENV: 'production', PUBLIC_URL: 'https://synpunkter.kommun.se/' }).mail.publicUrl).toBe('https://synpunkter.kommun.se');
    expect(() => loadConfig({ ...db, PUBLIC_URL: 'synpunkter.kommun.se' })).toThrow('PUBLIC_URL must start with http:// or https://');
  });

  it('is not needed by the command-line tool, which builds no links', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://lyhord@db/lyhord' }, { buildsLinks: false }).databaseUrl).toBe('postgres://lyhord@db/lyhord');
  });
});

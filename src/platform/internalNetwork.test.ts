import { describe, expect, it } from 'vitest';
import { isInternalAddress, networkPolicyOf, reachesInternalNetwork } from './internalNetwork.ts';

/** The guard shared by OIDC issuers (modules/sso) and webhook receivers (modules/webhooks); their own tests connect for real. */

describe('which addresses count as internal', () => {
  it.each(['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', '::1', '[::1]', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe'])(
    '%s is internal',
    (address) => expect(isInternalAddress(address)).toBe(true),
  );
  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450:4001::1', '::ffff:8.8.8.8'])('%s is not', (address) => expect(isInternalAddress(address)).toBe(false));

  it('reads the installation setting', () => {
    expect(networkPolicyOf(undefined)).toEqual({ allowAll: false, hosts: new Set() });
    expect(networkPolicyOf('false').allowAll).toBe(false);
    expect(networkPolicyOf('true').allowAll).toBe(true);
    expect(networkPolicyOf(' Login.Intern.Kommun.se , [::1] ')).toEqual({ allowAll: false, hosts: new Set(['login.intern.kommun.se', '::1']) });
  });
});

describe('the check when an address is saved', () => {
  const deny = networkPolicyOf(undefined);
  // Host names as the URL parser leaves them: 127.1, 2130706433 and 0x7f.1 all become 127.0.0.1.
  it.each(['https://127.1/hook', 'https://2130706433/hook', 'https://0x7f.1/', 'https://[::ffff:127.0.0.1]/hook', 'https://0.0.0.0/', 'https://[::]/', 'https://169.254.169.254/latest/meta-data/', 'https://10.0.0.1/', 'http://localhost:3000/', 'https://Hook.LOCALHOST/'])(
    '%s is refused',
    async (url) => expect(await reachesInternalNetwork(deny, new URL(url).hostname)).toBe(true),
  );

  it('lets a public address through, and a name that does not resolve (it is checked again when connecting)', async () => {
    expect(await reachesInternalNetwork(deny, '93.184.216.34')).toBe(false);
    expect(await reachesInternalNetwork(deny, 'finns-inte.invalid')).toBe(false);
  });

  it('lets through what the installation allows, by name or address, or everything', async () => {
    expect(await reachesInternalNetwork(networkPolicyOf('localhost'), 'localhost')).toBe(false);
    expect(await reachesInternalNetwork(networkPolicyOf('localhost'), '127.0.0.1')).toBe(true);
    expect(await reachesInternalNetwork(networkPolicyOf('[::1],10.0.0.1'), '[::1]')).toBe(false);
    expect(await reachesInternalNetwork(networkPolicyOf('true'), '169.254.169.254')).toBe(false);
  });
});

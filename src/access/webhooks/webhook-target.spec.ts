import { isPublicAddress, pinnedLookup, resolveTarget } from './webhook-target';
import { WebhookTargetNotAllowed } from './webhooks.errors';

const strict = { allowPrivateTargets: false };

describe('webhook targets (SSRF)', () => {
  it('isPublic_WhenLoopbackPrivateLinkLocalOrReserved_ThenFalse', () => {
    const blocked = [
      '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
      '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1', '192.0.2.10',
      '::', '::1', 'fe80::1', 'fd12:3456::1', 'fc00::1', 'ff02::1', '2001:db8::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:c0a8:0101::1', '::127.0.0.1',
    ];
    for (const address of blocked) expect({ address, public: isPublicAddress(address) }).toEqual({ address, public: false });
  });

  it('isPublic_WhenPublicAddresses_ThenTrue', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:0808:0808::1']) {
      expect({ address, public: isPublicAddress(address) }).toEqual({ address, public: true });
    }
  });

  it('isPublic_WhenNotAnAddress_ThenFalse', () => {
    expect(isPublicAddress('example.com')).toBe(false);
    expect(isPublicAddress('')).toBe(false);
  });

  it('resolve_WhenLiteralPrivateAddressOrLocalhost_ThenRefused', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest/meta-data', 'http://localhost:3000/x', 'http://[::ffff:127.0.0.1]/']) {
      await expect(resolveTarget(new URL(url), strict)).rejects.toBeInstanceOf(WebhookTargetNotAllowed);
    }
  });

  it('resolve_WhenPrivateTargetsAllowed_ThenLoopbackAccepted', async () => {
    await expect(resolveTarget(new URL('http://127.0.0.1:8080/hook'), { allowPrivateTargets: true })).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('resolve_WhenPublicLiteral_ThenAccepted_WhenHostDoesNotResolve_ThenRefused', async () => {
    await expect(resolveTarget(new URL('https://93.184.215.14/hook'), strict)).resolves.toEqual([{ address: '93.184.215.14', family: 4 }]);
    await expect(resolveTarget(new URL('https://no-such-host.invalid/hook'), strict)).rejects.toBeInstanceOf(WebhookTargetNotAllowed);
  });

  it('pinnedLookup_WhenAskedForOneOrAll_ThenOnlyTheCheckedAddresses', async () => {
    const lookup = pinnedLookup([{ address: '93.184.215.14', family: 4 }]);
    const one = await new Promise((resolve) => lookup('rebinding.example', { family: 0 }, (error, address, family) => resolve({ error, address, family })));
    expect(one).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    const all = await new Promise((resolve) => lookup('rebinding.example', { all: true }, (error, addresses) => resolve({ error, addresses })));
    expect(all).toEqual({ error: null, addresses: [{ address: '93.184.215.14', family: 4 }] });
    const v6 = await new Promise<{ error: NodeJS.ErrnoException | null }>((resolve) => lookup('rebinding.example', { family: 6 }, (error) => resolve({ error })));
    expect(v6.error?.code).toBe('ENOTFOUND');
  });
});

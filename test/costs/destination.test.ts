import http from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { addressAllowed, allowanceOf, checkDestination, guardedLookup, RefusedDestination, Resolver } from '../../src/services/costs/destination';

/**
 * Webhook destinations (pure, plus real sockets on 127.0.0.1): which addresses are public, how a
 * name is checked, and that the connection goes to the checked address (no DNS rebinding between
 * check and connect).
 */

const none = allowanceOf([]);
/** A resolver of the test's own: names → addresses, optionally different on each call (rebinding). */
function resolver(table: Record<string, string[][]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const fn = ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: { address: string; family: number }[]) => void) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) return callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
    const answer = answers[Math.min(calls.filter((c) => c === hostname).length - 1, answers.length - 1)];
    callback(
      null,
      answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  }) as Resolver & { calls: string[] };
  fn.calls = calls;
  return fn;
}

describe('webhook destinations', () => {
  it('allows only public unicast addresses, unless the operator names a range', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2001:4860:4860::8888']) expect([address, addressAllowed(address, none)]).toEqual([address, true]);
    const refused = [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.100.100.200',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      'ff02::1',
      'fe80::1',
      'fd00::1',
      'fc00::1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::7f00:1',
      '2002:7f00:1::1',
      '255.255.255.255',
      'not-an-address',
    ];
    for (const address of refused) expect([address, addressAllowed(address, none)]).toEqual([address, false]);
    const onPrem = allowanceOf(['10.20.0.0/16', '127.0.0.1', 'receiver.kommune.local']);
    expect(addressAllowed('10.20.3.4', onPrem)).toBe(true);
    expect(addressAllowed('10.21.3.4', onPrem)).toBe(false);
    expect(addressAllowed('127.0.0.1', onPrem)).toBe(true);
    expect(addressAllowed('127.0.0.2', onPrem)).toBe(false);
  });

  it('reads WEBHOOK_ALLOW_PRIVATE (off by default) and refuses a malformed range at startup', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).webhookAllowPrivate).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE: ' Receiver.Kommune.local , 10.20.0.0/16,127.0.0.1' }).webhookAllowPrivate).toEqual([
      'receiver.kommune.local',
      '10.20.0.0/16',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE: '10.0.0.0/99' })).toThrow('WEBHOOK_ALLOW_PRIVATE: "10.0.0.0/99" is not an address range');
  });

  it('checks every address a name resolves to when the webhook is set', async () => {
    const dns = resolver({ 'public.example': [['93.184.215.14']], 'mixed.example': [['93.184.215.14', '10.0.0.7']], 'inside.example': [['::1']] });
    const check = (url: string, allow = none) => checkDestination(new URL(url), allow, dns);
    expect(await check('https://public.example/hook')).toBe('allowed');
    expect(await check('https://mixed.example/hook')).toBe('refused');
    expect(await check('https://inside.example/hook')).toBe('refused');
    expect(await check('https://nowhere.example/hook')).toBe('unresolved');
    expect(await check('https://metadata.google.internal/computeMetadata/v1/')).toBe('refused');
    expect(await check('https://INSTANCE-DATA./latest')).toBe('refused');
    expect(await check('https://a.localhost/')).toBe('refused');
    // Every spelling of a private address is its canonical form after the URL parser.
    for (const url of ['https://2130706433/', 'https://0x7f000001/', 'https://0177.0.0.1/', 'https://127.1/', 'https://[::ffff:127.0.0.1]/', 'https://[0:0:0:0:0:0:0:1]/', 'https://0/']) {
      expect([url, await check(url)]).toEqual([url, 'refused']);
    }
    expect(dns.calls).not.toContain('metadata.google.internal');
    // The operator's exceptions: a named on-premises receiver, or its range.
    expect(await check('https://inside.example/hook', allowanceOf(['inside.example']))).toBe('allowed');
    expect(await check('https://mixed.example/hook', allowanceOf(['10.0.0.0/8']))).toBe('allowed');
  });

  describe('the connection', () => {
    let connections = 0;
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests += 1;
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    server.on('connection', () => (connections += 1));
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const post = (host: string, lookup: ReturnType<typeof guardedLookup>) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host, port, path: '/hook', method: 'POST', agent: false, lookup }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end('{}');
      });

    it('connects to exactly the address it checked: a name that rebinds to loopback after the check is refused in the socket', async () => {
      // First answer public (what a set-time check would see), then loopback (what a rebinding server answers next).
      const dns = resolver({ 'rebind.example': [['93.184.215.14'], ['127.0.0.1']] });
      expect(await checkDestination(new URL('https://rebind.example/'), none, dns)).toBe('allowed');
      const before = connections;
      await expect(post('rebind.example', guardedLookup(none, dns))).rejects.toBeInstanceOf(RefusedDestination);
      await expect(post('localhost', guardedLookup(none))).rejects.toBeInstanceOf(RefusedDestination);
      expect(connections).toBe(before);
      // A name the operator allowed, resolved by the same lookup, does connect (to the checked address).
      const onPrem = resolver({ 'receiver.kommune.local': [['127.0.0.1']] });
      expect(await post('receiver.kommune.local', guardedLookup(allowanceOf(['receiver.kommune.local']), onPrem))).toBe(204);
      expect(await post('receiver.kommune.local', guardedLookup(allowanceOf(['127.0.0.1']), onPrem))).toBe(204);
      expect(requests).toBe(2);
    });
  });
});

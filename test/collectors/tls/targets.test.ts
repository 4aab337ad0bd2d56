import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTarget, loadTargetsFile, parseTarget, parseTargetArgs, parseTargetList } from '../../../src/collectors/tls/targets.js';
import { InputError } from '../../../src/util/errors.js';

describe('parseTarget', () => {
  it.each([
    ['example.com:443', { id: 'example.com:443', host: 'example.com', port: 443 }],
    ['Example.COM.:8443', { id: 'example.com:8443', host: 'example.com', port: 8443 }],
    ['example.com', { id: 'example.com:443', host: 'example.com', port: 443 }],
    ['127.0.0.1:8443', { id: '127.0.0.1:8443', host: '127.0.0.1', port: 8443 }],
    ['[::1]:443', { id: '[::1]:443', host: '::1', port: 443 }],
    ['[2001:db8::1]', { id: '[2001:db8::1]:443', host: '2001:db8::1', port: 443 }],
    ['10.0.0.5:443@api.example.com', { id: '10.0.0.5:443@api.example.com', host: '10.0.0.5', port: 443, sni: 'api.example.com' }],
    ['[::1]:8443@Localhost', { id: '[::1]:8443@localhost', host: '::1', port: 8443, sni: 'localhost' }],
    ['https://127.0.0.1:8443', { id: '127.0.0.1:8443', host: '127.0.0.1', port: 8443, https: true }],
    ['tls://mail.example.com:465/', { id: 'mail.example.com:465', host: 'mail.example.com', port: 465, https: false }],
  ])('%s', (raw, expected) => {
    expect(parseTarget(raw)).toEqual(expected);
  });

  it.each([
    ['example.com:0', /not a port/],
    ['example.com:65536', /not a port/],
    ['example.com:https', /not a port/],
    ['::1:443', /IPv6 addresses must be in brackets/],
    ['[::1:443', /missing "\]"/],
    ['[example.com]:443', /not an IPv6 address/],
    ['exa mple.com:443', /not a valid host name/],
    ['-bad-.com:443', /not a valid host name/],
    ['host:443@10.0.0.1', /IP addresses cannot be sent as SNI/],
    ['ftp://host:21', /unsupported scheme/],
    ['https://host/path', /no path/],
  ])('rejects %s', (raw, reason) => {
    expect(() => parseTarget(raw, 'targets.txt', 'line 3')).toThrow(InputError);
    try {
      parseTarget(raw, 'targets.txt', 'line 3');
    } catch (err) {
      const e = err as InputError;
      expect(e.message).toMatch(reason);
      expect(e.file).toBe('targets.txt');
      expect(e.place).toBe('line 3');
      expect(e.fix).toMatch(/host:port/);
    }
  });

  it('round-trips through formatTarget', () => {
    for (const raw of ['https://[::1]:8443@localhost', 'a.example:443', 'tls://b.example:993'])
      expect(parseTarget(formatTarget(parseTarget(raw)))).toEqual(parseTarget(raw));
  });
});

describe('parseTargetList', () => {
  it('skips comments and blank lines, keeps order, drops duplicates', () => {
    const text = '# production\n\nexample.com:443   # main site\n  [::1]:8443@localhost\r\nexample.com:443\n';
    expect(parseTargetList(text, 'targets.txt').map((t) => t.id)).toEqual(['example.com:443', '[::1]:8443@localhost']);
  });

  it('names the file, the line and the fix for a malformed line', () => {
    const text = 'ok.example:443\n# fine\nbad host:443\n';
    expect(() => parseTargetList(text, 'targets.txt')).toThrow(
      expect.objectContaining({ file: 'targets.txt', place: 'line 3', fix: 'put one target per line' }),
    );
    expect(() => parseTargetList('ok.example:443\nnope:99999\n', 'targets.txt')).toThrow(expect.objectContaining({ file: 'targets.txt', place: 'line 2' }));
  });
});

describe('parseTargetArgs', () => {
  it('splits commas and spaces', () => {
    expect(parseTargetArgs(['a.example:443,b.example:8443', 'c.example']).map((t) => t.id)).toEqual(['a.example:443', 'b.example:8443', 'c.example:443']);
  });
  it('names the option and the bad item', () => {
    expect(() => parseTargetArgs(['a.example:443,b:x'])).toThrow(expect.objectContaining({ file: '--tls', place: '"b:x"' }));
  });
});

describe('loadTargetsFile', () => {
  it('reads a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-tls-'));
    const file = join(dir, 'targets.txt');
    await writeFile(file, '127.0.0.1:8443\nhttps://[::1]:8443@localhost # dev\n');
    expect(await loadTargetsFile(file)).toEqual(['127.0.0.1:8443', 'https://[::1]:8443@localhost']);
  });
  it('rejects a missing or empty file with the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-tls-'));
    await expect(loadTargetsFile(join(dir, 'nope.txt'))).rejects.toMatchObject({
      name: 'InputError',
      file: join(dir, 'nope.txt'),
      message: expect.stringMatching(/ENOENT/),
    });
    await writeFile(join(dir, 'empty.txt'), '# nothing\n');
    await expect(loadTargetsFile(join(dir, 'empty.txt'))).rejects.toMatchObject({ message: 'no targets in the file' });
  });
});

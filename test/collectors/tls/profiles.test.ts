import { describe, expect, it } from '@jest/globals';
import {
  allowedByProfile,
  groupName,
  hasForwardSecrecy,
  keyExchangeOutsideProfile,
  MOZILLA_PROFILES,
  suiteWeaknesses,
} from '../../../policies/_lib/tls-profiles.js';
import { CIPHER_TABLE } from '../../../src/collectors/tls/cipher-table.js';
import { candidatesFor, isForwardSecret } from '../../../src/collectors/tls/suites.js';
import { parseHsts, parseHttpHead } from '../../../src/collectors/tls/hsts.js';

describe('suite classification', () => {
  it.each([
    ['TLS_AES_128_GCM_SHA256', []],
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', []],
    ['TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', []],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', ['CBC']],
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', ['no-FS']],
    ['TLS_RSA_WITH_AES_256_CBC_SHA256', ['CBC', 'no-FS']],
    ['TLS_RSA_WITH_NULL_MD5', ['NULL', 'MD5', 'no-FS']],
    ['TLS_ECDH_anon_WITH_AES_128_CBC_SHA', ['aNULL', 'CBC']],
    ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', ['EXPORT', 'RC4', 'MD5', 'no-FS']],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', ['3DES', 'CBC', 'no-FS']],
    ['TLS_DHE_RSA_WITH_DES_CBC_SHA', ['DES', 'CBC']],
    ['TLS_ECDHE_RSA_WITH_RC4_128_SHA', ['RC4']],
  ])('%s → %j', (iana, expected) => {
    expect(suiteWeaknesses({ iana })).toEqual(expected);
  });

  it('flags DHE groups under 2048 bits from the handshake', () => {
    expect(suiteWeaknesses({ iana: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', keyExchange: { type: 'DH', size: 1024 } })).toEqual(['DH<2048']);
    expect(suiteWeaknesses({ iana: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', keyExchange: { type: 'DH', size: 2048 } })).toEqual([]);
  });

  it('takes forward secrecy from the collector when it has it (a cipher name it could not map)', () => {
    expect(suiteWeaknesses({ iana: 'ECDHE-RSA-SOMETHING-NEW', forwardSecrecy: true })).toEqual([]);
    expect(suiteWeaknesses({ iana: 'ECDHE-RSA-SOMETHING-NEW' })).toEqual(['no-FS']);
  });

  it('names key-exchange groups as the guidelines do and grades them against the profile', () => {
    expect(groupName({ type: 'ECDH', name: 'prime256v1', size: 256 })).toBe('secp256r1');
    expect(groupName({ type: 'ECDH', name: 'X25519', size: 253 })).toBe('X25519');
    expect(groupName({ type: 'DH', size: 1024 })).toBe('DH-1024');
    const i = MOZILLA_PROFILES.intermediate;
    for (const ok of [
      { type: 'ECDH', name: 'X25519', size: 253 },
      { type: 'ECDH', name: 'prime256v1', size: 256 },
      { type: 'ECDH', name: 'secp384r1', size: 384 },
    ])
      expect(keyExchangeOutsideProfile(i, ok)).toBeNull();
    expect(keyExchangeOutsideProfile(i, null)).toBeNull();
    expect(keyExchangeOutsideProfile(i, { type: 'ECDH', name: 'secp521r1', size: 521 })).toBe('group secp521r1 (521 bits) not in the profile');
    expect(keyExchangeOutsideProfile(i, { type: 'ECDH', name: 'X448', size: 448 })).toMatch(/X448/);
    expect(keyExchangeOutsideProfile(MOZILLA_PROFILES.modern, { type: 'DH', size: 4096 })).toBe('group DH-4096 (4096 bits) not in the profile');
  });

  it('agrees with the cipher table on forward secrecy for every suite', () => {
    for (const c of CIPHER_TABLE)
      if (!/PSK|SRP/.test(c.kx)) expect({ s: c.iana, fs: hasForwardSecrecy(c.iana) }).toEqual({ s: c.iana, fs: isForwardSecret(c) });
  });

  it('Mozilla v6.0 profiles', () => {
    const i = MOZILLA_PROFILES.intermediate;
    expect(i.protocols).toEqual(['tls1_2', 'tls1_3']);
    expect(allowedByProfile(i, 'tls1_2', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')).toBe(true);
    expect(allowedByProfile(i, 'tls1_2', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384')).toBe(false);
    expect(allowedByProfile(i, 'tls1_1', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')).toBe(false);
    expect(allowedByProfile(i, 'tls1_3', 'TLS_AES_128_CCM_SHA256')).toBe(false);
    expect(allowedByProfile(MOZILLA_PROFILES.modern, 'tls1_2', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')).toBe(false);
    // Every allowed suite exists in the table and has no weakness.
    for (const n of [...i.tls12Suites, ...i.tls13Suites]) {
      expect(CIPHER_TABLE.some((c) => c.iana === n)).toBe(true);
      expect(suiteWeaknesses({ iana: n })).toEqual([]);
    }
  });
});

describe('candidate suites', () => {
  it('are per protocol, without PSK/SRP, and include NULL and anonymous suites', () => {
    const t12 = candidatesFor('tls1_2').map((c) => c.openssl);
    const t10 = candidatesFor('tls1_0').map((c) => c.openssl);
    expect(
      candidatesFor('tls1_3')
        .map((c) => c.iana)
        .sort(),
    ).toEqual(['TLS_AES_128_CCM_8_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']);
    expect(t12).toEqual(expect.arrayContaining(['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA', 'NULL-SHA256', 'AECDH-AES128-SHA', 'CAMELLIA128-SHA']));
    expect(t10).toContain('ECDHE-RSA-AES128-SHA');
    expect(t10).not.toContain('ECDHE-RSA-AES128-GCM-SHA256');
    expect([...t12, ...t10].some((n) => /PSK|SRP/.test(n))).toBe(false);
    expect(t10.every((n) => t12.includes(n))).toBe(true);
  });
});

describe('HSTS parsing', () => {
  it.each([
    ['max-age=31536000; includeSubDomains; preload', { maxAge: 31536000, includeSubDomains: true, preload: true }],
    ['MAX-AGE="600"', { maxAge: 600, includeSubDomains: false, preload: false }],
    ['max-age=abc', { maxAge: null, includeSubDomains: false, preload: false }],
    ['includeSubDomains', { maxAge: null, includeSubDomains: true, preload: false }],
  ])('%s', (v, expected) => expect(parseHsts(v)).toEqual(expected));

  it('takes the first header and the status code', () => {
    const head = 'HTTP/1.1 301 Moved\r\nLocation: /x\r\nstrict-transport-security: max-age=100\r\nStrict-Transport-Security: max-age=999999\r\n';
    expect(parseHttpHead(head)).toEqual({ statusCode: 301, present: true, header: 'max-age=100', maxAge: 100, includeSubDomains: false, preload: false });
    expect(parseHttpHead('HTTP/1.0 200 OK\r\nServer: x')).toMatchObject({ statusCode: 200, present: false, header: null, maxAge: null });
    expect(parseHttpHead('SSH-2.0-OpenSSH')).toBeNull();
  });
});

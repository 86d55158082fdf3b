import { describe, expect, it } from 'vitest';
import { hostOf, isSameParty, registrableDomain } from '../../../src/shared/party.js';

describe('registrableDomain', () => {
  it.each([
    ['www.example.se', 'example.se'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['a.b.c.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['www.facebook.com', 'facebook.com'],
    ['connect.facebook.net', 'facebook.net'],
    ['www.fixture-a.test', 'fixture-a.test'],
    ['tracker.local.test', 'local.test'],
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['[::1]', '[::1]'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('isSameParty', () => {
  it('treats subdomains of one registrable domain as one party, across public suffixes', () => {
    expect(isSameParty('shop.example.co.uk', 'www.example.co.uk')).toBe(true);
    expect(isSameParty('www.example.se', 'api.example.se')).toBe(true);
    expect(isSameParty('example.se', 'www.example.se')).toBe(true);
  });

  it('never decides by string prefix or suffix', () => {
    expect(isSameParty('example.com', 'notexample.com')).toBe(false);
    expect(isSameParty('example.co.uk', 'other.co.uk')).toBe(false);
    expect(isSameParty('www.example.se', 'www.example.se.evil.com')).toBe(false);
  });

  it('uses the last two labels for hosts the PSL does not know', () => {
    expect(isSameParty('www.shop.test', 'pay.shop.test')).toBe(true);
    expect(isSameParty('www.shop.test', 'www.tracker.test')).toBe(false);
  });

  it('compares IP addresses whole', () => {
    expect(isSameParty('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(isSameParty('127.0.0.1', '10.0.0.1')).toBe(false);
    expect(isSameParty('10.0.0.1', '192.168.0.1')).toBe(false);
  });
});

describe('hostOf', () => {
  it('gives the host of a URL and undefined for anything else', () => {
    expect(hostOf('https://www.example.se:8443/kontakt?x=1')).toBe('www.example.se');
    expect(hostOf('about:blank')).toBeUndefined();
    expect(hostOf('not a url')).toBeUndefined();
    expect(hostOf('')).toBeUndefined();
  });
});

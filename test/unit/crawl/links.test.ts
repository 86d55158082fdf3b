import { describe, expect, it } from 'vitest';
import { rankLinks } from '../../../src/crawl/links.js';

describe('rankLinks', () => {
  it('puts pages that likely hold forms first and keeps document order within each group', () => {
    const urls = [
      'https://www.example.se/om-oss',
      'https://www.example.se/kontakt',
      'https://www.example.se/nyheter/2026',
      'https://www.example.se/forsakring/offert',
      'https://www.example.se/',
      'https://www.example.se/boka-tid',
      'https://www.example.se/jobb',
    ];
    expect(rankLinks(urls)).toEqual([
      'https://www.example.se/kontakt',
      'https://www.example.se/forsakring/offert',
      'https://www.example.se/boka-tid',
      'https://www.example.se/om-oss',
      'https://www.example.se/nyheter/2026',
      'https://www.example.se/',
      'https://www.example.se/jobb',
    ]);
  });

  it('recognises form pages in the audited languages', () => {
    for (const path of ['/tilbud', '/tarjous', '/angebot', '/devis', '/offerte', '/presupuesto', '/preventivo', '/contatti', '/yhteystiedot', '/bestill', '/varaa', '/checkout', '/kassa', '/register', '/sign-up', '/signup', '/newsletter', '/nyhetsbrev', '/ansok', '/apply', '/contact-form']) {
      expect(rankLinks([`https://x.example/plain`, `https://x.example${path}`])[0]).toBe(`https://x.example${path}`);
    }
  });

  it('looks at the path only, not the host or query', () => {
    const urls = ['https://kontakt.example.se/', 'https://www.example.se/?ref=contact', 'https://www.example.se/contact'];
    expect(rankLinks(urls)).toEqual(['https://www.example.se/contact', 'https://kontakt.example.se/', 'https://www.example.se/?ref=contact']);
  });

  it('returns a new array and leaves the input alone', () => {
    const urls = ['https://a.example/x', 'https://a.example/kontakt'];
    const ranked = rankLinks(urls);
    expect(ranked).not.toBe(urls);
    expect(urls).toEqual(['https://a.example/x', 'https://a.example/kontakt']);
    expect(rankLinks([])).toEqual([]);
  });
});

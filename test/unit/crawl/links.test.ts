import { describe, expect, it } from 'vitest';
import { CrawlQueue, formLikelihood, rankLinks } from '../../../src/crawl/links.js';

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

describe('formLikelihood', () => {
  it('ranks form pages first, legal text and careers last', () => {
    expect(formLikelihood('https://x.se/forsakring/offert')).toBe(0);
    expect(formLikelihood('https://x.se/kassa')).toBe(0);
    expect(formLikelihood('https://x.se/logga-in')).toBe(0);
    expect(formLikelihood('https://x.se/om-oss')).toBe(1);
    expect(formLikelihood('https://x.se/integritetspolicy')).toBe(2);
    expect(formLikelihood('https://x.se/jobb')).toBe(2);
  });
  it('does not read "form", "book" or "pris" inside other words', () => {
    expect(formLikelihood('https://x.se/information')).toBe(1);
    expect(formLikelihood('https://x.se/facebook-page')).toBe(1);
    expect(formLikelihood('https://x.se/enterprise')).toBe(1);
  });
});

describe('CrawlQueue', () => {
  it('serves the start page, then form pages before others, shallow before deep, first found first', () => {
    const q = new CrawlQueue();
    q.add({ url: 'https://x.se/', depth: 0, source: 'start' });
    q.add({ url: 'https://x.se/om-oss', depth: 1, source: 'link' });
    q.add({ url: 'https://x.se/jobb', depth: 1, source: 'link' });
    q.add({ url: 'https://x.se/nyheter', depth: 1, source: 'sitemap' });
    q.add({ url: 'https://x.se/tjanster/offert', depth: 2, source: 'link' });
    q.add({ url: 'https://x.se/kontakt', depth: 1, source: 'sitemap' });
    q.add({ url: 'https://x.se/om-oss/', depth: 2, source: 'link' }); // the same page again
    const order: string[] = [];
    for (let next = q.next(); next; next = q.next()) order.push(`${new URL(next.url).pathname}:${next.source}`);
    expect(order).toEqual(['/:start', '/kontakt:sitemap', '/tjanster/offert:link', '/om-oss:link', '/nyheter:sitemap', '/jobb:link']);
    expect(q.size).toBe(0);
  });
});

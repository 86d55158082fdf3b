import { describe, expect, it } from 'vitest';
import { parseSitemap, sitemapsFromRobots } from '../../../src/crawl/sitemap.js';

describe('sitemapsFromRobots', () => {
  it('reads every Sitemap line, any case, relative ones against robots.txt', () => {
    const robots = 'User-agent: *\nDisallow: /admin/\nSitemap: https://www.x.se/sitemap_index.xml\nsitemap:/extra.xml\r\n# Sitemap: commented\n';
    expect(sitemapsFromRobots(robots, 'https://www.x.se/robots.txt')).toEqual(['https://www.x.se/sitemap_index.xml', 'https://www.x.se/extra.xml']);
    expect(sitemapsFromRobots('User-agent: *\nAllow: /', 'https://www.x.se/robots.txt')).toEqual([]);
  });
});

describe('parseSitemap', () => {
  it('lists the <loc> of a urlset, with entities and CDATA decoded', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://www.x.se/</loc><lastmod>2026-01-01</lastmod></url>
      <url><loc> https://www.x.se/offert?typ=hem&amp;steg=1 </loc></url>
      <url><loc><![CDATA[https://www.x.se/kontakt]]></loc></url></urlset>`;
    expect(parseSitemap(xml)).toEqual({ index: false, locs: ['https://www.x.se/', 'https://www.x.se/offert?typ=hem&steg=1', 'https://www.x.se/kontakt'] });
  });
  it('knows a sitemap index', () => {
    const xml = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://www.x.se/s1.xml</loc></sitemap></sitemapindex>';
    expect(parseSitemap(xml)).toEqual({ index: true, locs: ['https://www.x.se/s1.xml'] });
  });
  it('returns nothing for HTML served at /sitemap.xml', () => {
    expect(parseSitemap('<!doctype html><p>Sidan finns inte</p>')).toEqual({ index: false, locs: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { CookieJar, defaultPath, domainMatches, parseSetCookie, pathMatches } from './cookie-jar';

const u = (text: string) => new URL(text);
const names = (jar: CookieJar, url: string) => jar.cookiesFor(u(url)).map((c) => `${c.name}=${c.value}`);

describe('RFC 6265 matching', () => {
  it('matches domains by suffix after a dot, never for IP addresses', () => {
    expect(domainMatches('api.example.com', 'example.com')).toBe(true);
    expect(domainMatches('example.com', 'example.com')).toBe(true);
    expect(domainMatches('badexample.com', 'example.com')).toBe(false);
    expect(domainMatches('10.0.0.1', '0.0.1')).toBe(false);
  });

  it('matches paths at a slash and derives the default path from the request', () => {
    expect(pathMatches('/a/b', '/a')).toBe(true);
    expect(pathMatches('/a/', '/a/')).toBe(true);
    expect(pathMatches('/ab', '/a')).toBe(false);
    expect(pathMatches('/', '/a')).toBe(false);
    expect(defaultPath('/a/b/c')).toBe('/a/b');
    expect(defaultPath('/a')).toBe('/');
    expect(defaultPath('')).toBe('/');
  });

  it('parses attributes case-insensitively and ignores a pair without "="', () => {
    expect(parseSetCookie('novalue')).toBeUndefined();
    expect(parseSetCookie('=x')).toBeUndefined();
    expect(parseSetCookie('a=b\u0001c')).toBeUndefined();
    expect(parseSetCookie('a=\u20ac')).toBeUndefined();
    expect(parseSetCookie('a=1; DOMAIN=.Example.COM; path=/p; SECURE; httponly; SameSite=Lax; Max-Age=5')).toEqual({
      name: 'a',
      value: '1',
      domain: 'example.com',
      path: '/p',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: 5,
    });
  });
});

describe('CookieJar', () => {
  it('sends a host-only cookie to the host that set it and to no other host', () => {
    const jar = new CookieJar();
    jar.store(u('http://127.0.0.1:8080/login'), 'sid=abc; Path=/');
    expect(names(jar, 'http://127.0.0.1:9090/other')).toEqual(['sid=abc']);
    expect(names(jar, 'http://localhost:8080/login')).toEqual([]);
    expect(names(jar, 'http://127.0.0.2/login')).toEqual([]);
  });

  it('sends a Domain cookie to subdomains, but a host-only one only to its host', () => {
    const jar = new CookieJar();
    jar.store(u('https://api.example.com/'), 'wide=1; Domain=example.com');
    jar.store(u('https://api.example.com/'), 'narrow=2');
    expect(names(jar, 'https://api.example.com/')).toEqual(['wide=1', 'narrow=2']);
    expect(names(jar, 'https://www.example.com/')).toEqual(['wide=1']);
    expect(names(jar, 'https://example.com/')).toEqual(['wide=1']);
    expect(names(jar, 'https://example.org/')).toEqual([]);
  });

  it('refuses a Domain the host is not inside, and a single-label (public suffix) Domain', () => {
    const jar = new CookieJar();
    expect(jar.store(u('https://api.example.com/'), 'a=1; Domain=other.com')).toBe(false);
    expect(jar.store(u('https://api.example.com/'), 'a=1; Domain=com')).toBe(false);
    expect(jar.store(u('http://127.0.0.1/'), 'a=1; Domain=0.0.1')).toBe(false);
    expect(jar.list()).toEqual([]);
  });

  it('sends by path, longest path first', () => {
    const jar = new CookieJar();
    jar.store(u('http://h.test/'), 'root=1; Path=/');
    jar.store(u('http://h.test/'), 'deep=2; Path=/api/v1');
    jar.store(u('http://h.test/api/v1/x'), 'dflt=3');
    expect(names(jar, 'http://h.test/api/v1/x')).toEqual(['deep=2', 'dflt=3', 'root=1']);
    expect(names(jar, 'http://h.test/api/v10')).toEqual(['root=1']);
    expect(names(jar, 'http://h.test/')).toEqual(['root=1']);
  });

  it('expires by Max-Age (over Expires) and by Expires, and a past expiry deletes', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const jar = new CookieJar(() => now);
    jar.store(u('http://h.test/'), 'short=1; Max-Age=60; Expires=Wed, 01 Jan 2031 00:00:00 GMT');
    jar.store(u('http://h.test/'), 'dated=2; Expires=Thu, 01 Jan 2026 00:02:00 GMT');
    jar.store(u('http://h.test/'), 'session=3');
    expect(names(jar, 'http://h.test/')).toEqual(['short=1', 'dated=2', 'session=3']);
    now += 61_000;
    expect(names(jar, 'http://h.test/')).toEqual(['dated=2', 'session=3']);
    now += 60_000;
    expect(names(jar, 'http://h.test/')).toEqual(['session=3']);
    expect(jar.store(u('http://h.test/'), 'session=; Max-Age=0')).toBe(true);
    expect(jar.list()).toEqual([]);
  });

  it('reads the dashed Expires form and keeps no cookie past 400 days', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const jar = new CookieJar(() => now);
    jar.store(u('http://h.test/'), 'dashed=1; Expires=Fri, 01-Jan-2027 00:00:00 GMT');
    jar.store(u('http://h.test/'), 'forever=1; Max-Age=99999999999999999');
    jar.store(u('http://h.test/'), 'far=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT');
    const byName = Object.fromEntries(jar.list().map((c) => [c.name, c.expires]));
    expect(byName).toEqual({
      dashed: '2027-01-01T00:00:00.000Z',
      forever: '2027-02-05T00:00:00.000Z',
      far: '2027-02-05T00:00:00.000Z',
    });
  });

  it('sends a Secure cookie only over https, and takes one only from https', () => {
    const jar = new CookieJar();
    expect(jar.store(u('http://h.test/'), 'plain=1; Secure')).toBe(false);
    jar.store(u('https://h.test/'), 's=1; Secure; HttpOnly');
    expect(names(jar, 'https://h.test/')).toEqual(['s=1']);
    expect(names(jar, 'http://h.test/')).toEqual([]);
    expect(jar.list()[0]).toMatchObject({ secure: true, httpOnly: true, hostOnly: true });
  });

  it('replaces a cookie of the same name, domain and path, and keeps both when the path differs', () => {
    const jar = new CookieJar();
    jar.store(u('http://h.test/'), 'a=1; Path=/');
    jar.store(u('http://h.test/'), 'a=2; Path=/');
    jar.store(u('http://h.test/'), 'a=3; Path=/x');
    expect(jar.list().map((c) => `${c.path}:${c.value}`)).toEqual(['/:2', '/x:3']);
  });

  it('reads every Set-Cookie header of a response and ignores other headers', () => {
    const jar = new CookieJar();
    const stored = jar.storeFromResponse(u('http://h.test/'), [
      ['Set-Cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['X-Set-Cookie', 'c=3'],
    ]);
    expect(stored).toBe(2);
    expect(names(jar, 'http://h.test/')).toEqual(['a=1', 'b=2']);
  });

  it('puts a typed Cookie header first and lets it win by name', () => {
    const jar = new CookieJar();
    jar.store(u('http://h.test/'), 'a=jar');
    jar.store(u('http://h.test/'), 'b=jar');
    expect(jar.cookieHeaderFor(u('http://h.test/'), 'a=typed')).toBe('a=typed; b=jar');
    expect(jar.cookieHeaderFor(u('http://h.test/'), undefined)).toBe('a=jar; b=jar');
    expect(jar.cookieHeaderFor(u('http://other.test/'), undefined)).toBeUndefined();
  });

  it('deletes one cookie and clears one domain or all', () => {
    const jar = new CookieJar();
    jar.store(u('http://one.test/'), 'a=1');
    jar.store(u('http://one.test/'), 'b=1');
    jar.store(u('http://two.test/'), 'c=1');
    expect(jar.delete({ domain: 'one.test', path: '/', name: 'a' })).toBe(true);
    expect(jar.delete({ domain: 'one.test', path: '/', name: 'a' })).toBe(false);
    expect(jar.clear('one.test')).toBe(1);
    expect(jar.list().map((c) => c.name)).toEqual(['c']);
    expect(jar.clear()).toBe(1);
    expect(jar.list()).toEqual([]);
  });

  it('keeps at most 50 cookies per domain, dropping the oldest', () => {
    const jar = new CookieJar();
    for (let i = 0; i < 55; i += 1) jar.store(u('http://h.test/'), `c${i}=1`);
    const kept = jar.list().map((c) => c.name);
    expect(kept).toHaveLength(50);
    expect(kept).not.toContain('c0');
    expect(kept).toContain('c54');
  });
});

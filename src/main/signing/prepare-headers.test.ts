import { describe, expect, it } from 'vitest';
import { wireHost } from './prepare-headers';

describe('wireHost', () => {
  const urls = [
    'https://abc123.execute-api.us-east-1.amazonaws.com/prod',
    'https://ABC123.Execute-API.us-east-1.amazonaws.com:443/prod',
    'http://Example.com:80',
    'http://example.com:8080?x=1',
    'https://example.com.:8443#frag',
    'https://localhost:08443/',
    'http://127.0.0.1:8080/a',
    'http://127.1/a',
    'http://0x7f.0.0.1/a',
    'http://1.2.3.4.5.example/a',
    'https://[::1]:9443/x',
    'https://[0:0:0:0:0:0:0:1]/x',
    'https://bücher.example/x',
    'https://xn--bcher-kva.example/x',
    'https://a_b.example/x',
    'https://example.com:65535/x',
  ];
  it.each(urls)('is the host WHATWG URL gives for %s', (url) => {
    expect(wireHost(url)).toBe(new URL(url).host);
  });

  it('rejects what WHATWG URL rejects', () => {
    expect(() => wireHost('https://example.com:65536/x')).toThrow();
    expect(() => wireHost('http://example.123/a')).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('prefers SIGNET_DATA_DIR, then XDG_DATA_HOME', () => {
    expect(defaultDataDir({ SIGNET_DATA_DIR: '/tmp/a' })).toBe('/tmp/a');
    expect(defaultDataDir({ XDG_DATA_HOME: '/tmp/x' })).toBe('/tmp/x/signet');
    expect(defaultDataDir({ HOME: '/home/u' })).toMatch(/\.local\/share\/signet$/);
  });
});

import { describe, expect, it } from 'vitest';
import { layeredValues, variableLayers } from './variables';

const kv = (key: string, value: string, enabled = true) => ({ key, value, enabled });

describe('variableLayers', () => {
  it('puts the environment first, then the folders innermost first, then the collection', () => {
    expect(variableLayers({ environment: 'env', folders: ['outer', 'inner'], collection: 'coll' })).toEqual([
      'env',
      'inner',
      'outer',
      'coll',
    ]);
    expect(variableLayers({ collection: 'coll' })).toEqual(['coll']);
  });
});

describe('layeredValues', () => {
  it('takes each name from the highest layer that has it enabled', () => {
    const values = layeredValues([
      [kv('host', 'env-host'), kv('off', 'env-off', false)],
      [kv('host', 'folder-host'), kv('off', 'folder-off'), kv('depth', 'a'), kv('depth', 'b')],
    ]);
    expect(Object.fromEntries(values)).toEqual({ host: 'env-host', off: 'folder-off', depth: 'b' });
  });
});

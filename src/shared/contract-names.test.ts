/**
 * The schema-free names the renderer and preload use name exactly the calls and events
 * main validates (src/main/zod-stays-in-main.test.ts checks that they load no schema).
 */
import { describe, expect, it } from 'vitest';
import { calls, events } from './contract';
import { callNames, eventNames, IPC_EVENT_PREFIX, IPC_PREFIX } from './contract-names';

describe('contract names', () => {
  it('callNames are the keys of the call schemas, once each', () => {
    expect(new Set(callNames).size).toBe(callNames.length);
    expect([...callNames].sort()).toEqual(Object.keys(calls).sort());
  });

  it('eventNames are the keys of the event schemas, once each', () => {
    expect(new Set(eventNames).size).toBe(eventNames.length);
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('the IPC prefixes tell calls and events apart', () => {
    expect(IPC_PREFIX).not.toBe(IPC_EVENT_PREFIX);
    expect(IPC_EVENT_PREFIX.startsWith(IPC_PREFIX)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_IPC_PREFIX, EVENT_NAMES, events, isEventName, mayReceive } from '../../electron/api/events';
import { CHANNELS } from '../../electron/api/contract';
import { forwardEvents } from '../../electron/main/event-forward';
import { EventBus, throttle } from '../../electron/services/events';
import { sseMessage } from '../../electron/web/event-stream';

const progress = (jobId: string, done = 0) => ({
  jobId,
  state: 'running' as const,
  phase: 'checking' as const,
  done,
  total: 10,
});

describe('the contract’s events', () => {
  it('are declared once, each with a zod payload and a role, and their names never collide with a channel', () => {
    expect(EVENT_NAMES).toEqual(Object.keys(events));
    expect(EVENT_NAMES).toEqual(expect.arrayContaining(['import.progress', 'export.progress', 'backup.progress']));
    for (const name of EVENT_NAMES) {
      expect(typeof events[name].payload.safeParse).toBe('function');
      expect(['public', 'viewer', 'registrar', 'administrator']).toContain(events[name].access);
      expect(CHANNELS as string[]).not.toContain(name);
      expect(isEventName(name)).toBe(true);
    }
    expect(isEventName('toString')).toBe(false);
    expect(isEventName('io:inspect')).toBe(false);
  });

  it('the preload subscribes only to declared names, on the prefixed ipc channel', () => {
    const preload = readFileSync(new URL('../../electron/preload/preload.ts', import.meta.url), 'utf8');
    expect(preload).toContain('new Set<string>(EVENT_NAMES)');
    expect(preload).toMatch(/if \(!allowedEvents\.has\(name\)\) return/);
    expect(preload).toContain('EVENT_IPC_PREFIX + name');
  });

  it('a role receives an event only if it may: progress of an import is for registrars and above', () => {
    expect(mayReceive(null, 'import.progress')).toBe(false);
    expect(mayReceive('viewer', 'import.progress')).toBe(false);
    expect(mayReceive('registrar', 'import.progress')).toBe(true);
    expect(mayReceive('administrator', 'import.progress')).toBe(true);
    expect(mayReceive('registrar', 'backup.progress')).toBe(false);
    expect(mayReceive('administrator', 'backup.progress')).toBe(true);
  });
});

describe('EventBus', () => {
  it('checks every payload against its declaration before any listener sees it', () => {
    const bus = new EventBus();
    const seen: unknown[] = [];
    bus.subscribe((name, payload) => seen.push([name, payload]));
    expect(() => bus.emit('import.progress', { ...progress('j'), state: 'paused' } as never)).toThrow();
    expect(() => bus.emit('import.progress', { jobId: 'j' } as never)).toThrow();
    expect(seen).toEqual([]);
    bus.emit('import.progress', progress('j', 3));
    expect(seen).toEqual([['import.progress', progress('j', 3)]]);
  });

  it('a failing listener stops neither the others nor the emitter; unsubscribe stops delivery', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const quiet = console.error;
    console.error = () => {};
    try {
      bus.subscribe(() => {
        throw new Error('window gone');
      });
      const off = bus.subscribe((_n, p) => seen.push((p as { jobId: string }).jobId));
      bus.emit('import.progress', progress('a'));
      off();
      bus.emit('import.progress', progress('b'));
    } finally {
      console.error = quiet;
    }
    expect(seen).toEqual(['a']);
  });

  it('throttle sends the first report, each change of key, and at most one per interval otherwise', () => {
    let now = 0;
    let key = 'reading';
    const sent: string[] = [];
    const report = throttle(
      () => sent.push(`${key}@${now}`),
      () => key,
      100,
      () => now,
    );
    report();
    now = 50;
    report();
    key = 'checking';
    report();
    now = 120;
    report();
    now = 151;
    report();
    expect(sent).toEqual(['reading@0', 'checking@50', 'checking@151']);
  });
});

describe('desktop: events to the window (main/event-forward.ts)', () => {
  it('sends each event on tasleem:event:<name> while the signed-in role may receive it, and not to a closed window', () => {
    const bus = new EventBus();
    const sent: [string, unknown][] = [];
    let role: 'viewer' | 'registrar' | null = 'registrar';
    let open = true;
    const off = forwardEvents(
      bus,
      () => (open ? { send: (c, p) => sent.push([c, p]) } : null),
      () => role,
    );
    bus.emit('import.progress', progress('1'));
    role = 'viewer';
    bus.emit('import.progress', progress('2'));
    role = null;
    bus.emit('import.progress', progress('3'));
    role = 'registrar';
    open = false;
    bus.emit('import.progress', progress('4'));
    open = true;
    off();
    bus.emit('import.progress', progress('5'));
    expect(sent).toEqual([[`${EVENT_IPC_PREFIX}import.progress`, progress('1')]]);
  });
});

describe('browser mode: server-sent events (web/event-stream.ts)', () => {
  it('one event is its name and its payload as one line of JSON, ended by a blank line', () => {
    const msg = sseMessage('import.progress', { ...progress('x'), note: 'a\nb' });
    expect(msg).toBe(`event: import.progress\ndata: ${JSON.stringify({ ...progress('x'), note: 'a\nb' })}\n\n`);
    expect(msg.split('\n')).toHaveLength(4);
  });
});

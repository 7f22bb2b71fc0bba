import { AdmissionGate, Refusal } from '../../src/http/admission';
import { nextPlaces, tuneAdmission } from '../../src/http/admission-tuning';

/**
 * The gate on its own (no server): places, first come first served, a bounded line, a bounded
 * wait, clients that left, and places changed while requests are at work.
 */

class Refused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'admitted',
    (e: Refused) => e.reason,
  );
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AdmissionGate', () => {
  it('lets in as many as it has places, then the first in line when a place is given back', async () => {
    const gate = new AdmissionGate(2, 10, 60_000, (r) => new Refused(r));
    const a = await gate.enter();
    await gate.enter();
    const order: string[] = [];
    const c = gate.enter().then((release) => (order.push('c'), release));
    const d = gate.enter().then((release) => (order.push('d'), release));
    await tick();
    expect({ inUse: gate.inUse, waiting: gate.waiting, order }).toEqual({ inUse: 2, waiting: 2, order: [] });
    a();
    a(); // a second call gives nothing back twice
    await tick();
    expect({ inUse: gate.inUse, waiting: gate.waiting, order }).toEqual({ inUse: 2, waiting: 1, order: ['c'] });
    (await c)();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(gate.inUse).toBe(1);
  });

  it('tryEnter takes a free place at once and never waits', () => {
    const gate = new AdmissionGate(1, 10, 60_000, (r) => new Refused(r));
    const release = gate.tryEnter();
    expect(release).toBeInstanceOf(Function);
    expect(gate.tryEnter()).toBeUndefined();
    expect(gate.waiting).toBe(0);
    release!();
    expect(gate.inUse).toBe(0);
  });

  it('refuses at once when the line is full, and one that waited too long when its wait is over', async () => {
    const gate = new AdmissionGate(1, 1, 80, (r) => new Refused(r));
    await gate.enter();
    const started = Date.now();
    const waiting = reasonOf(gate.enter());
    expect(await reasonOf(gate.enter())).toBe('full');
    expect(await waiting).toBe('waited');
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(gate.waiting).toBe(0);
    // With no wait at all, a request that finds no place is refused at once.
    const impatient = new AdmissionGate(1, 10, 0, (r) => new Refused(r));
    await impatient.enter();
    expect(await reasonOf(impatient.enter())).toBe('full');
  });

  it('passes over a request whose client has gone and gives the place to the next', async () => {
    const gate = new AdmissionGate(1, 10, 60_000, (r) => new Refused(r));
    const release = await gate.enter();
    let left = false;
    const leaver = reasonOf(gate.enter(() => left));
    const stayer = gate.enter(() => false);
    left = true;
    release();
    expect(await leaver).toBe('gone');
    (await stayer)();
    expect(gate.inUse).toBe(0);
  });

  it('more places let the line in at once; fewer take effect as requests end', async () => {
    const gate = new AdmissionGate(1, 10, 60_000, (r) => new Refused(r));
    const first = await gate.enter();
    const second = gate.enter();
    const third = gate.enter();
    gate.setPlaces(3);
    const [r2, r3] = await Promise.all([second, third]);
    expect(gate.inUse).toBe(3);
    gate.setPlaces(1);
    const fourth = gate.enter();
    first();
    r2();
    await tick();
    // Two ended, but with one place the third still holds it: the fourth waits.
    expect({ inUse: gate.inUse, waiting: gate.waiting }).toEqual({ inUse: 1, waiting: 1 });
    r3();
    (await fourth)();
    expect(gate.inUse).toBe(0);
  });
});

describe('nextPlaces: the places follow the event loop while requests wait', () => {
  const tuning = { min: 2, max: 32, lagMs: 50 };
  it('a late loop takes a quarter away, never below the least', () => {
    expect(nextPlaces(32, 200, true, tuning)).toBe(24);
    expect(nextPlaces(3, 200, true, tuning)).toBe(2);
    expect(nextPlaces(2, 900, true, tuning)).toBe(2);
  });
  it('a loop on time adds one, never above the most', () => {
    expect(nextPlaces(4, 10, true, tuning)).toBe(5);
    expect(nextPlaces(4, 50, true, tuning)).toBe(5);
    expect(nextPlaces(32, 10, true, tuning)).toBe(32);
  });
  it('nobody waiting: unchanged, however late the loop', () => {
    expect(nextPlaces(4, 10, false, tuning)).toBe(4);
    expect(nextPlaces(20, 500, false, tuning)).toBe(20);
  });
});

describe('tuneAdmission', () => {
  it('takes places away while requests wait on a late event loop, and gives them back once it is on time', async () => {
    const gate = new AdmissionGate(16, 100, 60_000, (r) => new Refused(r));
    const held = await Promise.all(Array.from({ length: 16 }, () => gate.enter()));
    const waiting = Array.from({ length: 4 }, () => gate.enter());
    const stop = tuneAdmission(gate, { min: 2, max: 16, lagMs: 50, everyMs: 100 });
    try {
      // The loop blocked for 250 ms at a time, as a request building a large answer would.
      for (let i = 0; i < 3; i++) {
        const until = Date.now() + 250;
        while (Date.now() < until);
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      const lowered = gate.places;
      expect(lowered).toBeLessThan(16);
      // Now on time, requests still waiting: places come back, one a period.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(gate.places).toBeGreaterThan(lowered);
      for (const release of held) release();
      for (const release of await Promise.all(waiting)) release();
      expect(gate.inUse).toBe(0);
    } finally {
      stop();
    }
  });
});

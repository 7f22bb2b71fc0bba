import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AdmissionGate } from './admission';

export interface AdmissionTuning {
  /** Fewest and most places the gate may have. */
  min: number;
  max: number;
  /** The event loop's delay (99th percentile over one period) this process keeps below, in ms. */
  lagMs: number;
  /** How often the places are adjusted, in ms. */
  everyMs: number;
}

/**
 * Keeps the gate's places (admission.ts) at what this process keeps up with, measured by how late
 * its event loop runs (node:perf_hooks `monitorEventLoopDelay`). What a request costs varies by a
 * hundred times — a list of municipalities against a cold national dashboard — so no fixed number
 * suits both: 4 places cost the small requests a fifth of their throughput, 8 let cold dashboards
 * delay the reading of new requests by seconds (measured: docs/scaling.md "Overload").
 *
 * Each period in which requests waited: a loop later than `lagMs` takes a quarter of the places
 * away (not below `min`), one on time adds one (not above `max`). While nobody waits the places
 * stay as they are: the process keeps up with what arrives, and fewer places would only make the
 * next arrivals wait (a garbage collection's pause is no overload). The loop is watched only
 * while requests wait: a process that keeps up runs no timer for it (a 10 ms sampling timer in an
 * idle API process changed the PostGraphile rig's other server's throughput by a fifth on this
 * VM). Returns the stop.
 */
export function tuneAdmission(gate: AdmissionGate, tuning: AdmissionTuning): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let timer: NodeJS.Timeout | undefined;
  const rest = () => {
    clearInterval(timer);
    timer = undefined;
    delay.disable();
  };
  // Watched only while requests wait: a process that keeps up runs no timer for this at all.
  const watch = () => {
    if (timer) return;
    delay.reset();
    delay.enable();
    timer = setInterval(() => {
      const lagMs = delay.percentile(99) / 1e6;
      delay.reset();
      if (gate.waiting === 0) return rest();
      gate.setPlaces(nextPlaces(gate.places, lagMs, true, tuning));
    }, tuning.everyMs);
    timer.unref();
  };
  gate.whenWaiting(watch);
  if (gate.waiting > 0) watch();
  return rest;
}

/** The rule above, on its own (tested without a clock). */
export function nextPlaces(places: number, lagMs: number, waiting: boolean, tuning: Pick<AdmissionTuning, 'min' | 'max' | 'lagMs'>): number {
  // Nobody waiting: the process keeps up with what arrives, whatever its loop's delay.
  if (!waiting) return Math.min(tuning.max, Math.max(tuning.min, places));
  if (lagMs > tuning.lagMs) return Math.max(tuning.min, Math.min(places - 1, Math.floor(places * 0.75)));
  return Math.min(tuning.max, places + 1);
}

/** The sampling-rate control: 1–50 Hz, applied with `sampler:set-rate`. */
import { useEffect, useRef, useState } from 'react';
import { SAMPLER_DEFAULT_HZ, SAMPLER_MAX_HZ, SAMPLER_MIN_HZ } from '../../shared/samples';
import { useAppState, useServices } from '../app/context';

/**
 * A slider with its value. It shows the rate the host's samples carry, so it follows a change
 * made by any client; while this client's own change is in flight it shows the value asked
 * for. Further moves meanwhile only remember the newest value, which is sent when the answer
 * comes: the host sees at most one call at a time, however fast the slider is dragged.
 */
export function RateControl({ initialHz }: { initialHz: number | null }) {
  const { client } = useServices();
  // The store's newest rate seeds the view when it mounts; the listener below keeps it exact.
  const storeHz = useAppState((s) => s.samples.hz);
  const [sampledHz, setSampledHz] = useState<number | null>(null);
  const [asked, setAsked] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const wanted = useRef<number | null>(null);
  const shown = asked ?? sampledHz ?? storeHz ?? initialHz ?? SAMPLER_DEFAULT_HZ;

  // Listened to directly rather than through the store: pushes and replies arrive in the order
  // the host sent them, so every sample after our reply carries our rate (or a newer one), and
  // the value never flickers back to the old rate.
  useEffect(() => client.api.on('sampler:sample', (sample) => setSampledHz(sample.hz)), [client]);

  const send = (value: number): void => {
    if (inFlight.current) {
      wanted.current = value;
      return;
    }
    inFlight.current = true;
    client.api.invoke('sampler:set-rate', { hz: value }).then(
      (reply) => {
        inFlight.current = false;
        setError(null);
        const next = wanted.current;
        wanted.current = null;
        if (next !== null && next !== reply.hz) {
          send(next);
          return;
        }
        setSampledHz(reply.hz);
        setAsked(null);
      },
      (err: Error) => {
        inFlight.current = false;
        wanted.current = null;
        setError(err.message);
        // Back to the rate the host actually uses.
        setAsked(null);
      },
    );
  };

  // Forget queued values if the view goes away mid-drag.
  useEffect(
    () => () => {
      wanted.current = null;
    },
    [],
  );

  return (
    <label className="rate" title="How often the host samples every CPU">
      <span className="rate-label">Sampling</span>
      <input
        type="range"
        min={SAMPLER_MIN_HZ}
        max={SAMPLER_MAX_HZ}
        step={1}
        value={shown}
        onChange={(e) => {
          const value = Number(e.target.value);
          setAsked(value);
          send(value);
        }}
        data-testid="sampler-rate"
        aria-label="Sampling rate in hertz"
      />
      <span className="mono rate-value" data-testid="sampler-rate-value">
        {shown} Hz
      </span>
      {error && (
        <span className="bad-text" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

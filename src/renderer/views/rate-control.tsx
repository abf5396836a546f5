/** The sampling-rate control: 1–50 Hz, applied with `sampler:set-rate`. */
import { useEffect, useRef, useState } from 'react';
import { SAMPLER_DEFAULT_HZ, SAMPLER_MAX_HZ, SAMPLER_MIN_HZ } from '../../shared/samples';
import { useServices } from '../app/context';

/**
 * A slider with its value. While a rate change is in flight, further moves only remember
 * the newest value, which is sent when the answer comes: the host sees at most one call at
 * a time, however fast the slider is dragged.
 */
export function RateControl({ initialHz }: { initialHz: number | null }) {
  const { client } = useServices();
  const [hz, setHz] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const wanted = useRef<number | null>(null);
  const shown = hz ?? initialHz ?? SAMPLER_DEFAULT_HZ;

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
        if (next !== null && next !== reply.hz) send(next);
        else setHz(reply.hz);
      },
      (err: Error) => {
        inFlight.current = false;
        wanted.current = null;
        setError(err.message);
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
          setHz(value);
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

/**
 * Runs a case's arms (Parascope, its peer, or Parascope in two settings) alternately: one
 * optional warm-up round on small inputs, then `rounds` measured rounds. Each round runs every
 * arm once; the order rotates from round to round, so no arm always runs first (or right after
 * another's heavy clean-up) and slow drift in machine load hits every arm alike.
 */

/** One arm: runs one probe and returns its raw result; `warmup` asks for small inputs. */
export type Arm<R> = (warmup: boolean) => Promise<R>;

/** Raw results per arm, in round order (warm-up results are dropped). */
export type ArmResults<K extends string, R> = Record<K, R[]>;

/** Options of {@link alternate}. */
export interface AlternateOptions {
  rounds: number;
  warmup: boolean;
  /** Called before each probe, for progress output. */
  onProgress?: (line: string) => void;
}

/** Runs `arms` alternately and returns every measured result per arm. */
export async function alternate<K extends string, R>(
  arms: Record<K, Arm<R>>,
  options: AlternateOptions,
): Promise<ArmResults<K, R>> {
  const names = Object.keys(arms) as K[];
  const results = Object.fromEntries(names.map((name) => [name, [] as R[]])) as ArmResults<K, R>;
  if (options.warmup) {
    for (const name of names) {
      options.onProgress?.(`warm-up ${name}`);
      await arms[name](true);
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      options.onProgress?.(`round ${round + 1}/${options.rounds} ${name}`);
      results[name].push(await arms[name](false));
    }
  }
  return results;
}

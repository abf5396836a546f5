/**
 * Runs a case's arms (Parascope, its peer, or Parascope in two settings) alternately: one
 * optional warm-up round on small inputs, then `rounds` measured rounds. Each round runs every
 * arm once; the order rotates from round to round, so no arm always runs first (or right after
 * another's heavy clean-up) and slow drift in machine load hits every arm alike.
 */

/** One arm: runs one probe and returns its raw result; `warmup` asks for small inputs. */
export type Arm<R> = (warmup: boolean) => Promise<R>;

/** Raw results per arm, in round order (warm-up results are dropped). */
export type ArmResults<K extends string, R> = Partial<Record<K, R[]>>;

/** Options of {@link alternate}. */
export interface AlternateOptions {
  rounds: number;
  warmup: boolean;
  /** Called before each probe, for progress output. */
  onProgress?: (line: string) => void;
}

/** Runs the arms given (absent ones are skipped) alternately; returns every measured result per arm. */
export async function alternate<K extends string, R>(
  arms: Partial<Record<K, Arm<R>>>,
  options: AlternateOptions,
): Promise<ArmResults<K, R>> {
  const entries = (Object.entries(arms) as [K, Arm<R> | undefined][]).filter(
    (entry): entry is [K, Arm<R>] => entry[1] !== undefined,
  );
  const results: ArmResults<K, R> = {};
  for (const [name] of entries) results[name] = [];
  if (options.warmup) {
    for (const [name, arm] of entries) {
      options.onProgress?.(`warm-up ${name}`);
      await arm(true);
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < entries.length; i++) {
      const [name, arm] = entries[(i + round) % entries.length]!;
      options.onProgress?.(`round ${round + 1}/${options.rounds} ${name}`);
      results[name]!.push(await arm(false));
    }
  }
  return results;
}

import { getPriority, setPriority } from 'os';

/**
 * Lowers this process's CPU priority to `niceness` (never raises it: an operator's own `nice` stays).
 * Call it first thing in an entry point: threads started later inherit it. Returns the niceness the
 * process runs at, or an error message when the system refused (the process then runs as it was).
 */
export function lowerOwnPriority(niceness: number): { niceness: number } | { refused: string } {
  try {
    const current = getPriority();
    if (niceness > current) setPriority(niceness);
    return { niceness: getPriority() };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

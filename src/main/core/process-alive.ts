/**
 * Whether a process of this machine still runs (signal 0 probes without signalling; EPERM means
 * it runs as another user). The one check behind stale temporary files, body files and locks.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

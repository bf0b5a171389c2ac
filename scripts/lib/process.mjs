/*
 * Stops a child started with `detached: true` (its own process group), and
 * everything it started: SIGTERM to the group, SIGKILL after a grace period.
 */
export async function stopProcessGroup(child, graceMs = 15_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise(r => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await gone;
  clearTimeout(timer);
}

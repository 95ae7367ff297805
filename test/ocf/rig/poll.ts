/**
 * Re-checks a condition every `intervalMs` until it holds or `timeoutMs` passes. Used only
 * where the kernel offers no event to wait on (a process leaving /proc).
 */
export async function pollUntil(
  check: () => boolean,
  opts: { timeoutMs: number; intervalMs: number },
): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs));
  }
}

/**
 * Removes characters that can act on a terminal or change how displayed text reads: C0/C1 controls (ANSI
 * escape sequences start with ESC), DEL, the line and paragraph separators U+2028/U+2029 (a line break to
 * many viewers, which would let a name forge a line of its own), and every Unicode format control (bidi
 * overrides and isolates of "Trojan Source", zero-width characters, the BOM, soft hyphens).
 * Cloud-supplied strings (names, tags, messages built from them) pass through this before printing.
 */
export function stripControls(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '');
}

/** Levenshtein distance (short strings: names, regions). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The candidate closest to `word` (fewest edits; the first of equals), or undefined when there is none. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/**
 * Removes characters that can act on a terminal or reorder displayed text: C0/C1 controls (ANSI escape
 * sequences start with ESC), DEL, and the Unicode bidi overrides/isolates ("Trojan Source").
 * Cloud-supplied strings (names, tags, messages built from them) pass through this before printing.
 */
export function stripControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

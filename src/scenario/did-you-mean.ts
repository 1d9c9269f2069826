/** Edit distance (insert, delete, substitute one character) between two short strings. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate a misspelt word most likely meant: the nearest one within edit distance 2
 * (1 for words under 4 letters; ignoring case), else one that the word is a prefix of or that is a prefix of the word.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  // Short words may differ in fewer letters: `x` should not suggest `id`.
  const limit = Math.min(2, Math.max(1, Math.floor(w.length / 2)));
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  // A prefix match counts only when the shorter word has 3+ letters (`p` is no hint for `primary`).
  return candidates.find((c) => {
    const lc = c.toLowerCase();
    return Math.min(lc.length, w.length) >= 3 && (lc.startsWith(w) || w.startsWith(lc));
  });
}

/** " (did you mean `x`?)" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : ` (did you mean \`${s}\`?)`;
}

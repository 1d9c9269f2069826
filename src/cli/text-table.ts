export type Align = 'left' | 'right';

/**
 * Pads cells so every column lines up; the first column is left-aligned, the rest follow
 * `align` (numbers read best right-aligned). Returns one string per row, without newlines.
 */
export function alignColumns(rows: string[][], align: Align[] = [], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - displayWidth(cell));
          return (align[i] ?? (i === 0 ? 'left' : 'right')) === 'left' ? cell + pad : pad + cell;
        })
        .join('  ')
        .trimEnd(),
  );
}

// Every character we print (✓, ✗, –) is one column wide, so code points suffice.
function displayWidth(text: string): number {
  return [...text].length;
}

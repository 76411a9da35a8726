import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/**
 * Colours text only when the stream is a terminal (and NO_COLOR is not set).
 *
 * @example
 * paint('red', 'overdue', process.stdout);
 */
export function paint(style: Style, s: string, stream: NodeJS.WriteStream = process.stdout): string {
  if (!stream.isTTY || process.env.NO_COLOR !== undefined) return s;
  return styleText(style, s);
}

/**
 * Lays out rows as an aligned plain-text table.
 *
 * @example
 * table(['a', 'b'], [['1', '2']]); // 'a  b\n1  2'
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

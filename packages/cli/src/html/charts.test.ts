import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { columnChart, horizontalBarChart, niceAxis } from './charts';

const series = [
  { key: 'a', label: 'Alpha', color: '#111111' },
  { key: 'b', label: 'Beta', color: '#222222' },
];

const rects = (svg: string) =>
  [
    ...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#\d{6})">/g),
  ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]), fill: m[5] }));

describe('niceAxis', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceAxis(37)).toEqual({ step: 10, max: 40 });
    expect(niceAxis(3)).toEqual({ step: 1, max: 3 });
    expect(niceAxis(0)).toEqual({ step: 1, max: 1 });
    expect(niceAxis(1234)).toEqual({ step: 500, max: 1500 });
  });

  test.prop([fc.integer({ min: 1, max: 10_000_000 })])('covers the value with at most 4 steps', (max) => {
    const a = niceAxis(max);
    expect(a.max).toBeGreaterThanOrEqual(max);
    expect(a.max % a.step).toBe(0);
    expect(a.max / a.step).toBeLessThanOrEqual(4);
    const mag = 10 ** Math.floor(Math.log10(a.step));
    expect([1, 2, 5]).toContain(a.step / mag);
  });
});

describe('horizontalBarChart', () => {
  it('draws one segment per non-zero value, with lengths proportional to the values', () => {
    const out = horizontalBarChart({
      id: 'h',
      title: 'T',
      description: 'D',
      series,
      data: [
        { label: 'first', values: { a: 2, b: 2 } },
        { label: 'second', values: { a: 1, b: 0 } },
      ],
    }).value;
    const r = rects(out);
    expect(r.map((x) => x.fill)).toEqual(['#111111', '#222222', '#111111']);
    expect(r[0]?.width).toBeCloseTo(r[1]?.width ?? 0, 5);
    expect(r[0]?.width).toBeCloseTo(2 * (r[2]?.width ?? 0), 0);
    expect(out).toContain('<title>first: Alpha 2, Beta 2</title>');
    expect(out).toMatch(/role="img" aria-labelledby="h-svg-title"/);
    expect(out).toContain('<li><span class="swatch" style="background:#111111"></span>Alpha</li>');
  });

  it('escapes labels and says when there is nothing to draw', () => {
    const out = horizontalBarChart({
      id: 'h',
      title: 'T <b>',
      description: 'D',
      series,
      data: [{ label: '<script>x</script>', values: { a: 1 } }],
    }).value;
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(out).toContain('T &lt;b&gt;');
    expect(horizontalBarChart({ id: 'e', title: 'T', description: 'D', series, data: [] }).value).toContain(
      'No findings',
    );
  });
});

describe('columnChart', () => {
  it('stacks the segments of a column on top of each other, heights proportional to values', () => {
    const out = columnChart({
      id: 'c',
      title: 'T',
      description: 'D',
      series,
      data: [
        { label: '2026-01', values: { a: 3, b: 1 } },
        { label: '2026-02', values: { a: 0, b: 4 } },
      ],
    }).value;
    const r = rects(out);
    expect(r).toHaveLength(3);
    const [a1, b1, b2] = r as [(typeof r)[0], (typeof r)[0], (typeof r)[0]];
    expect(a1.height).toBeCloseTo(3 * b1.height, 0);
    expect(b1.y + b1.height).toBeCloseTo(a1.y, 5);
    expect(b2.height).toBeCloseTo(a1.height + b1.height, 0);
    expect(out).toContain('<title>2026-02: Alpha 0, Beta 4</title>');
  });
});

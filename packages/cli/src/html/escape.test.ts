import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml, trusted } from './escape';

const decodeEntities = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('writes numbers as text', () => {
    expect(escapeHtml(42)).toBe('42');
  });

  test.prop([fc.string({ unit: 'binary' })])('leaves no markup character and round-trips', (s) => {
    const e = escapeHtml(s);
    expect(e).not.toMatch(/[<>"']/);
    expect(e.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
    expect(decodeEntities(e)).toBe(s);
  });
});

describe('html template', () => {
  it('escapes interpolated text but not safe fragments', () => {
    const inner = html`<b>${'x<y'}</b>`;
    expect(html`<p>${inner} ${'<i>'}</p>`.value).toBe('<p><b>x&lt;y</b> &lt;i&gt;</p>');
  });

  it('joins arrays and drops null, undefined and false', () => {
    expect(
      html`<ul>${['a', '&'].map((x) => html`<li>${x}</li>`)}${null}${undefined}${false}</ul>`.value,
    ).toBe('<ul><li>a</li><li>&amp;</li></ul>');
  });

  it('keeps trusted constant markup', () => {
    expect(html`${trusted('<br>')}`.value).toBe('<br>');
    expect(String(new SafeHtml('<hr>'))).toBe('<hr>');
  });

  test.prop([fc.array(fc.string(), { maxLength: 5 })])('never lets interpolated text open a tag', (parts) => {
    const out = html`<div>${parts}</div>`.value;
    expect(out.slice(5, -6)).not.toMatch(/[<>]/);
    expect(decodeEntities(out.slice(5, -6))).toBe(parts.join(''));
  });
});

const ENTITIES: { readonly [c: string]: string } = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML (and SVG/XML) element content and quoted attribute values: `&`, `<`, `>`, `"` and `'`
 * become character references, so no text can open a tag, close an attribute or start a script.
 *
 * @example
 * escapeHtml('<script>alert("x")</script>'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * A fragment of markup that is already safe: produced by {@link html} (whose interpolations are escaped) or by
 * {@link trusted} for constant markup. Anything else interpolated into {@link html} is escaped.
 *
 * @example
 * const cell = html`<td>${'<b>'}</td>`;
 * cell.value; // '<td>&lt;b&gt;</td>'
 */
export class SafeHtml {
  /** The markup. */
  readonly value: string;
  /** Wraps markup that is known to be safe (use {@link html} or {@link trusted}). */
  constructor(value: string) {
    this.value = value;
  }
  /** The markup, so that a fragment can be written out with `String(fragment)`. */
  toString(): string {
    return this.value;
  }
}

/**
 * A value that {@link html} can interpolate: text and numbers are escaped; nothing, `false`, `null` give nothing.
 *
 * @example
 * const parts: HtmlValue[] = ['a < b', 3, null, html`<br>`];
 */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value as string | number);
}

/**
 * Tagged template for markup: every interpolated value is escaped unless it is itself a {@link SafeHtml}
 * fragment; arrays are joined. Building the whole report with it means no text can be forgotten unescaped.
 *
 * @example
 * const name = 'A & B <Program>';
 * html`<h1>${name}</h1>`.value; // '<h1>A &amp; B &lt;Program&gt;</h1>'
 * html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value; // '<ul><li>a</li><li>b</li></ul>'
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/**
 * Marks constant markup (never data) as safe, e.g. the style sheet.
 *
 * @example
 * trusted('<br>').value; // '<br>'
 */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

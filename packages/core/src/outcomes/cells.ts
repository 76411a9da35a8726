/** A number as the data-set layouts accept it in a cell: digits, an optional sign and decimal point. */
export const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A cell's text as a number when it is one ({@link NUMBER}: then `Number(text)`), else the text. One to nine digits
 * (nearly every answer) are read directly, without the pattern; a property test checks both ways agree.
 *
 * @example
 * numberOrText('007'); // 7
 * numberOrText('2.5'); // 2.5
 * numberOrText('n/a'); // 'n/a'
 */
export function numberOrText(text: string): number | string {
  const n = text.length;
  if (n > 0 && n < 10) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n) return v;
  }
  return NUMBER.test(text) ? Number(text) : text;
}

/** FNV-1a of the UTF-16 code units, as a 32-bit integer. */
function hashOf(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Strings numbered 0, 1, 2... in the order first seen, held as UTF-16 code units in one typed array with an open
 * addressing index: one probe to find or add a string (a `Map` lookup and then a set took two), about 16 bytes a
 * string besides its characters (2 bytes each), and no string, map entry or boxed number per string for the garbage
 * collector to walk. {@link name} gives a string back. A property test checks it numbers and orders strings as a
 * `Map` and `<` would.
 *
 * @example
 * const t = new StringTable();
 * t.of('enr-1'); // 0 (t.added: true)
 * t.of('enr-2'); // 1
 * t.of('enr-1'); // 0 (t.added: false)
 * t.find('enr-3'); // -1
 * t.name(1); // 'enr-2'
 */
export class StringTable {
  /** How many strings were added. */
  size = 0;
  /** Whether the last {@link of} added its string. */
  added = false;
  /** Number + 1 of the string in each slot; 0: empty. Kept at most half full. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(512);
  /** String `no` is `chars[starts[no]]` up to `chars[starts[no + 1]]`. */
  private starts = new Int32Array(513);
  private chars = new Uint16Array(4096);

  /** The number of `text`, which is added when new. */
  of(text: string): number {
    const h = hashOf(text);
    const slot = this.slot(text, h);
    const found = this.slots[slot] as number;
    if (found !== 0) {
      this.added = false;
      return found - 1;
    }
    const no = this.size;
    if (no === this.hashes.length) {
      this.hashes = grow(this.hashes, no * 2);
      this.starts = grow(this.starts, no * 2 + 1);
    }
    const from = this.starts[no] as number;
    const to = from + text.length;
    if (to > this.chars.length) this.chars = grow(this.chars, Math.max(to, this.chars.length * 2));
    for (let i = 0; i < text.length; i++) this.chars[from + i] = text.charCodeAt(i);
    this.starts[no + 1] = to;
    this.hashes[no] = h;
    this.slots[slot] = no + 1;
    this.size = no + 1;
    if (2 * this.size > this.slots.length) this.rehash();
    this.added = true;
    return no;
  }

  /** The number of `text`, or -1 when it was never added. */
  find(text: string): number {
    return (this.slots[this.slot(text, hashOf(text))] as number) - 1;
  }

  /** String number `no`. */
  name(no: number): string {
    const from = this.starts[no] as number;
    const to = this.starts[no + 1] as number;
    let out = '';
    for (let i = from; i < to; i += 4096)
      out += String.fromCharCode.apply(null, Array.from(this.chars.subarray(i, Math.min(to, i + 4096))));
    return out;
  }

  /** Strings `a` and `b` in the order of `<` on strings (code unit by code unit): negative, 0 or positive. */
  compare(a: number, b: number): number {
    const fa = this.starts[a] as number;
    const fb = this.starts[b] as number;
    const na = (this.starts[a + 1] as number) - fa;
    const nb = (this.starts[b + 1] as number) - fb;
    for (let i = 0; i < na && i < nb; i++) {
      const d = (this.chars[fa + i] as number) - (this.chars[fb + i] as number);
      if (d !== 0) return d;
    }
    return na - nb;
  }

  private equals(no: number, text: string): boolean {
    const from = this.starts[no] as number;
    if ((this.starts[no + 1] as number) - from !== text.length) return false;
    for (let i = 0; i < text.length; i++) if (this.chars[from + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private slot(text: string, h: number): number {
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const s = this.slots[i] as number;
      if (s === 0 || (this.hashes[s - 1] === h && this.equals(s - 1, text))) return i;
      i = (i + 1) & mask;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let no = 0; no < this.size; no++) {
      let i = (this.hashes[no] as number) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = no + 1;
    }
    this.slots = slots;
  }
}

function grow<T extends Int32Array | Uint16Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/**
 * The line of each id's first row (the duplicate-id check): {@link seen} gives the first line of an id met before,
 * or records the id with this line and gives undefined. `no` is the number of the last id seen (see
 * {@link StringTable}).
 *
 * @example
 * const f = new FirstLines();
 * f.seen('a1', 2); // undefined
 * f.seen('a1', 5); // 2
 */
export class FirstLines {
  readonly ids = new StringTable();
  /** The number of the id last passed to {@link seen}. */
  no = -1;
  private lines = new Float64Array(1024);

  seen(id: string, line: number): number | undefined {
    const no = this.ids.of(id);
    this.no = no;
    if (!this.ids.added) return this.lines[no];
    if (no === this.lines.length) this.lines = grow(this.lines, no * 2);
    this.lines[no] = line;
    return undefined;
  }
}

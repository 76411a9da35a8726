/** FNV-1a of the UTF-16 code units, as a 32-bit integer. */
function hashOf(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Strings numbered 0, 1, 2... in the order first seen, in typed arrays with open addressing: one probe to find or
 * add a string (a `Map` lookup and then a set took two), about 12 bytes a string besides the string itself, and no
 * boxed number or map entry for the garbage collector to walk. A property test checks it numbers strings as a
 * `Map` would.
 *
 * @example
 * const t = new StringTable();
 * t.of('enr-1'); // 0 (t.added: true)
 * t.of('enr-2'); // 1
 * t.of('enr-1'); // 0 (t.added: false)
 * t.find('enr-3'); // -1
 */
export class StringTable {
  /** The strings, by number. */
  readonly names: string[] = [];
  /** Whether the last {@link of} added its string. */
  added = false;
  /** Number + 1 of the string in each slot; 0: empty. Kept at most half full. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(512);

  /** The number of `text`, which is added when new. */
  of(text: string): number {
    const h = hashOf(text);
    const slot = this.slot(text, h);
    const found = this.slots[slot] as number;
    if (found !== 0) {
      this.added = false;
      return found - 1;
    }
    const no = this.names.length;
    this.names.push(text);
    if (no === this.hashes.length) {
      const grown = new Int32Array(no * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[no] = h;
    this.slots[slot] = no + 1;
    if (2 * (no + 1) > this.slots.length) this.rehash();
    this.added = true;
    return no;
  }

  /** The number of `text`, or -1 when it was never added. */
  find(text: string): number {
    return (this.slots[this.slot(text, hashOf(text))] as number) - 1;
  }

  private slot(text: string, h: number): number {
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const s = this.slots[i] as number;
      if (s === 0 || (this.hashes[s - 1] === h && this.names[s - 1] === text)) return i;
      i = (i + 1) & mask;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let no = 0; no < this.names.length; no++) {
      let i = (this.hashes[no] as number) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = no + 1;
    }
    this.slots = slots;
  }
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
    if (no === this.lines.length) {
      const grown = new Float64Array(no * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[no] = line;
    return undefined;
  }
}

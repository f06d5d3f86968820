/** A record or array that a fold may change in place once it owns it. */
export type Writable<T> = T extends readonly (infer Item)[] ? Item[] : { -readonly [Key in keyof T]: T[Key] };

/**
 * Copy-on-write inside one fold. `own` copies a record or array the first time the fold touches it and hands back
 * the same copy after, so a fold over n events copies each growing record once instead of once per event (linear,
 * not quadratic). Nothing outside the fold is ever changed: a state given to a fold, or returned by an earlier one, is
 * not owned by this draft and is copied before any change. `Draft.copying` (an `evolve` called alone) is plain immutability.
 */
export class Draft {
  /** A draft that owns nothing: every change copies (a lone `evolve` call, plain immutability, nothing allocated). */
  static readonly copying = new Draft(null);

  constructor(private readonly owned: WeakSet<object> | null = new WeakSet<object>()) {}

  own<T extends object>(value: T): Writable<T> {
    if (this.owned?.has(value)) return value as Writable<T>;
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as Writable<T>;
    this.owned?.add(copy as object);
    return copy;
  }

  /** `record` with `key` set to `value`: in place when this draft owns it. */
  set<Value>(record: Readonly<Record<string, Value>>, key: string, value: Value): Record<string, Value> {
    const owned = this.own(record) as Record<string, Value>;
    owned[key] = value;
    return owned;
  }

  /** `record` without `key` (the same record when the key is absent). */
  without<Value>(record: Readonly<Record<string, Value>>, key: string): Readonly<Record<string, Value>> {
    if (!Object.hasOwn(record, key)) return record;
    const owned = this.own(record) as Record<string, Value>;
    delete owned[key];
    return owned;
  }

  /** `list` with `item` appended: in place when this draft owns it. */
  push<Item>(list: readonly Item[], item: Item): Item[] {
    const owned = this.own(list) as Item[];
    owned.push(item);
    return owned;
  }
}

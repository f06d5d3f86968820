/**
 * A memo of at most `limit` answers: when full, the oldest answer is forgotten. Only for pure computations, whose
 * answer for a key never changes.
 */
export class BoundedMemo<Key, Value> {
  private readonly answers = new Map<Key, Value>();

  constructor(private readonly limit: number) {}

  get(key: Key, compute: () => Value): Value {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as Value;
    const value = compute();
    if (this.answers.size >= this.limit) this.answers.delete(this.answers.keys().next().value as Key);
    this.answers.set(key, value);
    return value;
  }
}

/**
 * A memo for values a file repeats (customers, technique lists, currencies): cleared
 * when full, so a file of all-distinct values keeps memory flat instead of growing with it.
 */
export class BoundedCache<V> extends Map<string, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: string, value: V): this {
    if (this.size >= this.limit) this.clear();
    return super.set(key, value);
  }
}

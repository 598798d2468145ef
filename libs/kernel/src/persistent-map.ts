// Immutable maps and sets with string keys for aggregate state. Why: an `evolve` that copies a
// `new Map(previous)` on every event costs O(n) per event, O(n²) to fold a stream, and on a busy
// aggregate (thousands of reservations on one batch) allocates large arrays that only a full GC
// frees. Here `with` and `without` cost O(log n) and share everything else with the previous
// version, which stays valid and unchanged (so `evolve` stays pure: older states can be kept,
// compared or cached). They read like ReadonlyMap / ReadonlySet, iterating in insertion order as a
// Map does (a key keeps its place when its value changes; removed and added again, it goes last).
import { collectLeaves, findLeaf, hashKey, insertLeaf, removeLeaf, TrieLeaf, TrieNode } from './hash-trie';

export class PersistentMap<V> implements ReadonlyMap<string, V> {
  // Private fields (#) are invisible to structural comparisons (Jest's toEqual compares entries).
  readonly #root: TrieNode<V> | undefined;
  readonly #size: number;
  /** Insertion counter: the next new key's place in iteration order. */
  readonly #nextSeq: number;
  /** Leaves in insertion order, built on the first iteration (the map never changes). */
  #ordered: TrieLeaf<V>[] | null = null;

  private constructor(root: TrieNode<V> | undefined, size: number, nextSeq: number) {
    this.#root = root;
    this.#size = size;
    this.#nextSeq = nextSeq;
  }

  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(undefined, 0, 0);
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.with(key, value);
    return map;
  }

  get size(): number {
    return this.#size;
  }

  get(key: string): V | undefined {
    return findLeaf(this.#root, hashKey(key), key)?.value;
  }

  has(key: string): boolean {
    return findLeaf(this.#root, hashKey(key), key) !== undefined;
  }

  /** This map with `key` set to `value`; this one itself when it already holds exactly that. */
  with(key: string, value: V): PersistentMap<V> {
    const hash = hashKey(key);
    const existing = findLeaf(this.#root, hash, key);
    if (existing !== undefined && Object.is(existing.value, value)) return this;
    const seq = existing?.seq ?? this.#nextSeq;
    const root = insertLeaf(this.#root, new TrieLeaf(hash, key, value, seq));
    return existing === undefined ? new PersistentMap(root, this.#size + 1, this.#nextSeq + 1) : new PersistentMap(root, this.#size, this.#nextSeq);
  }

  /** This map without `key`; this one itself when the key is absent. */
  without(key: string): PersistentMap<V> {
    if (this.#root === undefined) return this;
    const root = removeLeaf(this.#root, hashKey(key), key);
    return root === this.#root ? this : new PersistentMap(root, this.#size - 1, this.#nextSeq);
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const leaf of this.leaves()) callback.call(thisArg, leaf.value, leaf.key, this);
  }

  *entries(): MapIterator<[string, V]> {
    for (const leaf of this.leaves()) yield [leaf.key, leaf.value];
  }

  *keys(): MapIterator<string> {
    for (const leaf of this.leaves()) yield leaf.key;
  }

  *values(): MapIterator<V> {
    for (const leaf of this.leaves()) yield leaf.value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'PersistentMap';
  }

  private leaves(): readonly TrieLeaf<V>[] {
    if (this.#ordered === null) this.#ordered = collectLeaves(this.#root, []).sort((a, b) => a.seq - b.seq);
    return this.#ordered;
  }
}

export class PersistentSet implements ReadonlySet<string> {
  readonly #members: PersistentMap<true>;

  private constructor(members: PersistentMap<true>) {
    this.#members = members;
  }

  static empty(): PersistentSet {
    return new PersistentSet(PersistentMap.empty());
  }

  static of(values: Iterable<string>): PersistentSet {
    let set = PersistentSet.empty();
    for (const value of values) set = set.with(value);
    return set;
  }

  get size(): number {
    return this.#members.size;
  }

  has(value: string): boolean {
    return this.#members.has(value);
  }

  /** This set with `value`; this one itself when it is already a member. */
  with(value: string): PersistentSet {
    const members = this.#members.with(value, true);
    return members === this.#members ? this : new PersistentSet(members);
  }

  /** This set without `value`; this one itself when it is not a member. */
  without(value: string): PersistentSet {
    const members = this.#members.without(value);
    return members === this.#members ? this : new PersistentSet(members);
  }

  forEach(callback: (value: string, value2: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const value of this.#members.keys()) callback.call(thisArg, value, value, this);
  }

  *entries(): SetIterator<[string, string]> {
    for (const value of this.#members.keys()) yield [value, value];
  }

  keys(): SetIterator<string> {
    return this.values();
  }

  *values(): SetIterator<string> {
    yield* this.#members.keys();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  get [Symbol.toStringTag](): string {
    return 'PersistentSet';
  }
}

// The nodes of PersistentMap: a hash array mapped trie (Bagwell) over 32-bit string hashes, five
// bits per level. Nodes are never changed once built: an insert or a removal copies the one path
// from the root to the leaf (at most seven small arrays) and shares every other node.

const BITS_PER_LEVEL = 5;
const LEVEL_MASK = 0b11111;

/** One entry. `seq` is the order of first insertion (a Map iterates in that order). */
export class TrieLeaf<V> {
  constructor(
    readonly hash: number,
    readonly key: string,
    readonly value: V,
    readonly seq: number,
  ) {}
}

/** Children present at the bits set in `bitmap`, densely packed in bit order. */
class TrieBranch<V> {
  constructor(
    readonly bitmap: number,
    readonly children: readonly TrieNode<V>[],
  ) {}
}

/** Distinct keys with the same 32-bit hash (only below the last level). */
class TrieCollision<V> {
  constructor(
    readonly hash: number,
    readonly leaves: readonly TrieLeaf<V>[],
  ) {}
}

export type TrieNode<V> = TrieLeaf<V> | TrieBranch<V> | TrieCollision<V>;

/** FNV-1a over UTF-16 code units: fast, and spreads UUID-like keys well. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return hash | 0;
}

/** Set bits of a 32-bit integer. */
export function bitCount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function bitAt(hash: number, shift: number): number {
  return 1 << ((hash >>> shift) & LEVEL_MASK);
}

function slotOf(bitmap: number, bit: number): number {
  return bitCount(bitmap & (bit - 1));
}

export function findLeaf<V>(root: TrieNode<V> | undefined, hash: number, key: string): TrieLeaf<V> | undefined {
  let node = root;
  for (let shift = 0; node !== undefined; shift += BITS_PER_LEVEL) {
    if (node instanceof TrieLeaf) return node.key === key ? node : undefined;
    if (node instanceof TrieCollision) return node.hash === hash ? node.leaves.find((leaf) => leaf.key === key) : undefined;
    const bit = bitAt(hash, shift);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[slotOf(node.bitmap, bit)];
  }
  return undefined;
}

/** A node holding `node` and `leaf`, whose hashes differ (so they part within 32 bits). */
function split<V>(node: TrieLeaf<V> | TrieCollision<V>, leaf: TrieLeaf<V>, shift: number): TrieNode<V> {
  const nodeBit = bitAt(node.hash, shift);
  const leafBit = bitAt(leaf.hash, shift);
  if (nodeBit === leafBit) return new TrieBranch(nodeBit, [split(node, leaf, shift + BITS_PER_LEVEL)]);
  // Unsigned comparison: bit 31 makes a negative int32.
  return new TrieBranch(nodeBit | leafBit, nodeBit >>> 0 < leafBit >>> 0 ? [node, leaf] : [leaf, node]);
}

/** `node` with `leaf` put in (replacing the leaf of the same key). */
export function insertLeaf<V>(node: TrieNode<V> | undefined, leaf: TrieLeaf<V>, shift = 0): TrieNode<V> {
  if (node === undefined) return leaf;
  if (node instanceof TrieLeaf) {
    if (node.key === leaf.key) return leaf;
    return node.hash === leaf.hash ? new TrieCollision(leaf.hash, [node, leaf]) : split(node, leaf, shift);
  }
  if (node instanceof TrieCollision) {
    if (node.hash !== leaf.hash) return split(node, leaf, shift);
    const index = node.leaves.findIndex((existing) => existing.key === leaf.key);
    return new TrieCollision(node.hash, index < 0 ? [...node.leaves, leaf] : replaced(node.leaves, index, leaf));
  }
  const bit = bitAt(leaf.hash, shift);
  const slot = slotOf(node.bitmap, bit);
  if ((node.bitmap & bit) === 0) {
    const children = [...node.children];
    children.splice(slot, 0, leaf);
    return new TrieBranch(node.bitmap | bit, children);
  }
  return new TrieBranch(node.bitmap, replaced(node.children, slot, insertLeaf(node.children[slot], leaf, shift + BITS_PER_LEVEL)));
}

/** `node` without `key`: the same node when the key is absent, undefined when nothing is left. */
export function removeLeaf<V>(node: TrieNode<V>, hash: number, key: string, shift = 0): TrieNode<V> | undefined {
  if (node instanceof TrieLeaf) return node.key === key ? undefined : node;
  if (node instanceof TrieCollision) {
    const rest = node.leaves.filter((leaf) => leaf.key !== key);
    if (rest.length === node.leaves.length) return node;
    return rest.length === 1 ? rest[0] : new TrieCollision(node.hash, rest);
  }
  const bit = bitAt(hash, shift);
  if ((node.bitmap & bit) === 0) return node;
  const slot = slotOf(node.bitmap, bit);
  const child = removeLeaf(node.children[slot], hash, key, shift + BITS_PER_LEVEL);
  if (child === node.children[slot]) return node;
  if (child === undefined) {
    if (node.children.length === 1) return undefined;
    const children = node.children.filter((_, index) => index !== slot);
    // A lone leaf (or collision) needs no branch above it: lookups stop at the first leaf.
    return children.length === 1 && !(children[0] instanceof TrieBranch) ? children[0] : new TrieBranch(node.bitmap ^ bit, children);
  }
  if (node.children.length === 1 && !(child instanceof TrieBranch)) return child;
  return new TrieBranch(node.bitmap, replaced(node.children, slot, child));
}

/** Every leaf under `node`, in trie order. */
export function collectLeaves<V>(node: TrieNode<V> | undefined, into: TrieLeaf<V>[]): TrieLeaf<V>[] {
  if (node === undefined) return into;
  if (node instanceof TrieLeaf) into.push(node);
  else if (node instanceof TrieCollision) into.push(...node.leaves);
  else for (const child of node.children) collectLeaves(child, into);
  return into;
}

function replaced<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = [...items];
  copy[index] = item;
  return copy;
}

/**
 * Where a process's CPU time went, from a V8 `.cpuprofile` (`node --cpu-prof`): self time grouped by
 * component (a harness/mock source folder, an npm package, a node internal module, GC, idle).
 * `npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top N]`. Not a benchmark (no `run()`).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The component a frame belongs to. */
export function componentOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `(native) ${fn || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm ${pkg[1]}`;
  const src = /\/(harness|mock-providers)\/src\/([^/]+)(\/|\.ts)/.exec(url);
  if (src) return `${src[1]}/${src[2]}${src[3] === '/' ? '/' : '.ts'}`;
  const internal = /^node:(?:internal\/)?([^/]+)/.exec(url);
  if (internal) return `node:${internal[1]}`;
  return url.replace(/^file:\/\/.*\/(wt-[^/]+|main)\//, '');
}

/** Our own source component of a frame (`harness/client/`, `mock-providers/sse.ts`), if it is ours. */
const ownComponent = (url: string): string | undefined => {
  const src = /\/(harness|mock-providers)\/src\/([^/]+)(\/|\.ts)/.exec(url);
  return src ? `${src[1]}/${src[2]}${src[3] === '/' ? '/' : '.ts'}` : undefined;
};

/**
 * Self time (ms) per component and per function, busiest first; and per *owner*: the nearest frame
 * of our own code on the stack (so undici time spent for the client counts as the client's).
 */
export function summarize(p: Profile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerCache = new Map<number, string | null>();
  const ownerOf = (id: number): string | null => {
    const hit = ownerCache.get(id);
    if (hit !== undefined) return hit;
    const node = byId.get(id);
    const up = parent.get(id);
    const owner =
      (node ? ownComponent(node.callFrame.url) : undefined) ?? (up === undefined ? null : ownerOf(up));
    ownerCache.set(id, owner);
    return owner;
  };
  const owners = new Map<string, number>();
  const comp = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i] as number);
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    if (!node) continue;
    total += dt;
    const { url, functionName, lineNumber } = node.callFrame;
    const c = componentOf(url, functionName);
    comp.set(c, (comp.get(c) ?? 0) + dt);
    // no frame of ours on the stack (a socket read, a stream callback): the component itself
    const o = c.startsWith('(') ? c : (ownerOf(node.id) ?? `${c} (no own frame)`);
    owners.set(o, (owners.get(o) ?? 0) + dt);
    const f = `${functionName || '(anonymous)'} ${c}:${lineNumber + 1}`;
    fns.set(f, (fns.get(f) ?? 0) + dt);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, components: sorted(comp), owners: sorted(owners), functions: sorted(fns) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [top N]');
  const top = Number(process.argv[3] ?? 25);
  const s = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const busy = s.totalMs - (s.components.find(([c]) => c === '(idle)')?.[1] ?? 0);
  console.log(
    `profile ${(s.totalMs / 1000).toFixed(1)} s wall, ${(busy / 1000).toFixed(1)} s busy (not idle)`,
  );
  const line = ([name, ms]: [string, number]) =>
    `${(ms / 1000).toFixed(2).padStart(8)} s ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${name}`;
  console.log('\nby component (self time, % of busy):');
  for (const c of s.components.slice(0, top)) console.log(line(c));
  console.log('\nby owner (nearest frame of our own code on the stack, % of busy):');
  for (const o of s.owners.slice(0, top)) console.log(line(o));
  console.log('\nby function:');
  for (const f of s.functions.slice(0, top)) console.log(line(f));
}

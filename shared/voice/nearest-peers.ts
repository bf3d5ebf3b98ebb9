/**
 * Whom to connect to in peer-to-peer voice: each person picks their nearest few plus the floor
 * holder, and two people are linked when either picked the other. Both ends compute the same answer
 * from the same room state, so a link is wanted by both or by neither. Interpreters are linked to
 * everyone, outside the nearest few: which language someone listens in never leaves their device, so
 * every listener is connected to every interpreter and routing (interpretation-routing.ts) silences
 * those not chosen.
 */

/** Past this many peers a browser's upload and CPU run out; see docs/voice.md. */
export const MESH_PEER_LIMIT = 8;

export interface MeshMember {
  readonly id: string;
  readonly x: number;
  readonly z: number;
}

const NO_INTERPRETERS: ReadonlySet<string> = new Set();

/**
 * The `limit` members nearest to `self` (ties broken by id), plus the floor holder and every
 * interpreter (`interpreters`, ids); never `self`. An interpreter picks everyone.
 */
export function nearestPeers(
  self: MeshMember,
  members: readonly MeshMember[],
  floorHolderId: string,
  limit: number = MESH_PEER_LIMIT,
  interpreters: ReadonlySet<string> = NO_INTERPRETERS,
): Set<string> {
  if (interpreters.has(self.id))
    return new Set(members.filter((member) => member.id !== self.id).map((member) => member.id));
  const others = members
    .filter((member) => member.id !== self.id && !interpreters.has(member.id))
    .map((member) => ({ id: member.id, distance: Math.hypot(member.x - self.x, member.z - self.z) }))
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen = new Set(others.slice(0, Math.max(0, limit)).map((other) => other.id));
  if (floorHolderId && floorHolderId !== self.id && others.some((other) => other.id === floorHolderId)) {
    chosen.add(floorHolderId);
  }
  for (const member of members)
    if (member.id !== self.id && interpreters.has(member.id)) chosen.add(member.id);
  return chosen;
}

/** The peers `selfId` should be connected to: those it picks and those that pick it. */
export function meshLinks(
  selfId: string,
  members: readonly MeshMember[],
  floorHolderId: string,
  limit: number = MESH_PEER_LIMIT,
  interpreters: ReadonlySet<string> = NO_INTERPRETERS,
): Set<string> {
  const self = members.find((member) => member.id === selfId);
  if (!self) return new Set();
  const links = nearestPeers(self, members, floorHolderId, limit, interpreters);
  for (const other of members) {
    if (other.id === selfId || links.has(other.id)) continue;
    if (nearestPeers(other, members, floorHolderId, limit, interpreters).has(selfId)) links.add(other.id);
  }
  return links;
}

/** Perfect negotiation needs one polite side per pair: the one with the larger id gives way. */
export function isPolitePeer(selfId: string, peerId: string): boolean {
  return selfId > peerId;
}

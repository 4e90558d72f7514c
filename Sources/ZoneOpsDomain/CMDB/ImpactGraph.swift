/// One stored relation: `source` —type→ `target` (the source is the dependent side).
public struct RelationEdge: Sendable, Equatable {
    public var source: String
    public var target: String
    public var type: RelationType

    public init(source: String, target: String, type: RelationType) {
        self.source = source
        self.target = target
        self.type = type
    }
}

/// A CI reached by a failure, with the shortest chain of relations that carries it there.
public struct ImpactedCI: Sendable, Equatable {
    public var id: String
    /// From the failed CI to this one, both ends included.
    public var path: [String]
    /// The relation of each step of `path` (one fewer than `path`).
    public var via: [RelationType]
    public var depth: Int { via.count }
}

/// The relation graph held in memory: impact by breadth-first search over integer indices, and
/// cycle checks for `part_of` / `hosted_on`. Built once from all edges; cheap to query.
public struct ImpactGraph: Sendable {
    private let ids: [String]
    private let index: [String: Int]
    /// For each CI, who is affected when it fails: the sources of its impact-carrying edges.
    private let dependents: [[(node: Int, type: RelationType)]]
    /// Forward edges per type, for cycle checks.
    private let forward: [RelationType: [Int: [Int]]]

    public init(edges: [RelationEdge]) {
        var index: [String: Int] = [:]
        var ids: [String] = []
        func node(_ id: String) -> Int {
            if let n = index[id] { return n }
            index[id] = ids.count
            ids.append(id)
            return ids.count - 1
        }
        var dependents: [[(node: Int, type: RelationType)]] = []
        var forward: [RelationType: [Int: [Int]]] = [:]
        for edge in edges {
            let s = node(edge.source), t = node(edge.target)
            while dependents.count < ids.count { dependents.append([]) }
            if edge.type.carriesImpact { dependents[t].append((s, edge.type)) }
            forward[edge.type, default: [:]][s, default: []].append(t)
        }
        while dependents.count < ids.count { dependents.append([]) }
        self.ids = ids
        self.index = index
        self.dependents = dependents
        self.forward = forward
    }

    public var nodeCount: Int { ids.count }

    /// Everything affected when `id` fails, nearest first, each with its shortest path.
    public func impact(of id: String) -> [ImpactedCI] {
        impact(of: id, pathsFor: Int.max).nearest
    }

    /// Every affected CI's id (nearest first), and the nearest `limit` with their paths: building
    /// paths for thousands of CIs nobody will read is most of the cost on a large estate.
    public func impact(of id: String, pathsFor limit: Int) -> (all: [String], nearest: [ImpactedCI]) {
        guard let start = index[id] else { return ([], []) }
        var previous = [Int](repeating: -1, count: ids.count)
        var via = [RelationType?](repeating: nil, count: ids.count)
        var seen = [Bool](repeating: false, count: ids.count)
        seen[start] = true
        var queue = [start]
        var head = 0
        var order: [Int] = []
        while head < queue.count {
            let current = queue[head]
            head += 1
            for (next, type) in dependents[current] where !seen[next] {
                seen[next] = true
                previous[next] = current
                via[next] = type
                queue.append(next)
                order.append(next)
            }
        }
        let nearest = order.prefix(limit).map { node in
            var path = [node], steps: [RelationType] = []
            var cursor = node
            while cursor != start, let type = via[cursor] {
                steps.append(type)
                cursor = previous[cursor]
                path.append(cursor)
            }
            return ImpactedCI(id: ids[node], path: path.reversed().map { ids[$0] }, via: steps.reversed())
        }
        return (order.map { ids[$0] }, Array(nearest))
    }

    /// Whether adding `source` —type→ `target` closes a loop that the type forbids
    /// (a CI part of itself, or hosted on itself, directly or through others).
    public func wouldCreateCycle(source: String, target: String, type: RelationType) -> Bool {
        if source == target { return true }
        guard type.forbidsCycles, let from = index[target], let goal = index[source] else { return false }
        let edges = forward[type] ?? [:]
        var seen: Set<Int> = [from]
        var stack = [from]
        while let current = stack.popLast() {
            if current == goal { return true }
            for next in edges[current] ?? [] where seen.insert(next).inserted { stack.append(next) }
        }
        return false
    }

    /// What `id`'s failure could be explained by: the CIs it depends on, is part of, hosted on or
    /// connected to (impact-carrying edges followed forward), nearest first, up to `limit` hops.
    /// Event correlation asks this to find a failing root cause above a failing CI.
    public func causes(of id: String, limit: Int = 8) -> [String] {
        guard let start = index[id] else { return [] }
        var seen: Set<Int> = [start]
        var frontier = [start]
        var order: [String] = []
        for _ in 0..<max(0, limit) where !frontier.isEmpty {
            var next: [Int] = []
            for node in frontier {
                for type in RelationType.allCases where type.carriesImpact {
                    for target in forward[type]?[node] ?? [] where seen.insert(target).inserted {
                        next.append(target)
                        order.append(ids[target])
                    }
                }
            }
            frontier = next
        }
        return order
    }
}

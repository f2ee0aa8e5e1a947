/// Edmonds' blossom algorithm for maximum-weight matching in a general graph, with integer duals.
///
/// This follows the primal-dual formulation of Galil ("Efficient algorithms for finding maximum
/// matching in graphs", 1986) as laid out in Joris van Rantwijk's reference implementation, which
/// `networkx.max_weight_matching` also follows; the results are therefore directly comparable.
/// Vertices are `0..<n`, non-trivial blossoms are `n..<2n`. Duals are stored doubled so that integer
/// weights keep every quantity integral. Neighbour lists are compressed (CSR), and the per-stage
/// "allowed edge" flags are stamped rather than cleared, so a stage costs O(n) plus the edges it
/// actually scans; that keeps sparse graphs (pruned candidate lists) fast. Worst case O(n^3).
struct MatchingBlossomSolver {
    private let vertexCount: Int
    private let maxCardinality: Bool
    /// Endpoint `p` is vertex `endpoint[p]` of edge `p / 2`; `p ^ 1` is the other end.
    private let endpoint: [Int]
    private let weight: [Int64]
    /// The adjacency of vertex `v` is `neighbourStart[v]..<neighbourStart[v + 1]`; each entry holds
    /// the remote endpoint `p`, the neighbour, and twice the weight, side by side for fast scans.
    private let neighbourStart: [Int]
    private let neighbourEnds: [Int]
    private let neighbourVertex: [Int]
    private let neighbourWeight2: [Int64]
    /// `entryOfEnd[p]` is the adjacency entry whose remote endpoint is `p`.
    private let entryOfEnd: [Int]

    /// `mate[v]` is the remote endpoint of the matched edge at `v`, or -1.
    private var mate: [Int]
    /// 0 = free, 1 = S (outer), 2 = T (inner); bit 4 marks blossoms during `scanBlossom`.
    private var label: [Int]
    private var labelEnd: [Int]
    private var inBlossom: [Int]
    private var blossomParent: [Int]
    private var blossomChildren: [[Int]]
    private var blossomBase: [Int]
    private var blossomEndpoints: [[Int]]
    private var bestEdge: [Int]
    /// Cached slack of `bestEdge[b]`, valid while `bestSlackEpoch[b] == dualEpoch` (duals unchanged).
    private var bestSlack: [Int64]
    private var bestSlackEpoch: [Int]
    private var dualEpoch = 1
    private var blossomBestEdges: [[Int]?]
    private var unusedBlossoms: [Int]
    private var dual: [Int64]
    /// Per adjacency entry: the edge is usable ("tight") in the stage with this number.
    private var allowStamp: [Int32]
    private var stage: Int32 = 0
    private var queue: [Int] = []
    private var leavesBuffer: [Int] = []
    private var leavesStack: [Int] = []
    private var bestEdgeTo: [Int]
    private var bestEdgeTouched: [Int] = []

    /// Prepares the solver; `edges` must have distinct endpoints in `0..<vertexCount`.
    init(vertexCount: Int, edges: [Matching.Edge], maxCardinality: Bool) {
        let n = vertexCount
        self.vertexCount = n
        self.maxCardinality = maxCardinality
        var endpoint = [Int](repeating: 0, count: 2 * edges.count)
        var weight = [Int64](repeating: 0, count: edges.count)
        var degree = [Int](repeating: 0, count: n + 1)
        var maxWeight: Int64 = 0
        for (k, edge) in edges.enumerated() {
            endpoint[2 * k] = edge.a
            endpoint[2 * k + 1] = edge.b
            weight[k] = edge.weight
            degree[edge.a] += 1
            degree[edge.b] += 1
            maxWeight = max(maxWeight, edge.weight)
        }
        var start = [Int](repeating: 0, count: n + 1)
        for v in 0..<n { start[v + 1] = start[v] + degree[v] }
        var fill = start
        var ends = [Int](repeating: 0, count: 2 * edges.count)
        var vertexOf = [Int](repeating: 0, count: 2 * edges.count)
        var weight2 = [Int64](repeating: 0, count: 2 * edges.count)
        var entryOfEnd = [Int](repeating: 0, count: 2 * edges.count)
        for k in 0..<edges.count {
            let i = endpoint[2 * k]
            let j = endpoint[2 * k + 1]
            ends[fill[i]] = 2 * k + 1
            vertexOf[fill[i]] = j
            weight2[fill[i]] = 2 * weight[k]
            entryOfEnd[2 * k + 1] = fill[i]
            fill[i] += 1
            ends[fill[j]] = 2 * k
            vertexOf[fill[j]] = i
            weight2[fill[j]] = 2 * weight[k]
            entryOfEnd[2 * k] = fill[j]
            fill[j] += 1
        }
        self.endpoint = endpoint
        self.weight = weight
        self.neighbourStart = start
        self.neighbourEnds = ends
        self.neighbourVertex = vertexOf
        self.neighbourWeight2 = weight2
        self.entryOfEnd = entryOfEnd
        mate = [Int](repeating: -1, count: n)
        label = [Int](repeating: 0, count: 2 * n)
        labelEnd = [Int](repeating: -1, count: 2 * n)
        inBlossom = Array(0..<n)
        blossomParent = [Int](repeating: -1, count: 2 * n)
        blossomChildren = [[Int]](repeating: [], count: 2 * n)
        blossomBase = Array(0..<n) + [Int](repeating: -1, count: n)
        blossomEndpoints = [[Int]](repeating: [], count: 2 * n)
        bestEdge = [Int](repeating: -1, count: 2 * n)
        bestSlack = [Int64](repeating: 0, count: 2 * n)
        bestSlackEpoch = [Int](repeating: 0, count: 2 * n)
        blossomBestEdges = [[Int]?](repeating: nil, count: 2 * n)
        unusedBlossoms = Array((n..<(2 * n)).reversed())
        // Doubled duals: vertex duals start at the largest weight, blossom duals at zero.
        dual = [Int64](repeating: maxWeight, count: n) + [Int64](repeating: 0, count: n)
        allowStamp = [Int32](repeating: 0, count: 2 * edges.count)
        bestEdgeTo = [Int](repeating: -1, count: 2 * n)
    }

    /// Runs the algorithm and returns `mate`: the matched vertex of each vertex, or -1.
    mutating func solve() -> [Int] {
        let n = vertexCount
        for _ in 0..<n {
            guard runStage() else { break }
            // End of stage: expand S-blossoms whose dual reached zero.
            for b in n..<(2 * n)
            where blossomParent[b] == -1 && blossomBase[b] >= 0 && label[b] == 1 && dual[b] == 0 {
                expandBlossom(b, endStage: true)
            }
        }
        return mate.map { $0 == -1 ? -1 : endpoint[$0] }
    }

    private func slack(_ k: Int) -> Int64 {
        dual[endpoint[2 * k]] + dual[endpoint[2 * k + 1]] - 2 * weight[k]
    }

    private mutating func allow(_ k: Int) {
        allowStamp[entryOfEnd[2 * k]] = stage
        allowStamp[entryOfEnd[2 * k + 1]] = stage
    }

    /// One stage: grows alternating trees until an augmenting path is found (true) or the
    /// optimum is proven (false).
    private mutating func runStage() -> Bool {
        let n = vertexCount
        stage += 1
        for i in 0..<(2 * n) {
            label[i] = 0
            bestEdge[i] = -1
        }
        for b in n..<(2 * n) { blossomBestEdges[b] = nil }
        queue.removeAll(keepingCapacity: true)
        for v in 0..<n where mate[v] == -1 && label[inBlossom[v]] == 0 {
            assignLabel(v, 1, -1)
        }
        while true {
            if scanQueue() { return true }
            switch computeDelta() {
            case .optimum:
                return false
            case .tightenEdgeFromFree(let k):
                allow(k)
                var i = endpoint[2 * k]
                if label[inBlossom[i]] == 0 { i = endpoint[2 * k + 1] }
                queue.append(i)
            case .tightenEdgeBetweenOuter(let k):
                allow(k)
                queue.append(endpoint[2 * k])
            case .expand(let b):
                expandBlossom(b, endStage: false)
            }
        }
    }

    /// Scans S-vertices in the queue; returns true after augmenting the matching.
    private mutating func scanQueue() -> Bool {
        // The read-only adjacency is scanned through buffer pointers: this loop is the hot path.
        let vertices = neighbourVertex
        let weights2 = neighbourWeight2
        return vertices.withUnsafeBufferPointer { vertexOf in
            weights2.withUnsafeBufferPointer { weight2Of in scanQueue(vertexOf: vertexOf, weight2Of: weight2Of) }
        }
    }

    private mutating func scanQueue(vertexOf: UnsafeBufferPointer<Int>, weight2Of: UnsafeBufferPointer<Int64>) -> Bool {
        while let v = queue.popLast() {
            let dualV = dual[v]
            for index in neighbourStart[v]..<neighbourStart[v + 1] {
                let w = vertexOf[index]
                let bw = inBlossom[w]
                // Not cached outside the loop: a blossom formed mid-scan may have absorbed `v`.
                if inBlossom[v] == bw { continue }
                var kslack: Int64 = 0
                var allowed = allowStamp[index] == stage
                if !allowed {
                    kslack = dualV + dual[w] - weight2Of[index]
                    if kslack <= 0 {
                        let p = neighbourEnds[index]
                        allowStamp[index] = stage
                        allowStamp[entryOfEnd[p ^ 1]] = stage
                        allowed = true
                    }
                }
                if allowed {
                    let p = neighbourEnds[index]
                    let k = p >> 1
                    if label[bw] == 0 {
                        assignLabel(w, 2, p ^ 1)
                    } else if label[bw] == 1 {
                        let base = scanBlossom(v, w)
                        if base >= 0 {
                            addBlossom(base: base, edge: k)
                        } else {
                            augmentMatching(k)
                            return true
                        }
                    } else if label[w] == 0 {
                        label[w] = 2
                        labelEnd[w] = p ^ 1
                    }
                } else if label[bw] == 1 {
                    let k = neighbourEnds[index] >> 1
                    let b = inBlossom[v]
                    if bestEdge[b] == -1 || kslack < cachedBestSlack(b) { setBestEdge(b, k, slack: kslack) }
                } else if label[w] == 0 {
                    let k = neighbourEnds[index] >> 1
                    if bestEdge[w] == -1 || kslack < cachedBestSlack(w) { setBestEdge(w, k, slack: kslack) }
                }
            }
        }
        return false
    }

    /// The slack of `bestEdge[b]`, recomputed only after the duals changed.
    private mutating func cachedBestSlack(_ b: Int) -> Int64 {
        if bestSlackEpoch[b] != dualEpoch {
            bestSlack[b] = slack(bestEdge[b])
            bestSlackEpoch[b] = dualEpoch
        }
        return bestSlack[b]
    }

    private mutating func setBestEdge(_ b: Int, _ k: Int, slack kslack: Int64) {
        bestEdge[b] = k
        bestSlack[b] = kslack
        bestSlackEpoch[b] = dualEpoch
    }

    private enum DualStep {
        case optimum
        case tightenEdgeFromFree(Int)
        case tightenEdgeBetweenOuter(Int)
        case expand(Int)
    }

    /// Chooses the largest dual change that keeps all constraints, applies it, and says what
    /// became tight.
    private mutating func computeDelta() -> DualStep {
        let n = vertexCount
        var deltaType = -1
        var delta: Int64 = 0
        var deltaEdge = -1
        var deltaBlossom = -1
        var minVertexDual = Int64.max
        for v in 0..<n { minVertexDual = min(minVertexDual, dual[v]) }
        if !maxCardinality {
            deltaType = 1
            delta = minVertexDual
        }
        for v in 0..<n where label[inBlossom[v]] == 0 && bestEdge[v] != -1 {
            let d = slack(bestEdge[v])
            if deltaType == -1 || d < delta {
                delta = d
                deltaType = 2
                deltaEdge = bestEdge[v]
            }
        }
        for b in 0..<(2 * n) where blossomParent[b] == -1 && label[b] == 1 && bestEdge[b] != -1 {
            let d = slack(bestEdge[b]) / 2
            if deltaType == -1 || d < delta {
                delta = d
                deltaType = 3
                deltaEdge = bestEdge[b]
            }
        }
        for b in n..<(2 * n)
        where blossomBase[b] >= 0 && blossomParent[b] == -1 && label[b] == 2
            && (deltaType == -1 || dual[b] < delta)
        {
            delta = dual[b]
            deltaType = 4
            deltaBlossom = b
        }
        if deltaType == -1 {
            // Max-cardinality mode with no further progress possible: finish with a final
            // update so that the duals still certify optimality.
            deltaType = 1
            delta = max(0, minVertexDual)
        }
        dualEpoch += 1
        for v in 0..<n {
            let l = label[inBlossom[v]]
            if l == 1 {
                dual[v] -= delta
            } else if l == 2 {
                dual[v] += delta
            }
        }
        for b in n..<(2 * n) where blossomBase[b] >= 0 && blossomParent[b] == -1 {
            if label[b] == 1 {
                dual[b] += delta
            } else if label[b] == 2 {
                dual[b] -= delta
            }
        }
        switch deltaType {
        case 1: return .optimum
        case 2: return .tightenEdgeFromFree(deltaEdge)
        case 3: return .tightenEdgeBetweenOuter(deltaEdge)
        default: return .expand(deltaBlossom)
        }
    }

    /// Collects the vertices inside blossom `b` into `leavesBuffer`.
    private mutating func collectLeaves(_ b: Int) {
        leavesBuffer.removeAll(keepingCapacity: true)
        if b < vertexCount {
            leavesBuffer.append(b)
            return
        }
        leavesStack.removeAll(keepingCapacity: true)
        leavesStack.append(b)
        while let t = leavesStack.popLast() {
            if t < vertexCount {
                leavesBuffer.append(t)
            } else {
                leavesStack.append(contentsOf: blossomChildren[t])
            }
        }
    }

    /// Labels the top-level blossom containing `w` with `t` (1 = S, 2 = T), reached through
    /// endpoint `p`; a T-blossom also labels its mate S.
    private mutating func assignLabel(_ w: Int, _ t: Int, _ p: Int) {
        var w = w
        var t = t
        var p = p
        while true {
            let b = inBlossom[w]
            label[w] = t
            label[b] = t
            labelEnd[w] = p
            labelEnd[b] = p
            bestEdge[w] = -1
            bestEdge[b] = -1
            if t == 1 {
                collectLeaves(b)
                queue.append(contentsOf: leavesBuffer)
                return
            }
            let base = blossomBase[b]
            let mateEnd = mate[base]
            w = endpoint[mateEnd]
            t = 1
            p = mateEnd ^ 1
        }
    }

    /// Traces back from `v` and `w` to find a new blossom's base, or -1 for an augmenting path.
    private mutating func scanBlossom(_ v: Int, _ w: Int) -> Int {
        var v = v
        var w = w
        var path: [Int] = []
        var base = -1
        while v != -1 || w != -1 {
            var b = inBlossom[v]
            if label[b] & 4 != 0 {
                base = blossomBase[b]
                break
            }
            path.append(b)
            label[b] = 5
            if labelEnd[b] == -1 {
                v = -1
            } else {
                v = endpoint[labelEnd[b]]
                b = inBlossom[v]
                v = endpoint[labelEnd[b]]
            }
            if w != -1 { swap(&v, &w) }
        }
        for b in path { label[b] = 1 }
        return base
    }

    /// Builds a new S-blossom with the given base from the cycle closed by edge `k`.
    private mutating func addBlossom(base: Int, edge k: Int) {
        var v = endpoint[2 * k]
        var w = endpoint[2 * k + 1]
        let bb = inBlossom[base]
        var bv = inBlossom[v]
        var bw = inBlossom[w]
        guard let b = unusedBlossoms.popLast() else {
            preconditionFailure("MatchingBlossomSolver: more than n blossoms at once; this is a bug in the solver.")
        }
        blossomBase[b] = base
        blossomParent[b] = -1
        blossomParent[bb] = b
        var path: [Int] = []
        var endps: [Int] = []
        while bv != bb {
            blossomParent[bv] = b
            path.append(bv)
            endps.append(labelEnd[bv])
            v = endpoint[labelEnd[bv]]
            bv = inBlossom[v]
        }
        path.append(bb)
        path.reverse()
        endps.reverse()
        endps.append(2 * k)
        while bw != bb {
            blossomParent[bw] = b
            path.append(bw)
            endps.append(labelEnd[bw] ^ 1)
            w = endpoint[labelEnd[bw]]
            bw = inBlossom[w]
        }
        blossomChildren[b] = path
        blossomEndpoints[b] = endps
        label[b] = 1
        labelEnd[b] = labelEnd[bb]
        dual[b] = 0
        collectLeaves(b)
        for leaf in leavesBuffer {
            if label[inBlossom[leaf]] == 2 {
                // A former T-vertex becomes S: it must now be scanned.
                queue.append(leaf)
            }
            inBlossom[leaf] = b
        }
        // Keep, for each neighbouring S-blossom, only the least-slack edge from the new blossom.
        for sub in path {
            if let list = blossomBestEdges[sub] {
                for k2 in list { considerBestEdge(k2, blossom: b) }
            } else {
                collectLeaves(sub)
                for leaf in leavesBuffer {
                    for index in neighbourStart[leaf]..<neighbourStart[leaf + 1] {
                        considerBestEdge(neighbourEnds[index] >> 1, blossom: b)
                    }
                }
            }
            blossomBestEdges[sub] = nil
            bestEdge[sub] = -1
        }
        var list: [Int] = []
        list.reserveCapacity(bestEdgeTouched.count)
        for bj in bestEdgeTouched {
            list.append(bestEdgeTo[bj])
            bestEdgeTo[bj] = -1
        }
        bestEdgeTouched.removeAll(keepingCapacity: true)
        bestEdge[b] = -1
        bestSlackEpoch[b] = 0
        for k2 in list where bestEdge[b] == -1 || slack(k2) < slack(bestEdge[b]) {
            bestEdge[b] = k2
        }
        blossomBestEdges[b] = list
    }

    private mutating func considerBestEdge(_ k: Int, blossom b: Int) {
        var j = endpoint[2 * k + 1]
        if inBlossom[j] == b { j = endpoint[2 * k] }
        let bj = inBlossom[j]
        guard bj != b, label[bj] == 1 else { return }
        if bestEdgeTo[bj] == -1 {
            bestEdgeTo[bj] = k
            bestEdgeTouched.append(bj)
        } else if slack(k) < slack(bestEdgeTo[bj]) {
            bestEdgeTo[bj] = k
        }
    }

    /// Index into a blossom's cyclic child list, allowing negative positions.
    private func cyclic(_ j: Int, _ count: Int) -> Int {
        let r = j % count
        return r < 0 ? r + count : r
    }

    /// Dissolves blossom `b`; mid-stage (a T-blossom whose dual hit zero) it relabels the
    /// sub-blossoms so the alternating tree stays valid.
    private mutating func expandBlossom(_ b: Int, endStage: Bool) {
        let n = vertexCount
        let children = blossomChildren[b]
        for s in children {
            blossomParent[s] = -1
            if s < n {
                inBlossom[s] = s
            } else if endStage && dual[s] == 0 {
                expandBlossom(s, endStage: endStage)
            } else {
                collectLeaves(s)
                for leaf in leavesBuffer { inBlossom[leaf] = s }
            }
        }
        if !endStage && label[b] == 2 {
            let endps = blossomEndpoints[b]
            let count = children.count
            let entryChild = inBlossom[endpoint[labelEnd[b] ^ 1]]
            var j = children.firstIndex(of: entryChild) ?? 0
            let jstep: Int
            let endptrick: Int
            if j & 1 != 0 {
                j -= count
                jstep = 1
                endptrick = 0
            } else {
                jstep = -1
                endptrick = 1
            }
            var p = labelEnd[b]
            while j != 0 {
                // Relabel the T-sub-blossom.
                label[endpoint[p ^ 1]] = 0
                label[endpoint[endps[cyclic(j - endptrick, count)] ^ endptrick ^ 1]] = 0
                assignLabel(endpoint[p ^ 1], 2, p)
                // Step to the next S-sub-blossom and note its forward endpoint.
                allow(endps[cyclic(j - endptrick, count)] >> 1)
                j += jstep
                p = endps[cyclic(j - endptrick, count)] ^ endptrick
                // Step to the next T-sub-blossom.
                allow(p >> 1)
                j += jstep
            }
            // Relabel the base T-sub-blossom without stepping through to its mate.
            let bv = children[cyclic(j, count)]
            label[endpoint[p ^ 1]] = 2
            label[bv] = 2
            labelEnd[endpoint[p ^ 1]] = p
            labelEnd[bv] = p
            bestEdge[bv] = -1
            j += jstep
            while children[cyclic(j, count)] != entryChild {
                let sub = children[cyclic(j, count)]
                if label[sub] == 1 {
                    j += jstep
                    continue
                }
                collectLeaves(sub)
                if let reached = leavesBuffer.first(where: { label[$0] != 0 }) {
                    label[reached] = 0
                    label[endpoint[mate[blossomBase[sub]]]] = 0
                    assignLabel(reached, 2, labelEnd[reached])
                }
                j += jstep
            }
        }
        label[b] = -1
        labelEnd[b] = -1
        blossomChildren[b] = []
        blossomEndpoints[b] = []
        blossomBase[b] = -1
        blossomBestEdges[b] = nil
        bestEdge[b] = -1
        unusedBlossoms.append(b)
    }

    /// Swaps matched and unmatched edges on the alternating path inside blossom `b` from vertex
    /// `v` to the base, so that `v` becomes the new base.
    private mutating func augmentBlossom(_ b: Int, _ v: Int) {
        let n = vertexCount
        var t = v
        while blossomParent[t] != b { t = blossomParent[t] }
        if t >= n { augmentBlossom(t, v) }
        let children = blossomChildren[b]
        let endps = blossomEndpoints[b]
        let count = children.count
        let i = children.firstIndex(of: t) ?? 0
        var j = i
        let jstep: Int
        let endptrick: Int
        if i & 1 != 0 {
            j -= count
            jstep = 1
            endptrick = 0
        } else {
            jstep = -1
            endptrick = 1
        }
        while j != 0 {
            j += jstep
            t = children[cyclic(j, count)]
            let p = endps[cyclic(j - endptrick, count)] ^ endptrick
            if t >= n { augmentBlossom(t, endpoint[p]) }
            j += jstep
            t = children[cyclic(j, count)]
            if t >= n { augmentBlossom(t, endpoint[p ^ 1]) }
            mate[endpoint[p]] = p ^ 1
            mate[endpoint[p ^ 1]] = p
        }
        blossomChildren[b] = Array(children[i...] + children[..<i])
        blossomEndpoints[b] = Array(endps[i...] + endps[..<i])
        blossomBase[b] = blossomBase[children[i]]
    }

    /// Augments the matching along the path through edge `k` between two S-vertices.
    private mutating func augmentMatching(_ k: Int) {
        let n = vertexCount
        for (start, startEnd) in [(endpoint[2 * k], 2 * k + 1), (endpoint[2 * k + 1], 2 * k)] {
            var s = start
            var p = startEnd
            while true {
                let bs = inBlossom[s]
                if bs >= n { augmentBlossom(bs, s) }
                mate[s] = p
                if labelEnd[bs] == -1 { break }
                let t = endpoint[labelEnd[bs]]
                let bt = inBlossom[t]
                s = endpoint[labelEnd[bt]]
                let j = endpoint[labelEnd[bt] ^ 1]
                if bt >= n { augmentBlossom(bt, j) }
                mate[j] = labelEnd[bt]
                p = labelEnd[bt] ^ 1
            }
        }
    }
}

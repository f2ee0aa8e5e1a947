extension Matching {
    /// Pools up to this size also try the guided placement of the odd one out (see `groups`).
    public static let guidedTrioNodeLimit = 2_000
    /// Pools up to this size also try every member as the odd one out (see `groups`).
    public static let everyOddOneOutNodeLimit = 100

    /// Splits members into pairs plus, when someone would be left alone, exactly one trio.
    ///
    /// Everyone with at least one candidate edge is placed whenever the graph allows it; members
    /// without any edge are reported in `isolated` for the caller to handle. A trio needs all three
    /// of its pairs to be allowed: `trioWeight(x, y)` gives the weight of any two members meeting
    /// (nil when they must not meet). Without it only `edges` count, which on a pruned candidate
    /// graph can leave the odd one out with no triangle; callers that prune should pass it.
    ///
    /// How the odd one out is chosen: exact max-cardinality matchings, compared by members placed,
    /// then total weight (pairs plus the trio's three edges); earlier strategies win ties.
    /// 1. Plain: match everyone, then put the leftover member into the matched pair where its two
    ///    edges add the most weight.
    /// 2. Guided (pools up to `guidedTrioNodeLimit`): add one virtual node joined to every member
    ///    `v` by the sum of `v`'s two heaviest edges (the most `v` could add as a trio's third
    ///    member), so the matcher itself weighs who is best left out against the pair weights;
    ///    then place that member as in 1.
    /// 3. Every odd one out (pools up to `everyOddOneOutNodeLimit`): for each member `v`, match
    ///    the others and place `v` as in 1. On random complete pools of 5 to 11 members this finds
    ///    the best grouping in about 98% of cases (plain alone: about 33%, plus guided: about 70%).
    /// The pairs are always an exact optimum, so with non-negative weights the total is at most two
    /// edge weights below the best possible grouping.
    public static func groups(
        nodeCount: Int, edges: [Edge], trioWeight: (@Sendable (Int, Int) -> Int64?)? = nil
    ) -> Groups {
        let cleaned = heaviestSimpleEdges(nodeCount: nodeCount, edges: edges)
        var neighbours = [[(node: Int, weight: Int64)]](repeating: [], count: nodeCount)
        for edge in cleaned {
            neighbours[edge.a].append((edge.b, edge.weight))
            neighbours[edge.b].append((edge.a, edge.weight))
        }
        let isolated = (0..<nodeCount).filter { neighbours[$0].isEmpty }
        func place(_ matching: Result) -> Groups {
            placeLeftovers(matching: matching, neighbours: neighbours, isolated: isolated, trioWeight: trioWeight)
        }
        var best = place(matchSimpleEdges(nodeCount: nodeCount, edges: cleaned, maxCardinality: true))
        // A perfect matching needs no trio.
        guard !best.unplaced.isEmpty || best.trio != nil else { return best }
        func consider(_ candidate: Groups) {
            if candidate.unplaced.count < best.unplaced.count
                || (candidate.unplaced.count == best.unplaced.count && candidate.totalWeight > best.totalWeight)
            {
                best = candidate
            }
        }

        if nodeCount <= guidedTrioNodeLimit {
            let virtual = nodeCount
            var guidedEdges = cleaned
            for v in 0..<nodeCount where neighbours[v].count >= 2 {
                let heaviest = neighbours[v].map(\.weight).sorted(by: >)
                guidedEdges.append(Edge(v, virtual, weight: heaviest[0] + heaviest[1]))
            }
            let guided = matchSimpleEdges(nodeCount: nodeCount + 1, edges: guidedEdges, maxCardinality: true)
            let realPairs = guided.pairs.filter { $0.high != virtual }
            consider(place(Result(pairs: realPairs, totalWeight: realPairs.reduce(0) { $0 + $1.weight })))
        }

        if nodeCount <= everyOddOneOutNodeLimit {
            let minimumDegree = trioWeight == nil ? 2 : 1
            for v in 0..<nodeCount where neighbours[v].count >= minimumDegree {
                let others = cleaned.filter { $0.a != v && $0.b != v }
                consider(place(matchSimpleEdges(nodeCount: nodeCount, edges: others, maxCardinality: true)))
            }
        }
        return best
    }

    /// Puts one unmatched member into the pair where its two edges add the most weight.
    private static func placeLeftovers(
        matching: Result, neighbours: [[(node: Int, weight: Int64)]], isolated: [Int],
        trioWeight: (@Sendable (Int, Int) -> Int64?)?
    ) -> Groups {
        let nodeCount = neighbours.count
        var pairIndex = [Int](repeating: -1, count: nodeCount)
        for (index, pair) in matching.pairs.enumerated() {
            pairIndex[pair.low] = index
            pairIndex[pair.high] = index
        }
        let leftovers = (0..<nodeCount).filter { pairIndex[$0] == -1 && !neighbours[$0].isEmpty }
        var best: (joiner: Int, pair: Int, low: Int64, high: Int64)?
        func consider(_ x: Int, _ index: Int, _ low: Int64, _ high: Int64) {
            if let current = best {
                let gain = low + high
                let currentGain = current.low + current.high
                guard gain > currentGain || (gain == currentGain && (x, index) < (current.joiner, current.pair)) else {
                    return
                }
            }
            best = (x, index, low, high)
        }
        for x in leftovers {
            if let trioWeight {
                for (index, pair) in matching.pairs.enumerated() {
                    if let low = trioWeight(x, pair.low), let high = trioWeight(x, pair.high) {
                        consider(x, index, low, high)
                    }
                }
                continue
            }
            var weightTo: [Int: Int64] = [:]
            for (node, weight) in neighbours[x] { weightTo[node] = weight }
            for (node, _) in neighbours[x] {
                let index = pairIndex[node]
                guard index >= 0 else { continue }
                let pair = matching.pairs[index]
                // Visit each host pair once, from its lower member.
                if node == pair.low, let low = weightTo[pair.low], let high = weightTo[pair.high] {
                    consider(x, index, low, high)
                }
            }
        }
        guard let best else {
            return Groups(
                pairs: matching.pairs, trio: nil, isolated: isolated, unplaced: leftovers,
                totalWeight: matching.totalWeight
            )
        }
        let trio = Trio(
            host: matching.pairs[best.pair], joiner: best.joiner, joinerToLow: best.low, joinerToHigh: best.high)
        var pairs = matching.pairs
        pairs.remove(at: best.pair)
        return Groups(
            pairs: pairs, trio: trio, isolated: isolated, unplaced: leftovers.filter { $0 != best.joiner },
            totalWeight: matching.totalWeight + best.low + best.high
        )
    }
}

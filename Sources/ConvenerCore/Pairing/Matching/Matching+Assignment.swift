extension Matching {
    /// Assigns mentees to mentors with capacities, maximising total weight exactly.
    ///
    /// Mentor `i` takes at most `mentorCapacities[i]` mentees; every mentee gets at most one
    /// mentor. `weights[mentor][mentee]` is nil for a forbidden or unknown pair. Mentees may stay
    /// unassigned. Solved by the Hungarian algorithm on the smaller of mentees and mentor slots
    /// against the other side plus "unassigned" columns: O(r^2 * (M + S)) with r = min(M, S).
    ///
    /// - Parameter maxCardinality: `false` maximises weight alone (a pair with negative weight is
    ///   never made). `true` first assigns as many mentees as possible, then maximises weight among
    ///   those assignments; mentorship rounds should pass `true`.
    public static func assignment(
        mentorCapacities: [Int], menteeCount: Int, weights: [[Int64?]], maxCardinality: Bool
    ) -> Assignment {
        precondition(menteeCount >= 0, "Matching.assignment: menteeCount must not be negative.")
        precondition(
            weights.count == mentorCapacities.count,
            "Matching.assignment: weights has \(weights.count) rows but there are \(mentorCapacities.count) mentors."
        )
        var slotMentor: [Int] = []
        for (mentor, capacity) in mentorCapacities.enumerated() {
            precondition(capacity >= 0, "Matching.assignment: mentor \(mentor) has negative capacity \(capacity).")
            precondition(
                weights[mentor].count == menteeCount,
                "Matching.assignment: weights row \(mentor) has \(weights[mentor].count) entries, "
                    + "expected \(menteeCount) (one per mentee)."
            )
            for w in weights[mentor] {
                if let w {
                    precondition(
                        w.magnitude <= maximumAbsoluteWeight.magnitude,
                        "Matching.assignment: mentor \(mentor) weight \(w) exceeds ±2^40; scale weights down."
                    )
                }
            }
            // A mentor can never use more slots than there are mentees they may take.
            let usable = min(capacity, weights[mentor].reduce(0) { $0 + ($1 == nil ? 0 : 1) })
            slotMentor.append(contentsOf: repeatElement(mentor, count: usable))
        }
        let slots = slotMentor.count
        // The smaller side becomes the rows (the solver is quadratic in rows); the columns are the
        // other side plus one "nobody" column per row, so every row can stay unassigned.
        let slotsAreRows = slots < menteeCount
        let rows = slotsAreRows ? slots : menteeCount
        let real = slotsAreRows ? menteeCount : slots
        let weightAt: (Int, Int) -> Int64? =
            slotsAreRows
            ? { slot, mentee in weights[slotMentor[slot]][mentee] }
            : { mentee, slot in weights[slotMentor[slot]][mentee] }
        let chosen: [Int]
        if maxCardinality {
            let solver = MatchingHungarianSolver<MatchingLexicographicCost>(rows: rows, columns: real + rows) {
                row, column in
                guard column < real else { return .zero }
                return weightAt(row, column).map { MatchingLexicographicCost(primary: -1, secondary: -$0) }
            }
            chosen = solver.solve()
        } else {
            let solver = MatchingHungarianSolver<Int64>(rows: rows, columns: real + rows) { row, column in
                guard column < real else { return 0 }
                return weightAt(row, column).map { -$0 }
            }
            chosen = solver.solve()
        }
        var slotOfMentee = [Int](repeating: -1, count: menteeCount)
        for (row, column) in chosen.enumerated() where column >= 0 && column < real {
            if slotsAreRows {
                slotOfMentee[column] = row
            } else {
                slotOfMentee[row] = column
            }
        }
        var pairs: [MentorPair] = []
        var unassigned: [Int] = []
        var total: Int64 = 0
        for mentee in 0..<menteeCount {
            let slot = slotOfMentee[mentee]
            if slot >= 0, let w = weights[slotMentor[slot]][mentee] {
                pairs.append(MentorPair(mentor: slotMentor[slot], mentee: mentee, weight: w))
                total += w
            } else {
                unassigned.append(mentee)
            }
        }
        return Assignment(pairs: pairs, unassignedMentees: unassigned, totalWeight: total)
    }
}

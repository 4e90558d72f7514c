import Foundation

/// Who takes which slot: the participants in their order, `staffing` at a time, each group
/// holding `rotateEvery` slots in a row before the next group takes over. The n-th slot since
/// the roster's first day always goes to the same group, so generating a week twice, or the
/// next month later, continues the rotation instead of restarting it.
public struct DutyRotation: Sendable, Equatable {
    public var participants: [UUID]
    public var staffing: Int
    public var rotateEvery: Int

    public static let maxParticipants = 50
    public static let staffingRange = 1...5
    public static let rotateRange = 1...31

    public init(participants: [UUID], staffing: Int = 1, rotateEvery: Int = 1) {
        self.participants = participants
        self.staffing = staffing
        self.rotateEvery = rotateEvery
    }

    public func problems() -> [(field: String, text: TextKey)] {
        var problems: [(String, TextKey)] = []
        if participants.isEmpty { problems.append(("participants", .dutyNoParticipants)) }
        if participants.count > Self.maxParticipants { problems.append(("participants", .dutyTooManyParticipants)) }
        if Set(participants).count != participants.count { problems.append(("participants", .dutyDuplicateParticipant)) }
        if !Self.staffingRange.contains(staffing) { problems.append(("staffing", .dutyStaffingRange)) }
        if !Self.rotateRange.contains(rotateEvery) { problems.append(("rotateEvery", .dutyRotateRange)) }
        return problems
    }

    public struct Assignment: Sendable, Equatable {
        public var slot: DateInterval
        public var userId: UUID
        /// Someone other than the rotation's choice took it (the choice was busy).
        public var substitute: Bool
    }

    /// Assigns `slots`, the first of which is the `firstIndex`-th slot since the roster began.
    /// A member who is `busy` then (another shift of theirs overlaps) is replaced by the next
    /// free participant in order; a slot nobody free can take stays short, a gap to warn of.
    public func assign(_ slots: [DateInterval], firstIndex: Int, busy: (UUID, DateInterval) -> Bool) -> [Assignment] {
        let n = participants.count
        guard n > 0, staffing > 0, rotateEvery > 0 else { return [] }
        var result: [Assignment] = []
        for (offset, slot) in slots.enumerated() {
            let group = (firstIndex + offset) / rotateEvery
            var taken: Set<UUID> = []
            for member in 0..<min(staffing, n) {
                let first = (group * staffing + member) % n
                // The rotation's choice, else the next participant in order who is free.
                for step in 0..<n {
                    let candidate = participants[(first + step) % n]
                    if taken.contains(candidate) || busy(candidate, slot) { continue }
                    taken.insert(candidate)
                    result.append(Assignment(slot: slot, userId: candidate, substitute: step > 0))
                    break
                }
            }
        }
        return result
    }
}

/// Coverage of a roster: the parts of its slots that no shift covers (gaps), and who holds a
/// shift at an instant.
public enum DutyCoverage {
    /// The uncovered parts of `slots`, merged where they touch.
    public static func gaps(slots: [DateInterval], shifts: [DateInterval]) -> [DateInterval] {
        let covered = merge(shifts)
        var gaps: [DateInterval] = []
        for slot in slots.sorted(by: { $0.start < $1.start }) {
            var cursor = slot.start
            for piece in covered where piece.end > cursor && piece.start < slot.end {
                if piece.start > cursor { gaps.append(DateInterval(start: cursor, end: piece.start)) }
                cursor = max(cursor, piece.end)
                if cursor >= slot.end { break }
            }
            if cursor < slot.end { gaps.append(DateInterval(start: cursor, end: slot.end)) }
        }
        return merge(gaps)
    }

    /// Sorted, with overlapping or touching intervals joined.
    public static func merge(_ intervals: [DateInterval]) -> [DateInterval] {
        var merged: [DateInterval] = []
        for interval in intervals.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, interval.start <= last.end {
                merged[merged.count - 1] = DateInterval(start: last.start, end: max(last.end, interval.end))
            } else {
                merged.append(interval)
            }
        }
        return merged
    }
}

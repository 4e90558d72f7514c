import Foundation

/// The three duties of the contract (§四.10): the 5x8 on-site desk in working hours, the 7x24
/// mobile hotline outside them, and special 7x24 lane duty for a date range when 甲方 asks.
public enum DutyKind: String, Codable, Sendable, CaseIterable {
    case onsite, hotline, lane

    public var label: TextKey {
        switch self {
        case .onsite: .dutyKindOnsite
        case .hotline: .dutyKindHotline
        case .lane: .dutyKindLane
        }
    }

    public var hint: TextKey {
        switch self {
        case .onsite: .dutyKindOnsiteHint
        case .hotline: .dutyKindHotlineHint
        case .lane: .dutyKindLaneHint
        }
    }
}

/// When a roster must be staffed: its slots, derived from the business calendar (so holidays and
/// make-up working days move the desk and the hotline with them) or, for lane duty, from fixed
/// shifts over a date range. All arithmetic in Asia/Shanghai (no daylight saving), in minutes
/// after midnight.
public struct DutyPlan: Sendable, Equatable {
    public var kind: DutyKind
    /// Lane duty: hours of one shift (8, 12 or 24).
    public var shiftHours: Int
    /// Lane duty: when the first shift of a day starts; the desk and the hotline hand over when
    /// the working day starts (the calendar's first period).
    public var handoffMinute: Int
    /// The first day the roster runs.
    public var from: CalendarDate
    /// The last day (required for lane duty, open for the others).
    public var until: CalendarDate?

    public static let shiftHourChoices = [8, 12, 24]

    public init(kind: DutyKind, shiftHours: Int = 12, handoffMinute: Int = 480, from: CalendarDate, until: CalendarDate? = nil) {
        self.kind = kind
        self.shiftHours = shiftHours
        self.handoffMinute = handoffMinute
        self.from = from
        self.until = until
    }

    /// What is wrong with the plan, field by field (empty when it is sound).
    public func problems() -> [(field: String, text: TextKey)] {
        var problems: [(String, TextKey)] = []
        if kind == .lane {
            if !Self.shiftHourChoices.contains(shiftHours) { problems.append(("shiftHours", .dutyShiftHoursChoice)) }
            if until == nil { problems.append(("until", .dutyLaneNeedsEnd)) }
        }
        if !(0..<1440).contains(handoffMinute) { problems.append(("handoff", .dutyBadTime)) }
        if let until {
            if until < from { problems.append(("until", .dutyEndBeforeStart)) }
            else if from.days(until: until) > Self.maxDays { problems.append(("until", .dutyRangeTooLong)) }
        }
        return problems
    }

    /// At most this many days for one roster's range (about three years).
    public static let maxDays = 1_100

    /// The slots of the days `first…last` (clipped to the plan's range), in time order.
    public func slots(from first: CalendarDate, through last: CalendarDate, calendar: BusinessCalendar) -> [DateInterval] {
        let start = max(first, from)
        let end = until.map { min(last, $0) } ?? last
        guard start <= end else { return [] }
        var slots: [DateInterval] = []
        var day = start
        while day <= end {
            slots += self.slots(on: day, calendar: calendar)
            day = day.adding(days: 1)
        }
        return slots
    }

    /// The slots that start on one day.
    public func slots(on day: CalendarDate, calendar: BusinessCalendar) -> [DateInterval] {
        guard let midnight = day.startInBeijing else { return [] }
        func at(_ minute: Int) -> Date { midnight.addingTimeInterval(TimeInterval(minute * 60)) }
        let deskStart = calendar.periods.first?.lowerBound ?? 540
        let deskEnd = calendar.periods.last?.upperBound ?? 1080
        switch kind {
        case .onsite:
            guard calendar.isWorkingDay(day) else { return [] }
            return [DateInterval(start: at(deskStart), end: at(deskEnd))]
        case .hotline:
            // From the desk's close (or the handover on a day off) to the next day's handover.
            let start = calendar.isWorkingDay(day) ? at(deskEnd) : at(deskStart)
            return [DateInterval(start: start, end: at(1440 + deskStart))]
        case .lane:
            let length = max(1, shiftHours) * 60
            return stride(from: handoffMinute, to: handoffMinute + 1440, by: length).map {
                DateInterval(start: at($0), end: at($0 + length))
            }
        }
    }
}

extension DateInterval {
    /// Whether two intervals share any time (touching ends do not).
    public func overlapsStrictly(_ other: DateInterval) -> Bool {
        start < other.end && other.start < end
    }
}

import Foundation

/// What a day is, when the State Council's notice says so: a public holiday, or a weekend day
/// made a working day (调休).
public enum DayKind: String, Codable, Sendable, CaseIterable {
    case holiday, workday
}

/// A service calendar: when the SLA clock runs. `workingHours` (5x8) counts only working periods
/// of working days, with holidays and make-up working days as data; `always` (7x24) counts every
/// second. All day arithmetic happens in the calendar's time zone (Asia/Shanghai).
public struct BusinessCalendar: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case workingHours = "5x8", always = "7x24"
    }

    public var kind: Kind
    public var timeZone: TimeZone
    /// Working periods of a working day in minutes after midnight, sorted and apart.
    public var periods: [Range<Int>]
    /// Weekdays that work unless a day says otherwise (ISO: 1 Monday … 7 Sunday).
    public var workingWeekdays: Set<Int>
    /// Days that differ from the weekly rule.
    public var days: [CalendarDate: DayKind]

    /// Monday–Friday 09:00–12:00 and 13:00–18:00 (DOMAIN.md), Asia/Shanghai.
    public static let defaultPeriods = [540..<720, 780..<1080]
    public static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// How far the clock looks for working time before giving up (a calendar without any).
    static let horizonDays = 3_700

    public init(kind: Kind, timeZone: TimeZone = BusinessCalendar.shanghai, periods: [Range<Int>] = BusinessCalendar.defaultPeriods,
                workingWeekdays: Set<Int> = [1, 2, 3, 4, 5], days: [CalendarDate: DayKind] = [:]) {
        self.kind = kind
        self.timeZone = timeZone
        self.periods = periods.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        self.workingWeekdays = workingWeekdays
        self.days = days
    }

    public static func always(timeZone: TimeZone = BusinessCalendar.shanghai) -> BusinessCalendar {
        BusinessCalendar(kind: .always, timeZone: timeZone)
    }

    private var gregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Whether the day works: its own entry if it has one, else its weekday.
    public func isWorkingDay(_ day: CalendarDate) -> Bool {
        if kind == .always { return true }
        if let kind = days[day] { return kind == .workday }
        return workingWeekdays.contains(isoWeekday(day))
    }

    public func isoWeekday(_ day: CalendarDate) -> Int {
        guard let start = start(of: day) else { return 1 }
        let weekday = gregorian.component(.weekday, from: start) // 1 Sunday … 7 Saturday
        return weekday == 1 ? 7 : weekday - 1
    }

    /// Whether the clock runs at this instant.
    public func isWorkingTime(_ instant: Date) -> Bool {
        if kind == .always { return true }
        let day = CalendarDate.today(instant, in: timeZone)
        return intervals(on: day).contains { $0.start <= instant && instant < $0.end }
    }

    /// Business seconds between two instants (0 when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        if kind == .always { return end.timeIntervalSince(start) }
        var total: TimeInterval = 0
        var day = CalendarDate.today(start, in: timeZone)
        let last = CalendarDate.today(end, in: timeZone)
        while day <= last {
            for interval in intervals(on: day) {
                let from = max(interval.start, start), to = min(interval.end, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            day = day.adding(days: 1)
        }
        return total
    }

    /// The instant at which `seconds` of business time have run from `start`; nil only when the
    /// calendar has no working time for years ahead.
    public func adding(_ seconds: TimeInterval, to start: Date) -> Date? {
        if kind == .always { return start.addingTimeInterval(max(0, seconds)) }
        var remaining = max(0, seconds)
        var day = CalendarDate.today(start, in: timeZone)
        for _ in 0..<Self.horizonDays {
            for interval in intervals(on: day) where interval.end > start {
                let from = max(interval.start, start)
                let available = interval.end.timeIntervalSince(from)
                // A zero target is due when the clock first runs, so it lands inside working time.
                if remaining < available || (remaining == available && remaining > 0) {
                    return from.addingTimeInterval(remaining)
                }
                remaining -= available
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// The working periods of one day as instants (none on a day off).
    public func intervals(on day: CalendarDate) -> [DateInterval] {
        guard isWorkingDay(day), let midnight = start(of: day) else { return [] }
        let calendar = gregorian
        if kind == .always {
            let next = day.adding(days: 1)
            return [DateInterval(start: midnight, end: start(of: next) ?? midnight.addingTimeInterval(86_400))]
        }
        return periods.compactMap { period in
            guard let from = calendar.date(byAdding: .minute, value: period.lowerBound, to: midnight),
                  let to = calendar.date(byAdding: .minute, value: period.upperBound, to: midnight) else { return nil }
            return DateInterval(start: from, end: to)
        }
    }

    private func start(of day: CalendarDate) -> Date? {
        gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }
}

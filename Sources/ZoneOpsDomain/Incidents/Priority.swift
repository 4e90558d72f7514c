import Foundation

/// P1 (highest) to P4, from impact × urgency through the editable `PriorityMatrix`.
public enum Priority: Int, Codable, Sendable, CaseIterable, Comparable {
    case p1 = 1, p2, p3, p4

    public var label: String { "P\(rawValue)" }

    public init?(label: String) {
        guard label.count == 2, label.uppercased().hasPrefix("P"), let value = Int(label.dropFirst()) else { return nil }
        self.init(rawValue: value)
    }

    public static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
}

/// Impact (1 widespread … 3 one user) × urgency (1 stops business … 3 can wait) → priority.
/// Admins edit the nine cells; the default is the usual ITIL staircase.
public struct PriorityMatrix: Sendable, Equatable, Codable {
    /// `cells[impact - 1][urgency - 1]`.
    public var cells: [[Priority]]

    public static let levels = 1...3

    public static let standard = PriorityMatrix(cells: [
        [.p1, .p2, .p3],
        [.p2, .p3, .p4],
        [.p3, .p4, .p4],
    ])

    public init(cells: [[Priority]]) {
        self.cells = cells
    }

    /// Nil when impact or urgency is outside 1–3 (or the matrix is malformed).
    public func priority(impact: Int, urgency: Int) -> Priority? {
        guard Self.levels.contains(impact), Self.levels.contains(urgency), cells.count == 3,
              cells[impact - 1].count == 3 else { return nil }
        return cells[impact - 1][urgency - 1]
    }

    public var isComplete: Bool { cells.count == 3 && cells.allSatisfy { $0.count == 3 } }
}

/// Response and resolution targets of one priority, and which service calendar runs them.
public struct SLATarget: Sendable, Equatable, Codable {
    public var priority: Priority
    public var responseSeconds: TimeInterval
    public var resolveSeconds: TimeInterval
    public var calendar: BusinessCalendar.Kind

    public init(priority: Priority, responseSeconds: TimeInterval, resolveSeconds: TimeInterval, calendar: BusinessCalendar.Kind) {
        self.priority = priority
        self.responseSeconds = responseSeconds
        self.resolveSeconds = resolveSeconds
        self.calendar = calendar
    }

    /// Defaults until an admin sets their own: P1/P2 on 7x24 (lanes and video never stop),
    /// P3/P4 in working hours.
    public static let defaults: [SLATarget] = [
        SLATarget(priority: .p1, responseSeconds: 15 * 60, resolveSeconds: 4 * 3600, calendar: .always),
        SLATarget(priority: .p2, responseSeconds: 30 * 60, resolveSeconds: 8 * 3600, calendar: .always),
        SLATarget(priority: .p3, responseSeconds: 2 * 3600, resolveSeconds: 16 * 3600, calendar: .workingHours),
        SLATarget(priority: .p4, responseSeconds: 4 * 3600, resolveSeconds: 40 * 3600, calendar: .workingHours),
    ]

    /// The share of a target at which a warning is raised.
    public static let defaultWarningShare = 0.75
}

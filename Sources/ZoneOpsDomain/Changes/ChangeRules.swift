import Foundation

/// The kinds of change (DOMAIN.md). A standard change comes from a pre-approved template; an
/// emergency change may skip the notice period but needs a written reason and is flagged
/// wherever changes are counted; a major change is the contract's 重大维护 (§八.1.4).
public enum ChangeType: String, Codable, Sendable, CaseIterable {
    case standard, normal, emergency, major

    public var label: TextKey {
        switch self {
        case .standard: .chgTypeStandard
        case .normal: .chgTypeNormal
        case .emergency: .chgTypeEmergency
        case .major: .chgTypeMajor
        }
    }
}

/// draft → submitted → approved / rejected → scheduled → implementing → completed / failed /
/// rolled back → reviewed. A rejected change can be revised and submitted again.
public enum ChangeStatus: String, Codable, Sendable, CaseIterable {
    case draft, submitted, approved, rejected, scheduled, implementing, completed, failed
    case rolledBack = "rolled_back"
    case reviewed

    /// Statuses whose window is booked: they count for collisions, the calendar and maintenance.
    public static let booked: [ChangeStatus] = [.approved, .scheduled, .implementing]
    /// Statuses after implementation, waiting for (or past) the review.
    public static let finished: [ChangeStatus] = [.completed, .failed, .rolledBack, .reviewed]

    public var label: TextKey {
        switch self {
        case .draft: .chgStatusDraft
        case .submitted: .chgStatusSubmitted
        case .approved: .chgStatusApproved
        case .rejected: .chgStatusRejected
        case .scheduled: .chgStatusScheduled
        case .implementing: .chgStatusImplementing
        case .completed: .chgStatusCompleted
        case .failed: .chgStatusFailed
        case .rolledBack: .chgStatusRolledBack
        case .reviewed: .chgStatusReviewed
        }
    }

    /// The status after `action`, or nil when this status does not allow it (409).
    /// `complete` leads to the result the implementer reports (see `ChangeResult`).
    public func after(_ action: ChangeAction, result: ChangeResult = .completed) -> ChangeStatus? {
        switch (action, self) {
        case (.submit, .draft), (.submit, .rejected): .submitted
        case (.approve, .submitted): .approved
        case (.reject, .submitted): .rejected
        case (.schedule, .approved): .scheduled
        case (.implement, .approved), (.implement, .scheduled): .implementing
        case (.complete, .implementing): result.status
        case (.review, .completed), (.review, .failed), (.review, .rolledBack): .reviewed
        default: nil
        }
    }
}

/// What people do to a change; the raw values are API.md's action names.
public enum ChangeAction: String, Codable, Sendable, CaseIterable {
    case submit, approve, reject, schedule, implement, complete, review
}

/// How an implementation ended.
public enum ChangeResult: String, Codable, Sendable, CaseIterable {
    case completed, failed
    case rolledBack = "rolled_back"

    public var status: ChangeStatus {
        switch self {
        case .completed: .completed
        case .failed: .failed
        case .rolledBack: .rolledBack
        }
    }
}

/// `CHG-YYYY-NNNNNN`: a per-year sequence, like incidents.
public enum ChangeNumber {
    public static func format(year: Int, sequence: Int) -> String {
        "CHG-" + String(year) + "-" + String(repeating: "0", count: max(0, 6 - String(sequence).count)) + String(sequence)
    }
}

/// A planned or actual period, `[start, end)`.
public struct TimeWindow: Sendable, Equatable, Codable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public func overlaps(_ other: TimeWindow) -> Bool { start < other.end && other.start < end }
    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }
}

/// The rules a change is held to, as data an administrator edits: the notice period of the
/// contract (5 calendar days for major changes) and who approves each type.
public struct ChangeRules: Sendable, Equatable {
    /// Calendar days between the day a major change is submitted and the day it starts.
    public var leadDays: Int
    /// Roles that approve each type; a standard change (pre-approved template) needs nobody.
    public var approvers: [ChangeType: [Role]]

    public init(leadDays: Int, approvers: [ChangeType: [Role]]) {
        self.leadDays = leadDays
        self.approvers = approvers
    }

    /// The zone administration's supervisor approves major changes; the lead approves the rest.
    public static let standard = ChangeRules(leadDays: 5, approvers: [.standard: [], .normal: [.lead], .emergency: [.lead], .major: [.supervisor]])

    public static let leadDaysRange = 0...30

    public func approvers(of type: ChangeType) -> [Role] { approvers[type] ?? Self.standard.approvers[type] ?? [] }

    /// Whether a change of `type` is approved by submitting it (a standard change).
    public func isPreApproved(_ type: ChangeType) -> Bool { approvers(of: type).isEmpty }

    /// Why submitting now is refused, or nil: a major change must be submitted at least
    /// `leadDays` calendar days (Beijing) before the day it starts. An emergency change is
    /// exempt (it carries its written reason instead).
    public func leadTimeShortfall(type: ChangeType, plannedStart: Date, submittedAt: Date) -> Int? {
        guard type == .major else { return nil }
        let days = CalendarDate.today(submittedAt).days(until: CalendarDate.today(plannedStart))
        return days >= leadDays ? nil : leadDays - days
    }
}

/// Two booked changes that touch the same CI (or one touches a CI in the other's impact) in
/// overlapping windows, and changes inside a declared blackout period.
public enum ChangeCollisions {
    public struct Booking: Sendable, Equatable {
        public var id: UUID
        public var window: TimeWindow
        /// The CIs the change names.
        public var cis: Set<UUID>
        /// The CIs it names plus those in their impact (what fails with them).
        public var reach: Set<UUID>

        public init(id: UUID, window: TimeWindow, cis: Set<UUID>, reach: Set<UUID>) {
            self.id = id
            self.window = window
            self.cis = cis
            self.reach = reach.union(cis)
        }
    }

    public struct Clash: Sendable, Equatable {
        public var other: UUID
        /// The CIs both touch, directly or through impact.
        public var shared: Set<UUID>
    }

    /// The bookings that clash with `change`, in the order given.
    public static func clashes(of change: Booking, among others: [Booking]) -> [Clash] {
        others.compactMap { other in
            guard other.id != change.id, change.window.overlaps(other.window) else { return nil }
            let shared = change.cis.intersection(other.reach).union(other.cis.intersection(change.reach))
            return shared.isEmpty ? nil : Clash(other: other.id, shared: shared)
        }
    }
}

/// What a release versions: a business system's software or a device's firmware.
public enum ReleaseKind: String, Codable, Sendable, CaseIterable {
    case software, firmware

    public var label: TextKey { self == .software ? .relKindSoftware : .relKindFirmware }
}

/// `REL-YYYY-NNNNNN`.
public enum ReleaseNumber {
    public static func format(year: Int, sequence: Int) -> String {
        "REL-" + String(year) + "-" + String(repeating: "0", count: max(0, 6 - String(sequence).count)) + String(sequence)
    }
}

/// The life of an incident: new → assigned → in progress → (pending) → resolved → closed,
/// reopened within a configurable number of days after resolve or close.
public enum IncidentStatus: String, Codable, Sendable, CaseIterable {
    case new, assigned, inProgress = "in_progress", pending, resolved, closed

    /// Statuses the `open` filter of API.md means.
    public static let open: [IncidentStatus] = [.new, .assigned, .inProgress, .pending]

    public var isOpen: Bool { Self.open.contains(self) }

    /// The status as people read it (catalog key).
    public var label: TextKey {
        switch self {
        case .new: .incStatusNew
        case .assigned: .incStatusAssigned
        case .inProgress: .incStatusInProgress
        case .pending: .incStatusPending
        case .resolved: .incStatusResolved
        case .closed: .incStatusClosed
        }
    }

    /// The status after `action`, or nil when this status does not allow it (409).
    public func after(_ action: IncidentAction, hasAssignee: Bool) -> IncidentStatus? {
        switch (action, self) {
        case (.assign, .new), (.assign, .assigned), (.assign, .inProgress), (.assign, .pending): return .assigned
        case (.claim, .new), (.claim, .assigned): return .assigned
        case (.acknowledge, .assigned), (.acknowledge, .inProgress): return self
        case (.start, .new), (.start, .assigned), (.start, .pending): return .inProgress
        case (.pend, .assigned), (.pend, .inProgress): return .pending
        case (.resolve, .new), (.resolve, .assigned), (.resolve, .inProgress), (.resolve, .pending): return .resolved
        case (.close, .resolved): return .closed
        case (.reopen, .resolved), (.reopen, .closed): return hasAssignee ? .assigned : .new
        case (.survey, .resolved), (.survey, .closed): return self
        default: return nil
        }
    }
}

/// What people (and rules) do to an incident; the raw values are API.md's action names.
public enum IncidentAction: String, Codable, Sendable, CaseIterable {
    case assign, claim, acknowledge, start, pend, resolve, close, reopen, survey
}

/// Why an incident waits. Only pausing reasons stop the resolution clock: waiting for the
/// requester always; a vendor or a spare part only when admins allow it.
public enum PendingReason: String, Codable, Sendable, CaseIterable {
    case requester, vendor, sparePart = "spare_part", other

    public func pausesClock(vendorPauses: Bool) -> Bool {
        switch self {
        case .requester: true
        case .vendor, .sparePart: vendorPauses
        case .other: false
        }
    }
}

/// Where an incident came from (DOMAIN.md).
public enum IncidentChannel: String, Codable, Sendable, CaseIterable {
    case portal, hotline, mobile, monitoring, inspection, api
}

/// `INC-YYYY-NNNNNN`: a per-year sequence.
public enum IncidentNumber {
    public static func format(year: Int, sequence: Int) -> String {
        "INC-" + String(year) + "-" + String(repeating: "0", count: max(0, 6 - String(sequence).count)) + String(sequence)
    }
}
